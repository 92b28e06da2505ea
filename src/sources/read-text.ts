/**
 * Every snapshot source's bytes → text, through core/decode.ts, with one-line refusals.
 *
 *   const text = readText(body.bytes, 'SDN.CSV');          // string, or SnapshotRefusedError('encoding')
 *   const utf8 = readUtf8(body.bytes, 'the CSL download'); // the same, as UTF-8 bytes for byte parsers
 *
 * Read: UTF-8 with or without a byte-order mark, UTF-16 LE/BE with one. Refused as `encoding`:
 * bytes that are not valid UTF-8 (a Latin-1 / Windows-1252 re-encoding), UTF-16 without a BOM,
 * and gzip bytes served without `Content-Encoding`. No publisher this project reads is known to
 * ship Windows-1252 (OFAC's legacy files are ASCII; trade.gov and the eCFR serve UTF-8), so no
 * source uses decode.ts's Windows-1252 fallback: guessing would store names with the wrong
 * letters and announce every one of them as amended. A trailing run of DOS end-of-file bytes
 * (0x1A, as OFAC's files end) is dropped by decode.ts.
 */
import { isUtf8 } from 'node:buffer';
import { decodeText } from '../core/decode.js';
import { SnapshotRefusedError } from '../errors.js';

function refuseUndecodable(bytes: Uint8Array, what: string, reason: string): never {
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) {
    throw new SnapshotRefusedError('encoding', `${what} is gzip-compressed bytes (served without Content-Encoding?), not text`);
  }
  throw new SnapshotRefusedError('encoding', `${what}: ${reason}`);
}

/** The bytes as text. Throws SnapshotRefusedError('encoding'). */
export function readText(bytes: Uint8Array, what: string): string {
  const decoded = decodeText(bytes);
  if (!decoded.ok) return refuseUndecodable(bytes, what, decoded.reason);
  return decoded.text;
}

/**
 * The bytes as UTF-8 without BOM or trailing 0x1A, for parsers that scan bytes (CSL JSON).
 * Valid BOM-less UTF-8 (the usual case) is returned as it is, without a copy.
 */
export function readUtf8(bytes: Buffer, what: string): Buffer {
  // No BOM, no 0x1A at the end, no NUL early on (UTF-16 without BOM is valid UTF-8 byte by byte).
  const plain = bytes[0] !== 0xef && bytes[0] !== 0xff && bytes[0] !== 0xfe && bytes[bytes.length - 1] !== 0x1a;
  if (plain && !bytes.subarray(0, 1024).includes(0) && isUtf8(bytes)) return bytes;
  return Buffer.from(readText(bytes, what), 'utf8');
}
