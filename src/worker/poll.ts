/**
 * The poll cycle of one snapshot source: fetch → hash → guard → parse → guard → diff → guard →
 * settle removals → persist + outbox.
 *
 * Removals are announced only once the next download agrees (core/removals.ts); until then they
 * are pending, stored in the same commit. While any are pending the download is unconditional
 * and a body with the stored hash is read again, because that second download is the check.
 *
 * Stored state only advances in `store.commitSnapshot`, one transaction that also writes the
 * alerts and their outbox rows: if anything before it throws, the stored snapshot, designations
 * and validators are untouched, so the next poll sees the same "before" and nothing is lost;
 * if the commit succeeds, the alerts exist and the deliverer will send them.
 * `entitywatch ingest` runs exactly this path with a body read from a file.
 */
import { createHash } from 'node:crypto';
import type { Logger } from 'pino';
import type { Alert, SourceHealthAlert } from '../core/alert.js';
import { buildDesignationAlerts } from '../core/alerts.js';
import { changeCount, diffSnapshots, narrowByFingerprint } from '../core/diff.js';
import { fingerprint } from '../core/fingerprint.js';
import { checkBody, checkDesignationText, checkParseNotes, checkSnapshot, type GuardOptions } from '../core/guard.js';
import { countByList, emptyNotes } from '../core/identity.js';
import { allMapped, NO_REUSE, reuseOfRows, type Reused, type StoredRows } from '../core/row-reuse.js';
import { settleRemovals, TAIL_KEYS, type PendingRemoval } from '../core/removals.js';
import type { Designation, ListCode, SnapshotDiff } from '../core/model.js';
import { isListCode } from '../core/lists.js';
import { routeAlert, type Route } from '../core/watch.js';
import { describeError, SnapshotRefusedError, SourceUnavailableError } from '../errors.js';
import type { FetchContext, SnapshotBody, SnapshotSource } from '../sources/types.js';
import { linkAnnouncements } from './announcements.js';
import { pollCounts, type PollOutcome } from './poll-outcome.js';
import { quickCheckOf, sameAsAccepted } from './body-check.js';
import type { SharedLookupIndex } from './lookup-index.js';
import { runPendingScreenings, screeningJobFor } from './watchlist-hits.js';
import type { SourceState, Store } from '../../store/types.js';

export interface PollDeps {
  store: Store;
  log: Logger;
  now: () => Date;
  download: FetchContext['download'];
  guard: GuardOptions;
  /** Ids of every channel alerts may go to now. */
  channels: () => readonly string[];
  /** Channels for source-health alerts; empty = every channel. */
  adminChannels: readonly string[];
  /** Makes a unique alert id. */
  newId: () => string;
  /** The process's shared designation index (createApp), kept up to date with each commit; screening scores in it. */
  lookupIndex?: SharedLookupIndex;
  /** Where screening keeps its counterparty index between processes (watchlist-hits.ts), or none. */
  counterpartyCopy?: string | null;
}

export type { PollCounts, PollOutcome } from './poll-outcome.js';

export interface PollOptions {
  /** Ingest this body instead of fetching (the `ingest` command). */
  body?: SnapshotBody;
  /** Accept a snapshot even when it removes more than the guard allows (audited by the caller). */
  allowMassRemoval?: boolean;
}

/**
 * Stored designations per list, from their keys ("EL:…", "SDN:36"): no second pass over the
 * table. Keys of one list tend to come together, so the list code is cut out only when it changes.
 */
function countByKeyList(keys: readonly string[]): Partial<Record<ListCode, number>> {
  const counts: Partial<Record<ListCode, number>> = {};
  let list = '';
  for (const key of keys) {
    if (!(key.startsWith(list) && key.charCodeAt(list.length) === 58)) list = key.slice(0, key.indexOf(':'));
    if (isListCode(list)) counts[list] = (counts[list] ?? 0) + 1;
  }
  return counts;
}

/**
 * key → stored fingerprint of the stored rows the parse did not reuse: the only ones the diff
 * can find changed or missing. A reused row is the stored row itself (same key, same bytes),
 * and no mapped row has its key (core/row-reuse.ts), so leaving reused rows out changes nothing
 * narrowByFingerprint answers and spares a map entry per unchanged row. `reused.stored` indexes
 * `rows`: the parse's RowReuse was made from them.
 */
function storedNotReused(rows: StoredRows, reused: Reused): Map<string, string> {
  const out = new Map<string, string>();
  const { keys, fingerprints } = rows;
  for (let i = 0; i < keys.length; i++) if (reused.stored[i] !== 1) out.set(keys[i]!, fingerprints[i]!);
  return out;
}

/** Admins hear about a source that is merely down only after this many failed polls in a row. */
export const UNAVAILABLE_ALERT_AFTER = 3;

/** sha256 over the main body and any parts, in name order. */
export function contentHash(body: SnapshotBody): string {
  const hash = createHash('sha256').update(body.bytes);
  for (const name of Object.keys(body.parts ?? {}).sort()) hash.update(`\0${name}\0`).update(body.parts![name]!);
  return hash.digest('hex');
}

export async function pollSource(source: SnapshotSource, deps: PollDeps, options: PollOptions = {}): Promise<PollOutcome> {
  const { store, log } = deps;
  const state = await store.getSourceState(source.id);
  const startedAt = deps.now();
  try {
    const outcome = await fetchParseCommit(source, deps, options, state);
    // Screening owed by this change (and any a crash left pending), after the change's commit.
    const screened = await runPendingScreenings(deps).catch((err: unknown) => {
      log.error({ source: source.id, err }, 'screening jobs could not be settled; they stay pending');
      return 0;
    });
    if (outcome.status === 'changed') outcome.alerts += screened;
    await notifyRecovered(source, deps, state);
    log.info({ source: source.id, ...outcome, ms: deps.now().getTime() - startedAt.getTime() }, 'poll finished');
    return outcome;
  } catch (err) {
    return await recordFailure(source, deps, err, state);
  }
}

/** After a success: if admins were told the source was failing, tell them it recovered. */
export async function notifyRecovered(source: SourceRef, deps: PollDeps, before: SourceState | null): Promise<void> {
  if (before && wasAlerted(before)) {
    await notifyHealth(deps, source, 'recovered', 'recovered', `${source.title} is being read again.`);
  }
}

function wasAlerted(state: SourceState): boolean {
  if (!state.lastError) return false;
  return state.lastError.code !== 'unavailable' || state.consecutiveFailures >= UNAVAILABLE_ALERT_AFTER;
}

async function fetchParseCommit(
  source: SnapshotSource,
  deps: PollDeps,
  options: PollOptions,
  state: SourceState | null,
): Promise<PollOutcome> {
  const { store } = deps;
  const at = deps.now().toISOString();
  // Only whether removals are pending is needed before the download; the guard's whole state
  // (with the file's 1,000-key tail) is read once the body is to be parsed.
  const confirming = await store.hasPendingRemovals(source.id);
  let body = options.body;
  let validators = { etag: null as string | null, lastModified: null as string | null };
  if (!body) {
    const conditional = !confirming && (state?.etag || state?.lastModified);
    const previous = conditional ? { etag: state!.etag, lastModified: state!.lastModified } : null;
    const fetched = await source.fetch({ download: deps.download, validators: previous, log: deps.log, now: deps.now });
    if (fetched.status === 'not-modified') {
      await store.recordUnchanged(source.id, at);
      return { status: 'not-modified' };
    }
    body = fetched.body;
    validators = fetched.validators;
  }

  // Same bytes as the accepted body: length and xxh64 first (body-check.ts), sha256 when they differ.
  const quick = await quickCheckOf(body);
  if (!confirming && (await sameAsAccepted(store, state, quick))) {
    await store.recordUnchanged(source.id, at, options.body ? undefined : validators);
    return { status: 'unchanged' };
  }
  const hash = contentHash(body);
  if (state?.contentHash === hash && !confirming) {
    await store.recordUnchanged(source.id, at, options.body ? undefined : validators);
    await store.recordBodyCheck(source.id, { contentHash: hash, ...quick });
    return { status: 'unchanged' };
  }
  // Pages (DHS, FCC) are HTML by design; their parsers refuse error and challenge pages themselves.
  if (source.bodyKind !== 'html') checkBody(body.bytes, body.contentType);
  const guardState = await store.guardState(source.id);
  const notes = emptyNotes();
  // The first accepted snapshot of a source is a silent baseline: stored, never announced.
  const baseline = !state?.lastSuccessAt;
  // After a baseline, rows stored byte for byte are not mapped again (core/row-reuse.ts): they
  // keep their stored key and fingerprint. Key, fingerprint and row hash come in one read.
  const stored = baseline ? null : await store.currentRows(source.id);
  const reuse = stored && source.parseReusing ? reuseOfRows(stored) : NO_REUSE;
  // A list changed by notices applies the next notice to the stored list without the removals
  // still pending: a notice that removed them is not undone by the next one not naming them.
  const held = new Set(guardState.pending.map((p) => p.key));
  const changed = source.applyChanges ? source.applyChanges(body, (await store.currentDesignations(source.id)).filter((d) => !held.has(d.key))) : null;
  const parsed = changed
    ? allMapped(changed)
    : source.parseReusing
      ? source.parseReusing(body, notes, reuse)
      : allMapped(source.parse(body, notes));
  const { designations: next, keys: nextKeys } = parsed;
  const location = body.location;
  const bodyNotes = body.notes ?? [];
  // The raw bytes (tens of MB) are not needed past parsing: let them go before the diff.
  // eslint-disable-next-line no-useless-assignment -- the assignment drops the last reference to the bytes
  body = undefined;
  if (nextKeys.length === 0) throw new SnapshotRefusedError('empty', 'the snapshot has no entries');
  checkParseNotes(notes);

  // Fingerprints of the mapped rows. A reused row's is the stored one (its bytes are those it was
  // computed from); it is never written nor compared, so it is not looked up.
  const fingerprints = new Map<string, string>();
  for (const d of next) fingerprints.set(d.key, fingerprint(d));
  // Rows loaded from the store are hashed afresh (they are few); new rows have theirs by key.
  const loaded = new Set<Designation>();
  const fingerprintOf = (d: Designation): string => (loaded.has(d) ? fingerprint(d) : fingerprints.get(d.key)!);

  let diff: SnapshotDiff;
  if (!stored) {
    const storedBefore = await store.currentFingerprints(source.id);
    const previous = storedBefore.size > 0 ? await store.currentDesignations(source.id) : [];
    for (const d of previous) loaded.add(d);
    checkDesignationText(next);
    diff = diffSnapshots(previous, next, fingerprintOf);
  } else {
    // Reused rows are never candidates: their key and fingerprint are the stored ones.
    const { candidates, oldKeysToLoad } = narrowByFingerprint(storedNotReused(stored, parsed.reused), next, fingerprints);
    // Only rows that are new or changed can bring bad text in: the rest equal what is stored.
    checkDesignationText(candidates);
    const oldRows = oldKeysToLoad.length > 0 ? await store.currentDesignations(source.id, oldKeysToLoad) : [];
    for (const d of oldRows) loaded.add(d);
    diff = diffSnapshots(oldRows, candidates, fingerprintOf);
    if (!options.allowMassRemoval) {
      // Removals already pending were judged when first seen (perhaps accepted with
      // --allow-mass-removal): only the newly missing ones count against the share.
      const judged = new Set(guardState.pending.map((p) => p.key));
      const fresh = diff.removed.filter((d) => !judged.has(d.key));
      checkSnapshot(nextKeys.length, countByList(fresh), countByKeyList(stored.keys), deps.guard);
    }
  }
  // Removals wait for a second download; only the confirmed ones are announced and applied.
  const settled = baseline
    ? null
    : settleRemovals({ removed: diff.removed, pending: guardState.pending, tail: guardState.tail, contentHash: hash, at });
  if (settled) diff = { ...diff, removed: settled.confirmed };
  if (settled?.suspectedCutOff) {
    deps.log.warn({ source: source.id, held: settled.pending.length }, 'removals are the previous file\'s last rows: held as a suspected cut-off');
  }
  const pending: PendingRemoval[] = settled?.pending ?? [];

  const alerts = baseline
    ? []
    : await linkAnnouncements(store, buildDesignationAlerts({ source: source.id, diff, createdAt: at, newId: () => deps.newId() }));
  for (const alert of alerts) alert.notes.push(...bodyNotes);
  // Counterparty watchlists: the screening this change owes is committed with it, run after it.
  const screening = baseline ? null : await screeningJobFor(store, diff);
  // A fresh process screens from the index copy beside the database, which is of the state before
  // this change: restored now (tens of ms, never a build), the change applied after the commit.
  if (screening) await deps.lookupIndex?.restore().catch(() => false);
  const rules = alerts.length > 0 ? await store.listWatchRules() : [];
  const channels = deps.channels();
  const admin = deps.adminChannels.length > 0 ? deps.adminChannels : channels;
  const routed = alerts.map((alert) => ({ alert, routes: routeAlert(alert, channels, rules, admin) }));

  await store.commitSnapshot({
    meta: {
      source: source.id,
      fetchedAt: at,
      contentHash: hash,
      etag: validators.etag,
      lastModified: validators.lastModified,
      location,
      rowCount: nextKeys.length,
    },
    baseline,
    diff,
    fingerprints,
    rowHashes: parsed.rowHashes,
    alerts: routed,
    guard: { pending, tail: nextKeys.slice(-TAIL_KEYS), notes },
    screening,
  });
  await store.recordBodyCheck(source.id, { contentHash: hash, ...quick });
  // A baseline is not applied: the shared index sees the new version and rebuilds on next use.
  if (!baseline) await deps.lookupIndex?.applyChange(source.id, diff);

  const counts = pollCounts(notes, pending.length, pending.some((p) => p.suspect === 'cut-off'));
  if (baseline) return { status: 'baseline', count: nextKeys.length, ...counts };
  if (changeCount(diff) === 0) return { status: 'unchanged', ...counts };
  return {
    status: 'changed',
    count: nextKeys.length,
    added: diff.added.length,
    removed: diff.removed.length,
    amended: diff.amended.length,
    alerts: alerts.length,
    ...counts,
  };
}

/** What a refusal left in place, in words: "Kept the snapshot accepted at …, 4,197 designations." */
function keptOf(state: SourceState): string {
  if (!state.lastSuccessAt) return 'Nothing was stored: the source has no accepted snapshot yet.';
  return `Stored state is unchanged: kept the snapshot accepted at ${state.lastSuccessAt} (${state.designationCount} designations).`;
}

/** The part of a source that failure handling needs. */
export interface SourceRef {
  id: string;
  title: string;
}

/** Record a failed poll, tell admins once, and turn the error into an outcome. */
export async function recordFailure(
  source: SourceRef,
  deps: PollDeps,
  err: unknown,
  before: SourceState | null,
): Promise<PollOutcome> {
  const at = deps.now().toISOString();
  const previousCode = before?.lastError?.code ?? null;
  const reason = describeError(err);
  if (err instanceof SnapshotRefusedError) {
    const state = await deps.store.recordFailure(source.id, { at, code: err.code, message: reason });
    deps.log.error({ source: source.id, code: err.code, reason }, 'snapshot refused');
    // Tell admins once: on the first refusal, or when the reason changes — not on every poll.
    if (previousCode !== err.code) {
      await notifyHealth(deps, source, 'refused', err.code, `${source.title}: snapshot refused (${err.code}) — ${reason}. ${keptOf(state)}`);
    }
    return { status: 'refused', code: err.code, reason, kept: keptOf(state) };
  }
  const code = err instanceof SourceUnavailableError ? 'unavailable' : 'internal';
  const state = await deps.store.recordFailure(source.id, { at, code, message: reason });
  if (code === 'internal') deps.log.error({ source: source.id, err }, 'poll failed unexpectedly');
  else deps.log.warn({ source: source.id, reason, failures: state.consecutiveFailures }, 'source unavailable');
  const tell = code === 'unavailable' ? state.consecutiveFailures === UNAVAILABLE_ALERT_AFTER : previousCode !== code;
  if (tell) {
    await notifyHealth(deps, source, 'failing', code, `${source.title} has failed ${state.consecutiveFailures} time(s) in a row: ${reason}`);
  }
  return { status: 'unavailable', reason };
}

async function notifyHealth(
  deps: PollDeps,
  source: SourceRef,
  status: SourceHealthAlert['status'],
  reasonCode: string,
  reason: string,
): Promise<void> {
  const alert: Alert = {
    id: deps.newId(),
    kind: 'source-health',
    source: source.id,
    createdAt: deps.now().toISOString(),
    title: status === 'recovered' ? `${source.title} recovered` : `${source.title} needs attention`,
    priority: status === 'recovered' ? 'normal' : 'high',
    threadOf: null,
    notes: [],
    links: [],
    status,
    reasonCode,
    reason,
  };
  const channels = deps.channels();
  const admin = deps.adminChannels.length > 0 ? deps.adminChannels : channels;
  const routes: Route[] = routeAlert(alert, channels, [], admin);
  await deps.store.insertAlerts([{ alert, routes }], alert.createdAt);
}
