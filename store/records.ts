/**
 * The records the store keeps and hands back (see store/types.ts for the parts that keep them).
 * Every timestamp is an ISO-8601 UTC string written by the caller; the store never reads the clock.
 */
import type { Alert } from '../src/core/alert.js';
import type { ListCode, SnapshotDiff } from '../src/core/model.js';
import type { Route } from '../src/core/watch.js';
import type { GuardStateWrite } from './pending-removals.js';
import type { ScreeningJobInput } from './screening.js';

export type { StoredRows } from '../src/core/row-reuse.js';

/** What a source remembers between polls. */
export interface SourceState {
  source: string;
  /** HTTP validators of the last accepted download, for conditional GET. */
  etag: string | null;
  lastModified: string | null;
  /** sha256 of the last accepted body: an identical body is not parsed again. */
  contentHash: string | null;
  /** Last time the source was checked, whatever the outcome. */
  lastCheckedAt: string | null;
  /** Last time a snapshot was accepted or confirmed unchanged. */
  lastSuccessAt: string | null;
  /** Last time an accepted snapshot changed something. */
  lastChangeAt: string | null;
  /** The most recent failure, cleared on the next success. */
  lastError: { at: string; code: string; message: string } | null;
  /** Failures since the last success. */
  consecutiveFailures: number;
  /** Current designations held for the source. */
  designationCount: number;
}

/** Metadata of one downloaded body. */
export interface SnapshotMeta {
  source: string;
  fetchedAt: string;
  contentHash: string;
  etag: string | null;
  lastModified: string | null;
  /** Where it came from (URL or path), for the record. */
  location: string;
  rowCount: number;
}

/** Everything one accepted snapshot changes, written in one transaction. */
export interface SnapshotCommit {
  meta: SnapshotMeta;
  /** True for the first snapshot of a source: stored silently, no alerts. */
  baseline: boolean;
  diff: SnapshotDiff;
  /**
   * Fingerprint per designation key, stored beside the rows (see core/fingerprint.ts): needed
   * for every row written (added, amended); other keys may be absent.
   */
  fingerprints: ReadonlyMap<string, string>;
  /**
   * Row hash per key (src/core/row-reuse.ts), for the rows the parser mapped in full: written
   * with the added and amended rows, and onto the stored row of any other key named here (same
   * designation, new bytes). Omitted or absent for a key = that row's stored hash stays as it is.
   */
  rowHashes?: ReadonlyMap<string, string>;
  alerts: ReadonlyArray<{ alert: Alert; routes: readonly Route[] }>;
  /** The guard's state after this snapshot (store/pending-removals.ts); omitted = leave it as it is. */
  guard?: GuardStateWrite;
  /** Watchlist screening this change owes, written as a pending job in the same transaction (store/screening.ts). */
  screening?: ScreeningJobInput | null;
}

/** Alerts not tied to a snapshot (source health, tests, feed items). */
export interface AlertInsert {
  alert: Alert;
  routes: readonly Route[];
}

export type DeliveryState = 'pending' | 'sending' | 'sent' | 'failed';

/** One alert for one channel: the outbox row, which is also the delivery's record. */
export interface Delivery {
  alertId: string;
  channel: string;
  state: DeliveryState;
  /** null: the whole alert; otherwise the change keys this channel's rules matched. */
  matchKeys: string[] | null;
  attempts: number;
  /** When a pending row may next be tried (ISO). */
  nextAttemptAt: string;
  lastError: string | null;
  /** Platform's id for the posted message (Slack ts, Discord message id), for threads and recovery. */
  remoteId: string | null;
  sentAt: string | null;
  createdAt: string;
}

export interface AlertRecord {
  alert: Alert;
  deliveries: Delivery[];
}

export interface AuditEntry {
  id: number;
  at: string;
  /** Who did it: "slack:U123", "discord:456", "cli:alice". */
  actor: string;
  /** What, e.g. "watch.add", "watch.remove", "ingest.force". */
  action: string;
  detail: Record<string, unknown>;
}

/** One change of a designation as entitywatch saw it happen (a first, baseline snapshot is not history). */
export interface DesignationEvent {
  kind: 'added' | 'removed' | 'amended';
  /** The source whose snapshot carried it ("csl", "ofac-sdn"). */
  source: string;
  /** When that snapshot was fetched (ISO): when entitywatch saw the change. */
  seenAt: string;
  /** The Federal Register citation the designation carried after the change (before, for a removal). */
  notice: string | null;
  /** Fields an amendment changed ("addresses", "frCitation"…); empty for additions and removals. */
  fields: string[];
}

/** An entity announced ahead of the lists (by a Federal Register document), for correlation. */
export interface Announcement {
  list: ListCode;
  /** normaliseName() of the announced name. */
  name: string;
  /** The alert that announced it. */
  alertId: string;
  /** "FR 2024-01234 (public inspection, 2024-05-08)". */
  reference: string;
  source: string;
  announcedAt: string;
}

/** Everything one accepted feed poll changes, written in one transaction. */
export interface FeedCommit {
  source: string;
  at: string;
  /** True for the first accepted poll of a feed: items are remembered, not announced. */
  baseline: boolean;
  validators: { etag: string | null; lastModified: string | null };
  /** Items seen for the first time, with the alert each produced (null on a baseline). */
  items: ReadonlyArray<{ id: string; threadKey: string | null; alertId: string | null }>;
  alerts: readonly AlertInsert[];
  announcements: ReadonlyArray<Omit<Announcement, 'announcedAt' | 'source'>>;
  /** New opaque feed state (a watched page's lines); undefined keeps the stored one. */
  state?: string;
}

/** One counterparty as imported: an admin's own customer, supplier or investee. */
export interface CounterpartyInput {
  /** The name screened against the lists. */
  name: string;
  /** ISO-2; when set, only designations with this country (or none) match. */
  country: string | null;
  /** The admin's own reference (customer number, vendor id), shown beside hits. */
  reference: string | null;
}

/** A counterparty with the watchlist it belongs to, as screening reads it. */
export interface WatchlistMember extends CounterpartyInput {
  watchlist: string;
}

/** A watchlist as `watchlist list` shows it. */
export interface WatchlistSummary {
  name: string;
  /** Counterparties it holds. */
  count: number;
  createdBy: string;
  createdAt: string;
  /** Time of the latest import (createdAt until a `replace` import). */
  updatedAt: string;
  /**
   * Content hash of the members in order (src/watchlists/members-hash.ts), set by every import;
   * null for a watchlist imported before the store kept it (until its next import).
   */
  membersHash: string | null;
}


/**
 * Who holds a delivery row while it is being sent, and until when. A row is claimed with a
 * conditional update (pending → sending) so two deliverers never send it; a claim whose
 * `until` has passed was left by a stopped instance and may be taken over by recovery.
 */
export interface DeliveryClaim {
  /** The deliverer's instance id ("host:pid:random"). */
  by: string;
  /** When the claim is made (ISO). */
  at: string;
  /** When the claim lapses (ISO); must outlast the longest send. */
  until: string;
}
