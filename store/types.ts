/**
 * The store: everything entitywatch remembers. Callers depend on this interface only; the
 * embedded default is store/sqlite, and a PostgreSQL implementation can follow behind the
 * same methods (hence every method is async, though SQLite answers synchronously).
 */
import type { Alert } from '../src/core/alert.js';
import type { Designation, ListCode, SnapshotDiff } from '../src/core/model.js';
import type { Route, WatchRule, WatchRuleInput } from '../src/core/watch.js';
import type { GuardStateWrite, PendingRemovalStore } from './pending-removals.js';
import type { BodyCheckStore } from './body-checks.js';
import type { ScreeningJobInput, ScreeningStore } from './screening.js';

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
  /** Fingerprint per designation key, stored beside the rows (see core/fingerprint.ts). */
  fingerprints: ReadonlyMap<string, string>;
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
}

/** Everything the store does; pending removals, screening jobs and body checks are their own parts (store/pending-removals.ts, store/screening.ts, store/body-checks.ts). */
export interface Store extends PendingRemovalStore, ScreeningStore, BodyCheckStore {
  // ── sources and designations ─────────────────────────────────────────────
  /** State of one source, or null before its first poll. */
  getSourceState(source: string): Promise<SourceState | null>;
  /** State of every source seen so far. */
  listSourceStates(): Promise<SourceState[]>;
  /** key → fingerprint of the source's current designations (cheap: no row bodies). */
  currentFingerprints(source: string): Promise<Map<string, string>>;
  /** Current designations of a source; only those keys when `keys` is given. */
  currentDesignations(source: string, keys?: readonly string[]): Promise<Designation[]>;
  /** Current designations of every source, for the lookup index. */
  allCurrentDesignations(): Promise<Array<{ source: string; designation: Designation }>>;
  /** Count of current designations per list for a source. */
  countsByList(source: string): Promise<Partial<Record<ListCode, number>>>;
  /**
   * Accept a snapshot: record it, apply its diff to the current designations, write the change
   * history, the alerts and their outbox rows, and advance the source state — all or nothing.
   */
  commitSnapshot(commit: SnapshotCommit): Promise<{ snapshotId: number }>;
  /**
   * The download was identical to the stored one (304 or same hash): the timestamps move, and
   * new validators (a 200 whose body hashed the same) are kept so the next poll can get a 304.
   */
  recordUnchanged(source: string, at: string, validators?: { etag: string | null; lastModified: string | null }): Promise<void>;
  /** A poll failed or a snapshot was refused: keep designations, record the error. */
  recordFailure(source: string, failure: { at: string; code: string; message: string; contentHash?: string }): Promise<SourceState>;

  // ── feeds ────────────────────────────────────────────────────────────────
  /** Which of these item ids the feed has seen before. */
  seenFeedItems(source: string, ids: readonly string[]): Promise<Set<string>>;
  /** The alert id of the first item with this thread key that produced an alert, or null. */
  threadRoot(source: string, threadKey: string): Promise<string | null>;
  /** The opaque state a feed keeps between polls, or null. */
  feedState(source: string): Promise<string | null>;
  /** Accept a feed poll: items, alerts + outbox, announcements, state, source state — all or nothing. */
  commitFeed(commit: FeedCommit): Promise<void>;
  /** Earlier announcements of these (list, normalised name) pairs, oldest first. */
  findAnnouncements(keys: ReadonlyArray<{ list: ListCode; name: string }>): Promise<Announcement[]>;

  // ── alerts and delivery ──────────────────────────────────────────────────
  /** Store alerts and their outbox rows in one transaction. */
  insertAlerts(alerts: readonly AlertInsert[], at: string): Promise<void>;
  /** Most recent alerts first, with per-channel delivery state. */
  listAlerts(limit: number): Promise<AlertRecord[]>;
  getAlert(id: string): Promise<Alert | null>;
  /**
   * Deliveries due now: per channel, the oldest unsent row, if it is pending and due.
   * (A channel whose head row waits for a retry waits whole, so a channel gets alerts in order.)
   */
  dueDeliveries(now: string, limit: number): Promise<Delivery[]>;
  /** Rows left in 'sending' by a process that stopped mid-delivery. */
  inFlightDeliveries(): Promise<Delivery[]>;
  /** Mark a row as being sent, before calling the platform. */
  markSending(alertId: string, channel: string, at: string): Promise<void>;
  /** Record the platform's acceptance. */
  markSent(alertId: string, channel: string, at: string, remoteId: string | null): Promise<void>;
  /** Record a failed attempt: back to 'pending' at `nextAttemptAt`, or 'failed' for good when null. */
  markAttemptFailed(alertId: string, channel: string, at: string, error: string, nextAttemptAt: string | null): Promise<void>;
  /** The delivery of an alert to a channel, e.g. a thread parent's remote id. */
  getDelivery(alertId: string, channel: string): Promise<Delivery | null>;
  /** Outbox rows per state, for `status`. */
  deliveryCounts(): Promise<Record<DeliveryState, number>>;

  // ── watch rules and audit ────────────────────────────────────────────────
  /** Add a rule; writes the audit log in the same transaction. */
  addWatchRule(rule: WatchRuleInput, actor: string, at: string): Promise<WatchRule>;
  /** Remove a rule; false when no such id. Audited. */
  removeWatchRule(id: number, actor: string, at: string): Promise<boolean>;
  listWatchRules(): Promise<WatchRule[]>;
  /** Append to the audit log. */
  audit(actor: string, action: string, detail: Record<string, unknown>, at: string): Promise<void>;
  listAudit(limit: number): Promise<AuditEntry[]>;

  // ── designation history ──────────────────────────────────────────────────
  /**
   * The change history of these designation keys (every source), oldest first per key; a key
   * with no recorded change is absent. Optional until every store implements it: without it,
   * lookups show no history (and say so).
   */
  designationHistory?(keys: readonly string[]): Promise<Map<string, DesignationEvent[]>>;

  // ── counterparty watchlists ──────────────────────────────────────────────
  /**
   * Import a watchlist in one transaction, audited ('watchlist.import'). An existing name is a
   * UsageError unless `replace`, which swaps its members. `replaced`: members dropped by the swap.
   */
  importWatchlist(
    name: string,
    counterparties: readonly CounterpartyInput[],
    actor: string,
    at: string,
    options?: { replace?: boolean },
  ): Promise<{ watchlist: WatchlistSummary; replaced: number }>;
  /** Every watchlist by name, with its member count. */
  listWatchlists(): Promise<WatchlistSummary[]>;
  /** Remove a watchlist and its members; false when no such name. Audited ('watchlist.remove'). */
  removeWatchlist(name: string, actor: string, at: string): Promise<boolean>;
  /** Members of one watchlist (by name), or of every watchlist; in import order. */
  watchlistMembers(name?: string): Promise<WatchlistMember[]>;

  close(): Promise<void>;
}
