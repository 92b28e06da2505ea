/**
 * CRC-32 (the zlib/PNG polynomial) of some bytes: the checksums of the lookup copy
 * (src/worker/lookup-copy.ts). zlib's native one where Node has it (20.15 and later: ~4 GB/s), else the
 * same function in JS from a table.
 *
 *   crc32(Buffer.from('123456789'))   // 0xcbf43926
 */
import * as zlib from 'node:zlib';

let table: Uint32Array | undefined;

function crc32Js(bytes: Uint8Array): number {
  table ??= Uint32Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  let crc = 0xffffffff;
  for (let i = 0; i < bytes.length; i++) crc = table[(crc ^ bytes[i]!) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

/** zlib's, when this Node has it (typed as always present; older 20.x lack it). */
const native = (zlib as { crc32?: (data: Uint8Array) => number }).crc32;

export function crc32(bytes: Uint8Array): number {
  return native ? native(bytes) : crc32Js(bytes);
}

/** The JS one, for the test that holds it to zlib's. */
export { crc32Js };
