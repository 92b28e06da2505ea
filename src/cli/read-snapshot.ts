/**
 * Read a snapshot file for `parse`, `diff` and `ingest`, with the same body checks a download
 * gets (an HTML page or an empty file is refused before any parser sees it).
 */
import { readFile } from 'node:fs/promises';
import { checkBody } from '../core/guard.js';
import { UsageError } from '../errors.js';
import type { SnapshotBody } from '../sources/types.js';

/** `html`: the source's list is a web page (DHS, FCC); its parser refuses error and challenge pages itself. */
export async function readSnapshotFile(path: string, options: { html?: boolean } = {}): Promise<SnapshotBody> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (err) {
    throw new UsageError(`cannot read ${path}: ${(err as NodeJS.ErrnoException).code ?? 'error'}`);
  }
  if (!options.html) checkBody(bytes, null);
  return { bytes, contentType: null, location: path };
}
