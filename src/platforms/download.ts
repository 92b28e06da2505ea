/**
 * Reading a file a chat platform hands over (a Slack private download, a Discord attachment),
 * with a size cap, so a huge or endless body cannot fill the memory of the worker.
 *
 *   const bytes = await readCapped(await fetch(url), 'suppliers.csv');   // Buffer, or UsageError
 */
import { UsageError } from '../errors.js';

/** Largest counterparty file read from chat; 100,000 rows of names fit well within it. */
export const MAX_CHAT_FILE_BYTES = 20 * 1024 * 1024;

export function tooLarge(name: string): UsageError {
  return new UsageError(`${name} is larger than ${MAX_CHAT_FILE_BYTES / 1024 / 1024} MB: import it with the CLI (entitywatch watchlist import FILE --name NAME)`);
}

export async function readCapped(res: Response, name: string): Promise<Buffer> {
  if (Number(res.headers.get('content-length') ?? 0) > MAX_CHAT_FILE_BYTES) throw tooLarge(name);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of res.body ?? []) {
    size += (chunk as Uint8Array).length;
    if (size > MAX_CHAT_FILE_BYTES) throw tooLarge(name);
    chunks.push(Buffer.from(chunk as Uint8Array));
  }
  return Buffer.concat(chunks);
}
