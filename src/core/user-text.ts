/**
 * Bytes a user gave us (a watchlist CSV, a `lookup --file` list) → text, or a UsageError that
 * says how to save the file. Pure. One policy for every file a user hands the project:
 *
 *   UTF-8 with or without a BOM, UTF-16 LE/BE with a BOM (Excel's "Unicode Text", tab-separated),
 *   and Windows-1252 (what Excel's plain "CSV" writes on Windows) are read (src/core/decode.ts);
 *   anything else — UTF-16 without a BOM, an .xlsx workbook, binary, text with NUL or other
 *   control characters — is refused with "save it as CSV UTF-8", naming the line.
 *
 *   decodeUserText(await readFile('suppliers.csv'))   // the text, BOM gone
 */
import { UsageError } from '../errors.js';
import { decodeText, findControlCharacter, lineOf, type TextEncodingName } from './decode.js';

const SAVE_AS = 'save it as CSV UTF-8 (in Excel: File › Save As › "CSV UTF-8 (Comma delimited)")';

/** Decoded user text and what it was read as. */
export interface UserText {
  text: string;
  encoding: TextEncodingName;
}

/** Throws UsageError naming the problem and the fix; never returns text with control characters. */
export function decodeUserText(bytes: Uint8Array): UserText {
  if (bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04) {
    throw new UsageError(`this is a spreadsheet workbook (.xlsx or .zip), not a CSV file: ${SAVE_AS}`);
  }
  const decoded = decodeText(bytes, { fallback: 'windows-1252' });
  if (!decoded.ok) throw new UsageError(`${decoded.reason.replace(/; save the file as UTF-8$/, '')}: ${SAVE_AS}`);
  const control = findControlCharacter(decoded.text);
  if (control) {
    const code = `0x${control.code.toString(16).padStart(2, '0').toUpperCase()}`;
    throw new UsageError(`line ${lineOf(decoded.text, control.index)}: control character ${code} — the file is not plain text in a known encoding: ${SAVE_AS}`);
  }
  return { text: decoded.text, encoding: decoded.encoding };
}
