/**
 * Read a file a user gave the CLI (`lookup --file`, `watchlist import`) as text, by the one
 * policy in src/core/user-text.ts. Throws UsageError naming the file, the problem and the fix.
 */
import { readFile } from 'node:fs/promises';
import { decodeUserText } from '../core/user-text.js';
import { UsageError } from '../errors.js';

export async function readUserBytes(path: string): Promise<Buffer> {
  try {
    return await readFile(path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? 'error';
    const why = code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : code === 'EISDIR' ? 'it is a folder' : code;
    throw new UsageError(`cannot read ${path}: ${why}`, { cause: err });
  }
}

export async function readUserText(path: string): Promise<string> {
  const bytes = await readUserBytes(path);
  try {
    return decodeUserText(bytes).text;
  } catch (err) {
    if (err instanceof UsageError) throw new UsageError(`${path}: ${err.message}`, { cause: err });
    throw err;
  }
}
