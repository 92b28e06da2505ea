/** The lookup copy's checksum (src/worker/crc32.ts): the standard CRC-32, the JS fallback equal to zlib's. */
import { randomBytes } from 'node:crypto';
import * as zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { crc32, crc32Js } from '../../src/worker/crc32.js';

describe('crc32', () => {
  it('is the standard CRC-32', () => {
    expect(crc32(Buffer.from('123456789'))).toBe(0xcbf43926);
    expect(crc32Js(Buffer.from('123456789'))).toBe(0xcbf43926);
    expect(crc32(new Uint8Array(0))).toBe(0);
  });

  it('gives what zlib gives, in JS too', () => {
    for (const length of [1, 7, 64, 1000, 65_537]) {
      const bytes = randomBytes(length);
      expect(crc32Js(bytes)).toBe(zlib.crc32(bytes));
      expect(crc32(bytes)).toBe(zlib.crc32(bytes));
    }
  });
});
