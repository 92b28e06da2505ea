/**
 * Downloads for snapshot sources: conditional GET over HTTP(S), or a local file (path or file://).
 *
 * Outcomes are typed so the poll cycle can tell "the list is down" from "the list is bad":
 * - 304 → { status: 'not-modified' }
 * - timeouts, network errors, 408/425/429/5xx → SourceUnavailableError (transient: keep state, retry)
 * - 404/410 → SnapshotRefusedError('not-found'); other 4xx → SourceUnavailableError with the status
 * A body cut off by the connection (Content-Length not reached) surfaces as a network error.
 */
import { open, readFile, stat } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { SnapshotRefusedError, SourceUnavailableError } from '../errors.js';
import { publisherError } from '../sources/publisher-error.js';
import type { FetchResult, Validators } from '../sources/types.js';

export interface HttpOptions {
  timeoutMs: number;
  userAgent: string;
}

const TRANSIENT = new Set([408, 425, 429, 500, 502, 503, 504]);

function retryAfterMs(header: string | null): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

/**
 * A file's bytes in as few reads as the kernel allows (one, for a regular file): readFile reads
 * in 512 KiB steps, each a round trip through the thread pool, which doubles the time a 30 MB
 * list takes to read.
 */
async function readWhole(path: string): Promise<Buffer> {
  const file = await open(path);
  try {
    const { size } = await file.stat();
    // No size to go by (a pipe, a /proc file): read to the end the ordinary way.
    if (size === 0) return await readFile(file);
    const bytes = Buffer.allocUnsafe(size);
    let at = 0;
    while (at < size) {
      const { bytesRead } = await file.read(bytes, at, size - at, at);
      if (bytesRead === 0) break;
      at += bytesRead;
    }
    // A file that shrank while read is what it now is; one that grew is read up to its size when opened.
    return at === size ? bytes : bytes.subarray(0, at);
  } finally {
    await file.close();
  }
}

async function downloadFile(path: string, validators: Validators | null): Promise<FetchResult> {
  let info;
  try {
    info = await stat(path);
  } catch (err) {
    throw new SnapshotRefusedError('not-found', `no such file: ${path}`, { cause: err });
  }
  // A local file's mtime and size stand in for an ETag, so an untouched file is not even read.
  const etag = `W/"file-${info.size}-${info.mtimeMs}"`;
  if (validators?.etag === etag) return { status: 'not-modified' };
  const bytes = await readWhole(path);
  return { status: 'fetched', body: { bytes, contentType: null, location: path }, validators: { etag, lastModified: null } };
}

async function downloadHttp(url: string, validators: Validators | null, options: HttpOptions): Promise<FetchResult> {
  const headers: Record<string, string> = { 'user-agent': options.userAgent, accept: '*/*' };
  if (validators?.etag) headers['if-none-match'] = validators.etag;
  if (validators?.lastModified) headers['if-modified-since'] = validators.lastModified;
  let response: Response;
  let bytes: Buffer;
  let errorText = '';
  try {
    response = await fetch(url, { headers, signal: AbortSignal.timeout(options.timeoutMs), redirect: 'follow' });
    if (response.status === 304) return { status: 'not-modified' };
    if (!response.ok) {
      errorText = await response.text().catch(() => '');
    } else {
      bytes = Buffer.from(await response.arrayBuffer());
    }
  } catch (err) {
    const reason = err instanceof Error && err.name === 'TimeoutError' ? 'timed out' : 'failed';
    throw new SourceUnavailableError(`download ${reason}: ${host(url)}`, {}, { cause: err });
  }
  if (response.status === 404 || response.status === 410) {
    throw new SnapshotRefusedError('not-found', `HTTP ${response.status} from ${host(url)}: the list is not at this URL`);
  }
  if (!response.ok) {
    const details: { status: number; retryAfterMs?: number } = { status: response.status };
    const wait = retryAfterMs(response.headers.get('retry-after'));
    if (wait !== undefined) details.retryAfterMs = wait;
    const kind = TRANSIENT.has(response.status) ? 'unavailable' : 'refused the request';
    // The publisher's own message (a JSON error body such as api.data.gov's OVER_RATE_LIMIT), when it sent one.
    const said = publisherError(errorText.slice(0, 4096));
    const detail = said ? ` (${said.message})` : '';
    throw new SourceUnavailableError(`HTTP ${response.status} from ${host(url)}: ${kind}${detail}`, details);
  }
  return {
    status: 'fetched',
    body: { bytes: bytes!, contentType: response.headers.get('content-type'), location: url },
    validators: { etag: response.headers.get('etag'), lastModified: response.headers.get('last-modified') },
  };
}

function host(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.host}${parsed.pathname}`;
  } catch {
    return url;
  }
}

/** Download a URL, file:// URL or local path, conditionally when validators are given. */
export function download(location: string, validators: Validators | null, options: HttpOptions): Promise<FetchResult> {
  if (location.startsWith('file://')) return downloadFile(fileURLToPath(location), validators);
  if (/^https?:\/\//i.test(location)) return downloadHttp(location, validators, options);
  return downloadFile(location, validators);
}
