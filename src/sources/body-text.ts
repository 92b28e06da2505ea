/**
 * A snapshot body as text, through the one deliberate decoder (core/decode.ts): UTF-8 with or
 * without BOM, UTF-16 with BOM, DOS EOF dropped; other bytes refused as `encoding`, naming what
 * was being read — or, with `fallback: 'windows-1252'`, read as that (for files people type).
 *
 *   const html = bodyText(body, 'the UFLPA Entity List page');
 */
import { decodeText, type DecodeOptions } from '../core/decode.js';
import { SnapshotRefusedError } from '../errors.js';
import type { SnapshotBody } from './types.js';

export function bodyText(body: Pick<SnapshotBody, 'bytes'>, what: string, options: DecodeOptions = {}): string {
  const decoded = decodeText(body.bytes, options);
  if (!decoded.ok) throw new SnapshotRefusedError('encoding', `${what}: ${decoded.reason}`);
  return decoded.text;
}
