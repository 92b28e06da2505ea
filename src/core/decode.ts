/**
 * Turning a publisher's or a user's bytes into text, deliberately. Pure.
 *
 *   const decoded = decodeText(bytes, { fallback: 'windows-1252' });
 *   if (!decoded.ok) throw new SnapshotRefusedError('encoding', decoded.reason);
 *
 * Read correctly: UTF-8 with or without a byte-order mark, UTF-16 LE/BE with a byte-order mark
 * (Excel's "Unicode Text"). Bytes that are not valid UTF-8 are refused with a one-line reason,
 * unless the caller names Windows-1252 as the fallback (for publishers and spreadsheets known to
 * write it). UTF-16 without a byte-order mark is recognised by its NUL bytes and refused rather
 * than read as garbage. A trailing run of DOS end-of-file bytes (0x1A, as OFAC's files end) is
 * dropped. The BOM never reaches the text.
 */

/** The encodings decodeText can report. */
export type TextEncodingName = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';

/** Text decoded from bytes, with what it was decoded as. */
export interface DecodedText {
  ok: true;
  /** The text, BOM and trailing 0x1A bytes removed. */
  text: string;
  /** The encoding the bytes were read as. */
  encoding: TextEncodingName;
  /** Whether the bytes began with a byte-order mark. */
  bom: boolean;
}

/** Bytes that could not be read as text; `reason` is one line, for a refusal or an error. */
export interface UndecodableText {
  ok: false;
  reason: string;
}

export interface DecodeOptions {
  /** Read bytes that are not valid UTF-8 as this encoding instead of refusing them. */
  fallback?: 'windows-1252';
}

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const utf16le = new TextDecoder('utf-16le', { fatal: true, ignoreBOM: true });
const utf16be = new TextDecoder('utf-16be', { fatal: true, ignoreBOM: true });
const latin1 = new TextDecoder('latin1');

/**
 * Windows-1252's characters for bytes 0x80–0x9F (the rest of it is Latin-1). Node 20's
 * TextDecoder('windows-1252') decodes these bytes as C1 controls, so the table is applied here.
 * The five undefined bytes (0x81, 0x8D, 0x8F, 0x90, 0x9D) stay controls and are caught downstream.
 */
const CP1252_HIGH = '\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f' +
  '\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178';

function decodeWindows1252(bytes: Uint8Array): string {
  return repairC1Controls(latin1.decode(bytes));
}

/**
 * Text whose C1 controls (U+0080–U+009F) stand for Windows-1252 characters, as when a
 * Windows-1252 file was once read as Latin-1 and saved as UTF-8 ("Xi\u0092an" for "Xi’an"):
 * each such control becomes its Windows-1252 character. The five undefined ones stay.
 */
export function repairC1Controls(text: string): string {
  return text.replace(/[\u0080-\u009f]/g, (c) => CP1252_HIGH[c.charCodeAt(0) - 0x80] ?? c);
}

/** Decode bytes as described in the module comment. Never throws. */
export function decodeText(bytes: Uint8Array, options: DecodeOptions = {}): DecodedText | UndecodableText {
  const body = withoutDosEof(bytes);
  if (body[0] === 0xef && body[1] === 0xbb && body[2] === 0xbf) return attempt(utf8, body.subarray(3), 'utf-8', true);
  if (body[0] === 0xff && body[1] === 0xfe) return attempt(utf16le, body.subarray(2), 'utf-16le', true);
  if (body[0] === 0xfe && body[1] === 0xff) return attempt(utf16be, body.subarray(2), 'utf-16be', true);
  if (looksLikeUtf16WithoutBom(body)) {
    return { ok: false, reason: 'the bytes look like UTF-16 without a byte-order mark; save the file as UTF-8' };
  }
  const decoded = attempt(utf8, body, 'utf-8', false);
  if (decoded.ok || options.fallback !== 'windows-1252') return decoded;
  return { ok: true, text: decodeWindows1252(body), encoding: 'windows-1252', bom: false };
}

/**
 * The position and code of the first control character other than tab, line feed and carriage
 * return (NUL, 0x1A, DEL, C1 controls), or null. Stored names must never carry one.
 */
export function findControlCharacter(text: string): { index: number; code: number } | null {
  const match = CONTROL.exec(text);
  return match ? { index: match.index, code: match[0].charCodeAt(0) } : null;
}

const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;

/** The 1-based line number of a character offset, for one-line refusals. */
export function lineOf(text: string, index: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < index; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

function attempt(decoder: { decode(bytes: Uint8Array): string }, bytes: Uint8Array, encoding: TextEncodingName, bom: boolean): DecodedText | UndecodableText {
  try {
    return { ok: true, text: decoder.decode(bytes), encoding, bom };
  } catch {
    const at = firstInvalidUtf8(bytes);
    const where = encoding === 'utf-8' && at >= 0 ? ` at byte ${at + (bom ? 3 : 0)}` : '';
    return { ok: false, reason: `the bytes are not valid ${encoding.toUpperCase()}${where}; save the file as UTF-8` };
  }
}

/** The bytes without a trailing run of 0x1A (DOS end-of-file) bytes. */
function withoutDosEof(bytes: Uint8Array): Uint8Array {
  let end = bytes.length;
  while (end > 0 && bytes[end - 1] === 0x1a) end--;
  return end === bytes.length ? bytes : bytes.subarray(0, end);
}

/** Many NULs at only even or only odd positions in the first KiB: UTF-16 text with no BOM. */
function looksLikeUtf16WithoutBom(bytes: Uint8Array): boolean {
  const n = Math.min(bytes.length, 1024);
  if (n < 4) return false;
  let even = 0;
  let odd = 0;
  for (let i = 0; i < n; i++) {
    if (bytes[i] === 0) {
      if (i % 2 === 0) even++;
      else odd++;
    }
  }
  const half = n / 2;
  return (even > half * 0.3 && odd === 0) || (odd > half * 0.3 && even === 0);
}

/** Offset of the first byte that breaks UTF-8, or -1 (for a useful refusal message). */
function firstInvalidUtf8(bytes: Uint8Array): number {
  for (let i = 0; i < bytes.length; ) {
    const b = bytes[i] ?? 0;
    const need = b < 0x80 ? 0 : b >= 0xc2 && b <= 0xdf ? 1 : b >= 0xe0 && b <= 0xef ? 2 : b >= 0xf0 && b <= 0xf4 ? 3 : -1;
    if (need < 0) return i;
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
    }
    i += need + 1;
  }
  return -1;
}
