/**
 * The store: everything entitywatch remembers, in named parts. Each consumer asks for the part
 * it uses (the deliverer an `OutboxStore`, the rule reader `Pick<RulesStore, 'listWatchRules'>`),
 * and `Store` is their union. Parts defined in their own files: store/pending-removals.ts,
 * store/screening.ts, store/body-checks.ts, store/designations-version.ts. Implementations: store/sqlite (embedded default) and
 * store/postgres; both pass the one contract suite in test/store/contract/. Every method is
 * async (SQLite answers synchronously, PostgreSQL does not). Records are in store/records.ts.
 */
import type { Alert } from '../src/core/alert.js';
import type { Designation, ListCode } from '../src/core/model.js';
import type { WatchRule, WatchRuleInput } from '../src/core/watch.js';
import type {
  AlertInsert,
  AlertRecord,
  Announcement,
  AuditEntry,
  CounterpartyInput,
  Delivery,
  DeliveryClaim,
  DeliveryState,
  DesignationEvent,
  FeedCommit,
  SnapshotCommit,
  SourceState,
  StoredRows,
  WatchlistMember,
  WatchlistSummary,
} from './records.js';
import type { BodyCheckStore } from './body-checks.js';
import type { DesignationsVersionStore } from './designations-version.js';
import type { PendingRemovalStore } from './pending-removals.js';
import type { ScreeningStore } from './screening.js';

export type * from './records.js';

/** Sources, their current designations and snapshot commits. */
export interface SnapshotStore {
  /** State of one source, or null before its first poll. */
  getSourceState(source: string): Promise<SourceState | null>;
  /** State of every source seen so far. */
  listSourceStates(): Promise<SourceState[]>;
  /** key → fingerprint of the source's current designations (cheap: no row bodies). */
  currentFingerprints(source: string): Promise<Map<string, string>>;
  /** Key, fingerprint and row hash of each of the source's current designations, in one read (src/core/row-reuse.ts). */
  currentRows(source: string): Promise<StoredRows>;
  /** Current designations of a source; only those keys when `keys` is given. */
  currentDesignations(source: string, keys?: readonly string[]): Promise<Designation[]>;
  /** Current designations of every source, for the lookup index. */
  allCurrentDesignations(): Promise<Array<{ source: string; designation: Designation }>>;
  /** Count of current designations per list for a source. */
  countsByList(source: string): Promise<Partial<Record<ListCode, number>>>;
  /** Accept a snapshot: snapshot row, designations, history, alerts + outbox, source state — all or nothing. */
  commitSnapshot(commit: SnapshotCommit): Promise<{ snapshotId: number }>;
  /** The download was identical to the stored one (304 or same hash): timestamps move, new validators are kept. */
  recordUnchanged(source: string, at: string, validators?: { etag: string | null; lastModified: string | null }): Promise<void>;
  /** A poll failed or a snapshot was refused: keep designations, record the error; returns the new state. */
  recordFailure(source: string, failure: { at: string; code: string; message: string; contentHash?: string }): Promise<SourceState>;
}

/** Feed sources' memory: items seen, thread roots, per-feed state, announcements. */
export interface FeedStore {
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
}

/**
 * Alerts and the outbox. Per channel, rows go out in creation order: only a channel's oldest
 * open row may be claimed, and while it waits for a retry (or is being sent) the channel waits.
 * `claimedBy`, where a method takes it, makes the write conditional on that claim still being held.
 */
export interface OutboxStore {
  /** Store alerts and their outbox rows in one transaction. */
  insertAlerts(alerts: readonly AlertInsert[], at: string): Promise<void>;
  /** Most recent alerts first, with per-channel delivery state. */
  listAlerts(limit: number): Promise<AlertRecord[]>;
  /** One alert by id, or null. */
  getAlert(id: string): Promise<Alert | null>;
  /** Deliveries due now (read only): per channel its oldest open row, if pending and due. */
  dueDeliveries(now: string, limit: number): Promise<Delivery[]>;
  /** Claim the due rows atomically (pending → sending under `claim`), at most one per channel; returns them as claimed. */
  claimDueDeliveries(claim: DeliveryClaim, limit: number): Promise<Delivery[]>;
  /** Claim one pending row (pending → sending); null when it is not pending (someone else has it). */
  claimDelivery(alertId: string, channel: string, claim: DeliveryClaim): Promise<Delivery | null>;
  /** Rows in 'sending' whose claim lapsed before `now` (left by a stopped instance). */
  expiredClaims(now: string): Promise<Delivery[]>;
  /** Take over a lapsed claim for recovery; false when it is no longer lapsed or no longer sending. */
  takeOverClaim(alertId: string, channel: string, claim: DeliveryClaim): Promise<boolean>;
  /** Record the platform's acceptance; false when `claimedBy` no longer holds the row. */
  markSent(alertId: string, channel: string, at: string, remoteId: string | null, claimedBy?: string): Promise<boolean>;
  /** A failed attempt: back to 'pending' at `nextAttemptAt`, or 'failed' for good when null; false as markSent. */
  markAttemptFailed(alertId: string, channel: string, at: string, error: string, nextAttemptAt: string | null, claimedBy?: string): Promise<boolean>;
  /** The delivery of an alert to a channel, e.g. a thread parent's remote id. */
  getDelivery(alertId: string, channel: string): Promise<Delivery | null>;
  /** Outbox rows per state, for `status` and metrics. */
  deliveryCounts(): Promise<Record<DeliveryState, number>>;
}

/** Watch rules and the audit log; every rule change is audited in its own transaction. */
export interface RulesStore {
  /** Add a rule; writes the audit log in the same transaction. */
  addWatchRule(rule: WatchRuleInput, actor: string, at: string): Promise<WatchRule>;
  /** Remove a rule; false when no such id. Audited. */
  removeWatchRule(id: number, actor: string, at: string): Promise<boolean>;
  /** Every rule, oldest first. */
  listWatchRules(): Promise<WatchRule[]>;
  /** Append to the audit log. */
  audit(actor: string, action: string, detail: Record<string, unknown>, at: string): Promise<void>;
  /** The newest `limit` audit entries, newest first. */
  listAudit(limit: number): Promise<AuditEntry[]>;
}

/** Designation history from the change log, for `/entity` (optional: a store without it makes lookups say history is unknown; both built-in stores have it). */
export interface HistoryStore {
  /** The changes of these designation keys (every source), oldest first per key; a key with no recorded change is absent. */
  designationHistory?(keys: readonly string[]): Promise<Map<string, DesignationEvent[]>>;
}

/** Counterparty watchlists. */
export interface WatchlistStore {
  /** Import in one transaction, audited; an existing name is a UsageError unless `replace` (then `replaced` = members dropped). */
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
}

/**
 * Poll leases: a source is polled by one instance at a time, whatever the number of instances
 * on the database (an advisory lock on PostgreSQL, a lease row on SQLite).
 */
export interface LeaseStore {
  /** Run `poll` holding the source's lease as `holder`; null (without running it) when another holder has it. */
  withPollLease<T>(source: string, holder: string, poll: () => Promise<T>): Promise<{ value: T } | null>;
}

/** The store's own upkeep. */
export interface StoreAdmin {
  /** "sqlite" or "postgres". */
  readonly kind: 'sqlite' | 'postgres';
  /** A cheap round trip, for readiness checks; throws when the database does not answer. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

export type { BodyCheckStore } from './body-checks.js';
export type { DesignationsVersionStore } from './designations-version.js';
export type { PendingRemovalStore } from './pending-removals.js';
export type { ScreeningStore } from './screening.js';

export type Store = SnapshotStore &
  PendingRemovalStore &
  BodyCheckStore &
  DesignationsVersionStore &
  ScreeningStore &
  FeedStore &
  OutboxStore &
  RulesStore &
  HistoryStore &
  WatchlistStore &
  LeaseStore &
  StoreAdmin;
