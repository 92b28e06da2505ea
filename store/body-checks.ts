/**
 * The store part for the quick same-body check: the length and a fast (non-cryptographic) hash
 * of the body whose sha256 a source's state holds, so an unchanged download can be recognised
 * without hashing it with sha256 again (src/worker/body-check.ts).
 *
 * It is a cache beside the record, never the record: a check counts only while its `contentHash`
 * equals the source state's, so a missing, stale or half-written one costs a sha256, nothing else.
 */

/** What is remembered of the last accepted body of a source. */
export interface BodyCheck {
  /** The sha256 (SourceState.contentHash) of the body this describes. */
  contentHash: string;
  /** Total bytes of the body and its parts. */
  length: number;
  /** xxh64 of the body and its parts, hex. */
  fastHash: string;
}

export interface BodyCheckStore {
  /** The check remembered for a source, or null. */
  bodyCheck(source: string): Promise<BodyCheck | null>;
  /** Remember the check of the body just accepted (or confirmed unchanged). */
  recordBodyCheck(source: string, check: BodyCheck): Promise<void>;
}
