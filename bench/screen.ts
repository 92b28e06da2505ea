/**
 * `npm run bench:screen` — watchlist screening at scale, through the real poll path: a SQLite
 * store holding a 30,000-row CSL snapshot of generated names (bench/lookup-synthetic.ts) and
 * 100,000 generated counterparties (bench/generate-counterparties.ts), then one changed snapshot
 * adding 10, 300 or 3,000 designations, each ingested by a fresh process (like `entitywatch
 * ingest`; the counterparty index is read from the copy an earlier screening kept beside the
 * database, src/worker/counterparty-copy.ts) — once without a copy of the designation index
 * (built from the store after the commit) and once with a current one beside the database
 * (src/worker/lookup-copy.ts, restored before the commit) — and by a process that has its
 * indexes built already (a running worker, `warmScreening`). Per change: the ingest as a whole
 * (start-up excluded), when the change's alert was committed and when screening started and
 * ended, hits, peak RSS, and the write of the updated index copy after it all (as `ingest` does, or a running worker once its alerts are out).
 * Then a full re-screen (`watchlist screen`, the counterparty index from the same copy) of all
 * 100,000 counterparties against every designation. Floor: `node -e 0`.
 *
 *   BENCH_COUNTERPARTIES=20000 BENCH_ROWS=10000 npm run bench:screen   # smaller, quicker
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadConfig } from '../src/config.js';
import type { Designation } from '../src/core/model.js';
import { createApp, type App } from '../src/index.js';
import { silentLogger } from '../src/log.js';
import { createCslSource } from '../src/sources/csl/index.js';
import { screenIndexed } from '../src/watchlists/screen.js';
import { pollSource } from '../src/worker/poll.js';
import { counterpartyIndexOf, neighbourSeedOf, releaseCounterpartyIndex, warmScreening } from '../src/worker/watchlist-hits.js';
import { counterpartyCopyPath } from '../src/worker/counterparty-copy.js';
import { engineStamp } from '../src/worker/engine-stamp.js';
import { persistedIndexPath } from '../src/worker/lookup-copy.js';
import { generateCounterparties } from './generate-counterparties.js';
import { toJson, type GeneratedRow } from './generate-csl.js';
import { syntheticCorpus } from './lookup-synthetic.js';
import { nodeStartMs } from './process-floor.js';

const ROWS = Number(process.env.BENCH_ROWS ?? 30_000);
const COUNTERPARTIES = Number(process.env.BENCH_COUNTERPARTIES ?? 100_000);
const CHANGES = [10, 300, 3_000];

const LIST_SOURCES: Partial<Record<Designation['list'], string>> = {
  EL: 'Entity List (EL) - Bureau of Industry and Security',
  MEU: 'Military End User (MEU) List - Bureau of Industry and Security',
  UVL: 'Unverified List (UVL) - Bureau of Industry and Security',
  SDN: 'Specially Designated Nationals (SDN) - Treasury Department',
  SSI: 'Sectoral Sanctions Identifications List (SSI) - Treasury Department',
};

/** A generated designation as a CSL row. */
function rowOf(d: Designation, i: number): GeneratedRow {
  const source = LIST_SOURCES[d.list] ?? LIST_SOURCES.EL!;
  const treasury = source.includes('Treasury');
  return {
    _id: `g${i}`,
    source,
    entity_number: treasury ? String(100000 + i) : '',
    name: d.name,
    alt_names: d.aliases,
    addresses: [{ address: `No. ${i} Road`, city: 'City', state: '', postal_code: '', country: 'CN' }],
    federal_register_notice: treasury ? '' : `89 FR ${10000 + i}`,
    start_date: '2024-01-01',
    license_requirement: treasury ? '' : 'For all items subject to the EAR.',
    license_policy: treasury ? '' : 'Presumption of denial.',
    programs: treasury ? ['SDGT'] : [],
    remarks: '',
  };
}

interface ChangeResult {
  changes: number;
  ingestMs: number;
  /** CPU time (user + sys) of the ingest and of its screening: steadier than wall time on a shared machine. */
  ingestCpuMs: number;
  screeningCpuMs: number;
  alertCommittedMs: number;
  screeningStartMs: number;
  screeningEndMs: number;
  hits: number;
  outcome: string;
  peakRssMb: number;
  /** The designation index was restored from the copy before the commit. */
  restored: boolean;
  /** The updated copy's write after the poll (`lookupIndex.keep()`, as `ingest` or the worker's copy keeper does), and whether it wrote. */
  keepMs: number;
  kept: boolean;
  /** Peak RSS up to the copy's write (`peakRssMb` includes it). */
  peakBeforeKeepMb: number;
}

type Mode = 'fresh' | 'fresh+copy' | 'warm';

function openApp(db: string): Promise<App> {
  return createApp(loadConfig({ ENTITYWATCH_DB: db, CONSOLE_ALERTS: 'off', LOG_LEVEL: 'silent' }), { stdout: process.stdout, log: silentLogger() });
}

/** Child: one changed snapshot into a copy of the prepared store. */
async function runChange(db: string, file: string, changes: number, warm: boolean): Promise<ChangeResult> {
  // The CLI bundle has the engine stamp compiled in; unbundled, it is a hash of the engine's files, taken here.
  engineStamp();
  const app = await openApp(db);
  // A running worker has built its indexes already (at start, or for an earlier change).
  if (warm) await warmScreening(app.pollDeps);
  const marks: Record<string, number> = {};
  const cpu = (): number => {
    const { user, system } = process.cpuUsage();
    return (user + system) / 1000;
  };
  const t0 = performance.now();
  const cpu0 = cpu();
  const { store } = app;
  const commit = store.commitSnapshot.bind(store);
  store.commitSnapshot = async (c) => {
    const out = await commit(c);
    marks.committed = performance.now() - t0;
    return out;
  };
  const pending = store.pendingScreenings.bind(store);
  store.pendingScreenings = async () => {
    marks.started ??= performance.now() - t0;
    marks.startedCpu ??= cpu();
    return pending();
  };
  const complete = store.completeScreening.bind(store);
  store.completeScreening = async (id, alert, at) => {
    marks.ended = performance.now() - t0;
    marks.endedCpu = cpu();
    return complete(id, alert, at);
  };
  let restored = false;
  const restore = app.lookupIndex.restore.bind(app.lookupIndex);
  app.lookupIndex.restore = async () => (restored = await restore());
  const outcome = await pollSource(createCslSource({ url: file }), app.pollDeps);
  const ingestMs = performance.now() - t0;
  const ingestCpuMs = cpu() - cpu0;
  const peakBeforeKeepMb = Math.round(process.resourceUsage().maxRSS / 1024);
  const k0 = performance.now();
  // As `ingest` does after delivery (keepLookupCopy), or a running worker once the alerts are out
  // (copy-keeper.ts), holding its counterparty index.
  const kept = await app.lookupIndex.keep(warm ? neighbourSeedOf(store) : releaseCounterpartyIndex(store));
  const keepMs = performance.now() - k0;
  const records = await store.listAlerts(10);
  const hit = records.find((r) => r.alert.kind === 'watchlist-hit')?.alert;
  await app.close();
  return {
    changes,
    ingestMs,
    ingestCpuMs,
    screeningCpuMs: (marks.endedCpu ?? NaN) - (marks.startedCpu ?? NaN),
    alertCommittedMs: marks.committed ?? NaN,
    screeningStartMs: marks.started ?? NaN,
    screeningEndMs: marks.ended ?? NaN,
    hits: hit?.kind === 'watchlist-hit' ? hit.hits.length : 0,
    outcome: JSON.stringify(outcome),
    peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
    restored,
    peakBeforeKeepMb,
    keepMs,
    kept,
  };
}

/** Child: every counterparty against every designation, as `watchlist screen` does. */
async function runFullScreen(db: string): Promise<{ ms: number; cpuMs: number; hits: number; peakRssMb: number }> {
  const app = await openApp(db);
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  const members = await app.store.watchlistMembers();
  const hits = screenIndexed(counterpartyIndexOf(app.pollDeps.counterpartyCopy, members), await app.lookupIndex());
  const ms = performance.now() - t0;
  const { user, system } = process.cpuUsage(cpu0);
  await app.close();
  return { ms, cpuMs: (user + system) / 1000, hits: hits.length, peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024) };
}

function child(args: string[]): unknown {
  const out = execFileSync(process.execPath, ['--max-semi-space-size=8', fileURLToPath(import.meta.url), ...args], { encoding: 'utf8', maxBuffer: 1 << 26 });
  return JSON.parse(out.trim().split('\n').pop()!);
}

/** Parent: the store with its baseline and counterparties, once; each change runs on a copy. */
async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'entitywatch-bench-screen-'));
  const most = Math.max(...CHANGES);
  const docs = syntheticCorpus(3, ROWS + most).map((doc) => doc.designation);
  const rows = docs.map(rowOf);
  const base = join(dir, 'base.db');
  const baseline = join(dir, 'baseline.json');
  writeFileSync(baseline, toJson(rows.slice(0, ROWS)));
  const app = await openApp(base);
  await pollSource(createCslSource({ url: baseline }), app.pollDeps);
  // Counterparties named after listed parties and after the parties about to be listed, among invented ones.
  const counterparties = [
    ...generateCounterparties(docs.slice(0, ROWS), COUNTERPARTIES - 320, 17),
    ...generateCounterparties(docs.slice(ROWS), 300, 19, 'customers', 0.3),
    ...generateCounterparties(docs.slice(ROWS, ROWS + 10), 20, 23, 'customers', 0.5),
  ].map(({ name, country, reference }) => ({ name, country, reference }));
  await app.store.importWatchlist('customers', counterparties, 'bench', new Date().toISOString());
  // As a worker's start or an earlier screening would: the counterparty index copy is written.
  await warmScreening(app.pollDeps);
  // And the designation index copy, as the screening of an earlier process would: with the typo
  // neighbour lists of every counterparty spelling (earlier screenings kept those they reached).
  const lookupCopy = persistedIndexPath(base)!;
  if (!(await app.lookupIndex.keep(releaseCounterpartyIndex(app.store)))) throw new Error('no designation index copy written');
  await app.close();
  const copy = counterpartyCopyPath(base);

  console.log(`entitywatch screening benchmark — ${COUNTERPARTIES.toLocaleString('en')} counterparties, ${ROWS.toLocaleString('en')}-row store; Node ${process.version}`);
  console.log(`  (floor on this machine: node -e 0 takes ${nodeStartMs().toFixed(0)} ms, median of 5)\n`);
  const only = process.env.BENCH_CHANGES ? process.env.BENCH_CHANGES.split(',').map(Number) : CHANGES;
  for (const changes of only) {
    const file = join(dir, `change-${changes}.json`);
    writeFileSync(file, toJson(rows.slice(0, ROWS + changes)));
    const modes: readonly Mode[] = process.env.BENCH_MODES ? (process.env.BENCH_MODES.split(',') as Mode[]) : ['fresh', 'fresh+copy', 'warm'];
    for (const mode of modes) {
      const db = join(dir, `change-${changes}-${mode}.db`);
      copyFileSync(base, db);
      if (copy && existsSync(copy)) copyFileSync(copy, counterpartyCopyPath(db)!);
      if (mode === 'fresh+copy') copyFileSync(lookupCopy, persistedIndexPath(db)!);
      const r = child(['change', db, file, String(changes), mode === 'warm' ? 'warm' : 'cold']) as ChangeResult;
      const label = { fresh: 'fresh, no copy ', 'fresh+copy': 'fresh, copy    ', warm: 'running worker ' }[mode];
      const kept = `   then copy ${r.kept ? 'written' : 'NOT written'} in ${r.keepMs.toFixed(0)} ms (peak RSS before it ${r.peakBeforeKeepMb} MB)`;
      console.log(
        `  +${String(changes).padEnd(5)} ${label} ingest ${r.ingestMs.toFixed(0).padStart(6)} ms (cpu ${r.ingestCpuMs.toFixed(0)} ms)   change alert committed at ${r.alertCommittedMs.toFixed(0)} ms, ` +
          `screening ${r.screeningStartMs.toFixed(0)}–${r.screeningEndMs.toFixed(0)} ms (cpu ${r.screeningCpuMs.toFixed(0)} ms)   ${r.hits} hits   peak RSS ${r.peakRssMb} MB   ${mode === 'warm' ? 'index held' : r.restored ? 'index from the copy' : 'index built'}${kept}   [target: 2,000 ms, 300 MB]`,
      );
      if (!process.env.BENCH_KEEP) for (const file of [db, counterpartyCopyPath(db)!, persistedIndexPath(db)!]) rmSync(file, { force: true });
    }
  }
  if (process.env.BENCH_KEEP) {
    console.log(`  kept ${dir}`);
    return;
  }
  // As before this copy existed: the designation index built from the store.
  rmSync(lookupCopy, { force: true });
  const full = child(['full', base]) as { ms: number; cpuMs: number; hits: number; peakRssMb: number };
  console.log(`\n  full re-screen (watchlist screen): ${full.ms.toFixed(0)} ms (cpu ${full.cpuMs.toFixed(0)} ms), ${full.hits} hits, peak RSS ${full.peakRssMb} MB   [target: 5,000 ms]`);
  rmSync(dir, { recursive: true, force: true });
}

const [mode, ...rest] = process.argv.slice(2);
const run = mode === 'change' ? runChange(rest[0]!, rest[1]!, Number(rest[2]), rest[3] === 'warm') : mode === 'full' ? runFullScreen(rest[0]!) : null;
if (run) {
  run.then(
    (result) => process.stdout.write(`${JSON.stringify(result)}\n`),
    (err: unknown) => {
      console.error(err);
      process.exit(1);
    },
  );
} else {
  main().catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
}
