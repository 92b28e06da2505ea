/**
 * `entitywatch status [--json]` — per source (built-in, configured feeds and pages, and any other
 * id the store has state for): health, last success, last error, counts; and the outbox.
 * JSON: { sources: [{ id, title, kind, enabled, health, stale, state: SourceState | null, guard }],
 *         deliveries: { pending, sending, sent, failed },
 *         noChannel: { alerts, scanned, latest } } — alerts among the latest `scanned` that reached no
 *         channel at all (none configured), and the newest such alert's id. kind: "snapshot" | "feed" | null (unknown id).
 * health: "ok" | "failing" (unreachable) | "refused" (last snapshot refused) | "never-polled".
 * guard (snapshot sources only): the non-zero { skippedNoName, skippedNoList, duplicates,
 * pendingRemovals, suspectedCutOff } of the last accepted snapshot (store/pending-removals.ts), or
 * null before one.
 */
import type { Command } from 'commander';
import { enabledSourceIdsOf } from '../../enabled-source-ids.js';
// The catalog, not the registry: titles and kinds without loading every source's parser.
import { configuredSourceIds, SOURCE_CATALOG, sourceInfo } from '../../sources/catalog.js';
import { healthOf } from '../../../store/health.js';
import { describeCounts, pollCounts, type PollCounts } from '../../worker/poll-outcome.js';
import { writeJson, writeLine, type CliContext } from '../context.js';
import { openSqliteGlance, type StatusReads } from '../../../store/sqlite/glance.js';
import type { Store } from '../../../store/types.js';


/** Recent alerts scanned for ones that reached no channel. */
const RECENT_ALERTS = 200;

export function registerStatus(program: Command, ctx: CliContext): void {
  program
    .command('status')
    .description('health of every source and the delivery outbox')
    .option('--json', 'print JSON')
    .action(async (opts: { json?: boolean }) => {
      const config = ctx.settings();
      // A SQLite file is read directly (store/sqlite/glance.ts); anything else through the store alone:
      // no notifiers or deliverer are built to read it.
      const glance = openSqliteGlance(config.dbPath);
      try {
        await printStatus(ctx, config, glance?.statusReads() ?? readsOf(await ctx.store()), opts.json === true);
      } finally {
        glance?.close();
      }
    });
}

/** What status reads, from the store. */
function readsOf(store: Store): StatusReads {
  return {
    listSourceStates: () => store.listSourceStates(),
    guardState: (source) => store.guardState(source),
    deliveryCounts: () => store.deliveryCounts(),
    recentAlerts: async (limit) => (await store.listAlerts(limit)).map((record) => ({ id: record.alert.id, deliveries: record.deliveries.length })),
  };
}

async function printStatus(ctx: CliContext, config: ReturnType<CliContext['settings']>, reads: StatusReads, json: boolean): Promise<void> {
  const app = { config, store: reads };
  const enabled = new Set(enabledSourceIdsOf(app.config));
  const now = Date.now();
  const states = new Map((await app.store.listSourceStates()).map((s) => [s.source, s]));
  const known = new Set([...Object.keys(SOURCE_CATALOG), ...configuredSourceIds(app.config)]);
  const ids = new Set([...known, ...states.keys()]);
  const sources = [];
  for (const id of [...ids].sort()) {
    const state = states.get(id) ?? null;
    const source = known.has(id) ? sourceInfo(id, app.config) : null;
    // What the last accepted snapshot skipped and collapsed, and removals awaiting confirmation.
    const held = source?.kind === 'feed' ? null : await app.store.guardState(id);
    const guard: PollCounts | null = held?.notes ? pollCounts(held.notes, held.pending.length, held.pending.some((p) => p.suspect)) : null;
    // Stale: enabled, and its last success older than STALE_AFTER_PERIODS schedule periods (as
    // lookups warn). A source that never succeeded says so by its health, "never-polled".
    const last = state?.lastSuccessAt;
    const stale = enabled.has(id) && last !== null && last !== undefined && now - Date.parse(last) > app.config.schedule.staleAfterMs;
    const entry = { id, title: source?.title ?? id, kind: source?.kind ?? null, enabled: enabled.has(id), health: healthOf(state), stale, state };
    sources.push(held ? { ...entry, guard } : entry);
  }
  const deliveries = await app.store.deliveryCounts();
  const recent = await app.store.recentAlerts(RECENT_ALERTS);
  const stranded = recent.filter((r) => r.deliveries === 0);
  const noChannel = { alerts: stranded.length, scanned: recent.length, latest: stranded[0]?.id ?? null };
  if (json) {
    writeJson(ctx.io, { sources, deliveries, noChannel });
    return;
  }
  const width = Math.max(20, ...sources.map((s) => s.id.length));
  for (const s of sources) {
    writeLine(ctx.io, `${s.id.padEnd(width)} ${s.health.padEnd(13)} ${s.enabled ? 'enabled' : 'disabled'}  ${s.title}`);
    if (s.state?.lastSuccessAt) {
      const count = s.kind === 'feed' ? '' : `, ${s.state.designationCount} designations`;
      writeLine(ctx.io, `    last success ${s.state.lastSuccessAt}${count}${'guard' in s && s.guard ? describeCounts(s.guard) : ''}${s.stale ? ' — STALE: older than STALE_AFTER_PERIODS schedule periods' : ''}`);
    }
    if (s.state?.lastError) {
      writeLine(ctx.io, `    last error ${s.state.lastError.at} (${s.state.lastError.code}, ${s.state.consecutiveFailures}x): ${s.state.lastError.message}`);
    }
  }
  writeLine(ctx.io, `deliveries: ${deliveries.pending} pending, ${deliveries.sending} sending, ${deliveries.sent} sent, ${deliveries.failed} failed`);
  if (stranded.length > 0) {
    writeLine(ctx.io, `WARNING: ${stranded.length} of the last ${recent.length} alerts reached no channel (latest ${stranded[0]!.id}): configure an alert channel (entitywatch doctor)`);
  }
}
