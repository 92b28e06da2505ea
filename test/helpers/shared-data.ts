/**
 * Where the real public data lives (../shared/data beside the checkout; see its SOURCES.md), for
 * the tests that replay real publisher files. Those tests `describe.skipIf(!hasSharedData(...))`;
 * the run says once, in one line, that they were skipped (test/global-shared-data.ts).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** The absolute path of ../shared/data, with a trailing slash. */
export const SHARED_DATA = fileURLToPath(new URL('../../../shared/data/', import.meta.url));

/** SHARED_DATA as a file: URL, for `new URL('csl/', SHARED_DATA_URL)`. */
export const SHARED_DATA_URL = pathToFileURL(SHARED_DATA);

/** The absolute path of a file or folder under ../shared/data. */
export function sharedData(path: string): string {
  return join(SHARED_DATA, path);
}

/** Whether every named path under ../shared/data exists (the folder itself when none is named). */
export function hasSharedData(...paths: string[]): boolean {
  return paths.length === 0 ? existsSync(SHARED_DATA) : paths.every((p) => existsSync(sharedData(p)));
}
