/**
 * Every snapshot source's bytes → text, through core/decode.ts, with one-line refusals.
 *
 *   const text = readText(body.bytes, 'SDN.CSV');          // string, or SnapshotRefusedError('encoding')
 *   const utf8 = readUtf8(body.bytes, 'the CSL download'); // the same, as UTF-8 bytes for byte parsers
 *
 * Read: UTF-8 with or without a byte-order mark, UTF-16 LE/BE with one. Refused as `encoding`:
 * bytes that are not valid UTF-8 (a Latin-1 / Windows-1252 re-encoding), UTF-16 without a BOM,
 * and gzip bytes served without `Content-Encoding`. No publisher this project reads ships whole
 * Windows-1252 files (OFAC's legacy files are ASCII; trade.gov and the eCFR serve UTF-8), so no
 * source uses decode.ts's Windows-1252 fallback: guessing would store names with the wrong
 * letters and announce every one of them as amended. What trade.gov does ship is Windows-1252
 * punctuation stored as C1 controls inside UTF-8 (`ReadOptions.repairC1`). A trailing run of DOS end-of-file bytes
 * (0x1A, as OFAC's files end) is dropped by decode.ts. Text holding a NUL byte (binary garbage
 * or a broken export) or U+FFFD (a character already lost by an earlier re-encoding) is refused
 * as `encoding` too, naming the line: stored names must never carry either.
 */
import { isUtf8 } from 'node:buffer';
import { decodeText, lineOf, repairC1Controls } from '../core/decode.js';
import { SnapshotRefusedError } from '../errors.js';

function refuseUndecodable(bytes: Uint8Array, what: string, reason: string): never {
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) {
    throw new SnapshotRefusedError('encoding', `${what} is gzip-compressed bytes (served without Content-Encoding?), not text`);
  }
  throw new SnapshotRefusedError('encoding', `${what}: ${reason}`);
}

/** Refuses text holding NUL or U+FFFD, naming the first line that does. */
function checkLost(text: string, what: string): string {
  const nul = text.indexOf('\u0000');
  if (nul !== -1) throw new SnapshotRefusedError('encoding', `${what} holds a NUL byte at line ${lineOf(text, nul)} (binary data or a broken export)`);
  const lost = text.indexOf('\uFFFD');
  if (lost !== -1) {
    throw new SnapshotRefusedError('encoding', `${what} holds U+FFFD at line ${lineOf(text, lost)} (a character lost in an earlier re-encoding)`);
  }
  return text;
}

/** The bytes as text. Throws SnapshotRefusedError('encoding'). */
export function readText(bytes: Uint8Array, what: string): string {
  const decoded = decodeText(bytes);
  if (!decoded.ok) return refuseUndecodable(bytes, what, decoded.reason);
  return checkLost(decoded.text, what);
}

const REPLACEMENT_UTF8 = Buffer.from([0xef, 0xbf, 0xbd]);

export interface ReadOptions {
  /**
   * Repair C1 controls that stand for Windows-1252 punctuation (core/decode.ts
   * `repairC1Controls`), for a publisher known to ship them: trade.gov's CSL has carried
   * "Xi\u0092an" for "Xi’an" (in the 2019 and 2023 files staged in ../shared/data).
   */
  repairC1?: boolean;
}

/** UTF-8 of U+0080–U+009F: 0xC2 followed by 0x80–0x9F. */
function hasC1(bytes: Buffer): boolean {
  for (let i = bytes.indexOf(0xc2); i !== -1; i = bytes.indexOf(0xc2, i + 1)) {
    const next = bytes[i + 1] ?? 0;
    if (next >= 0x80 && next <= 0x9f) return true;
  }
  return false;
}

/**
 * The bytes as UTF-8 without BOM or trailing 0x1A, for parsers that scan bytes (CSL JSON).
 * Valid BOM-less UTF-8 (the usual case) is returned as it is, without a copy.
 */
export function readUtf8(bytes: Buffer, what: string, options: ReadOptions = {}): Buffer {
  // No BOM, no 0x1A at the end, no NUL (UTF-16 without BOM is valid UTF-8 byte by byte), no U+FFFD.
  const plain = bytes[0] !== 0xef && bytes[0] !== 0xff && bytes[0] !== 0xfe && bytes[bytes.length - 1] !== 0x1a;
  // Both searches are memchr-fast; a hit takes the slow path, which names the line.
  const clean = plain && !bytes.includes(0) && !bytes.includes(REPLACEMENT_UTF8) && isUtf8(bytes);
  if (clean && !(options.repairC1 && hasC1(bytes))) return bytes;
  const text = readText(bytes, what);
  return Buffer.from(options.repairC1 ? repairC1Controls(text) : text, 'utf8');
}
