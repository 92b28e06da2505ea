/**
 * The contract every source folder implements: `src/sources/<id>/index.ts` exports one object
 * that `satisfies SnapshotSource`, registered in `src/sources/registry.ts`.
 *
 * A snapshot source is a list published whole (CSL, OFAC SDN, the eCFR Entity List): the worker
 * downloads it, the source parses it into designations, core diffs it against the stored one.
 */
import type { Logger } from 'pino';
import type { AlertLink, AlertPriority, DocumentAlert } from '../core/alert.js';
import type { AnnouncedAction } from '../core/announcements.js';
import type { ParseNotes } from '../core/identity.js';
import type { Designation, ListCode } from '../core/model.js';
import type { ReusingParse, RowReuse } from '../core/row-reuse.js';

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
  /** Context lines for this snapshot's alerts, e.g. "OFAC publication 1234 of 2024-05-01" (the worker appends them). */
  notes?: string[];
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
  /** The worker's clock (sources that ask "what was published this year" need a date). */
  now?: () => Date;
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
   * SnapshotRefusedError ('unparseable' | 'truncated' | 'empty' | 'html' | 'encoding') for a bad body.
   * Rows skipped (no name, no known list) and exact duplicates dropped are counted in `notes`
   * when given; the worker's guard judges them (core/guard.ts `checkParseNotes`).
   */
  parse(body: SnapshotBody, notes?: ParseNotes): Designation[];
  /**
   * `parse`, with the rows the store already holds byte for byte left unmapped (core/row-reuse.ts):
   * the same keys, refusals and notes as `parse`. Optional; the worker uses it when present.
   */
  parseReusing?(body: SnapshotBody, notes: ParseNotes, reuse: RowReuse): ReusingParse;
  /**
   * The list is published as a web page (DHS, FCC): the worker skips its "an HTML page is an
   * error page" check, and the source's `parse` refuses error and challenge pages itself.
   */
  bodyKind?: 'html';
  /**
   * For lists changed by notices (DoD 1260H): the next full list from a body that holds only
   * changes, applied to the stored designations. Returns null when the body is a whole list
   * (then `parse` reads it). Pure; throws SnapshotRefusedError like `parse`.
   */
  applyChanges?(body: SnapshotBody, current: readonly Designation[]): Designation[] | null;
}

/**
 * One item of a feed source (a Federal Register document, an RSS entry, a watched page's change).
 * Each new item becomes one DocumentAlert, once: the worker remembers item ids per source.
 */
export interface FeedItem {
  /** Stable id within the source: guid, link, a content hash, "2024-01234:published". */
  id: string;
  /** Items with the same thread key are posted in one thread (the first one's alert is the root). */
  threadKey: string | null;
  /** Alert headline. */
  title: string;
  priority?: AlertPriority;
  /** Context lines under the headline. */
  notes?: string[];
  links?: AlertLink[];
  document: DocumentAlert['documents'][number];
  /**
   * Designations the item announces ahead of the lists (Federal Register rules and notices). A
   * later list change of the same action (default 'added') on the same list and name links back
   * to this item's alert instead of reading as news twice.
   */
  announces?: Array<{ list: ListCode; name: string; action?: AnnouncedAction }>;
  /** How a later alert refers to this one: "FR 2024-01234 (public inspection, 2024-05-08)". */
  reference?: string;
}

export type FeedFetchResult =
  | { status: 'not-modified' }
  | {
      status: 'fetched';
      items: FeedItem[];
      validators: Validators;
      /** Opaque state to keep for the next poll (a watched page's lines); undefined = keep the old. */
      state?: string;
    };

export interface FeedContext extends FetchContext {
  /** The state the previous accepted poll returned, or null. */
  state: string | null;
}

export interface FeedSource {
  /** Registry id, also the CLI name: "federal-register", "rss:bis-press". */
  id: string;
  kind: 'feed';
  title: string;
  /** Fetch and parse the current items. Throws SourceUnavailableError / SnapshotRefusedError. */
  fetch(ctx: FeedContext): Promise<FeedFetchResult>;
}

export type Source = SnapshotSource | FeedSource;
