/**
 * The contract every source folder implements: `src/sources/<id>/index.ts` exports one object
 * that `satisfies SnapshotSource`, registered in `src/sources/registry.ts`.
 *
 * A snapshot source is a list published whole (CSL, OFAC SDN, the eCFR Entity List): the worker
 * downloads it, the source parses it into designations, core diffs it against the stored one.
 */
import type { Logger } from 'pino';
import type { Designation } from '../core/model.js';

/** Validators from the last accepted download, for conditional requests. */
export interface Validators {
  etag: string | null;
  lastModified: string | null;
}

/** One downloaded body. */
export interface SnapshotBody {
  /** The raw bytes (the main file for multi-file sources). */
  bytes: Buffer;
  /** Content-Type header; null for local files. */
  contentType: string | null;
  /** The URL or path it came from; parsers may pick a format by its extension. */
  location: string;
  /** Further files of a multi-file snapshot, by name (e.g. OFAC's ADD.CSV, ALT.CSV). */
  parts?: Record<string, Buffer>;
}

export type FetchResult =
  | { status: 'not-modified' }
  | { status: 'fetched'; body: SnapshotBody; validators: Validators };

/** What the worker hands a source's `fetch`. */
export interface FetchContext {
  /** Conditional GET of a URL, `file://` URL or local path (see worker/http.ts). */
  download(location: string, validators: Validators | null): Promise<FetchResult>;
  /** Validators of the last accepted snapshot, or null before the first. */
  validators: Validators | null;
  log: Logger;
}

export interface SnapshotSource {
  /** Registry id, also the CLI name: "csl", "ofac-sdn". */
  id: string;
  kind: 'snapshot';
  /** Human name for status and alerts. */
  title: string;
  /** Download the current snapshot (conditionally). Throws SourceUnavailableError / SnapshotRefusedError. */
  fetch(ctx: FetchContext): Promise<FetchResult>;
  /**
   * Parse a body into designations with keys assigned (core/identity.ts). Pure. Throws
   * SnapshotRefusedError ('unparseable' | 'truncated' | 'empty' | 'html') for a bad body.
   */
  parse(body: SnapshotBody): Designation[];
}

export type Source = SnapshotSource;
