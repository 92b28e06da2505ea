/**
 * The store part that names the current designations' version, so a copy of the lookup index
 * kept beside the database (src/worker/lookup-copy.ts) can tell it is stale without reading a
 * designation.
 *
 * Every write of current designations happens in a snapshot commit, which adds a snapshot row
 * in the same transaction; the version is, per source, the latest snapshot's id and content
 * hash, with the count of current designations. Any accepted snapshot (by the worker, an
 * ingest, another process) changes it; a database deleted and rebuilt to the same ids changes
 * it unless the same bodies were accepted (then the designations are the same).
 */
export interface DesignationsVersionStore {
  /** An opaque text that changes whenever the current designations may have changed. */
  designationsVersion(): Promise<string>;
}
