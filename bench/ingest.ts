/**
 * `npm run bench` — ingest benchmark: parse + diff + persist through the real poll path
 * (pollSource with a real SQLite file), for a generated 30,000-row CSL snapshot in JSON and
 * CSV, and for the complete records of the largest CSL file in ../shared/data when present. Each
 * scenario runs in its own child process so its peak RSS is its own. Each figure is printed beside
 * its floor on the same machine: a bare JSON.parse or csv-parse of the file, sha256 of its bytes,
 * and `node -e 0`.
 *
 * Steps per scenario: baseline (first snapshot) → changed (1% added, 1% removed, 1% amended)
 * → removals confirmed (the same file again, parsed in full) → unchanged (same bytes: hash match, no parse) → not modified (HTTP 304 from a local server).
 * The two quick steps (same bytes, 304) are the median of five polls each.
 * The generated scenarios run again with the store on PostgreSQL (bench/postgres.ts:
 * BENCH_POSTGRES_URL or a throwaway local server), each step beside SQLite's (target: within 2×).
 * Then the OFAC SDN replay (bench/sdn-replay.ts) over the staged sdn.csv snapshots, when present.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseCsv } from 'csv-parse/sync';
import { loadConfig } from '../src/config.js';
import { createApp } from '../src/index.js';
import { silentLogger } from '../src/log.js';
import { startSnapshotServer } from '../src/demo/server.js';
import { pollSource, type PollOutcome } from '../src/worker/poll.js';
import { buildSnapshotSource } from '../src/sources/registry.js';
import { createCslSource } from '../src/sources/csl/index.js';
import { generateRows, mutateRows, toCsv, toJson } from './generate-csl.js';
import { runCliTimings } from './cli.js';
import { median, nodeStartMs } from './process-floor.js';
import { benchPostgres } from './postgres.js';

const here = dirname(fileURLToPath(import.meta.url));
const repoRoot = resolve(here, '..', '..');
const sharedCsl = resolve(repoRoot, '..', 'shared', 'data', 'csl', 'csl_partial_2023-11_moov-watchman.csv');
const ROWS = Number(process.env.BENCH_ROWS ?? 30_000);

interface Step {
  step: string;
  ms: number;
  outcome: string;
}

/** Median of five runs of `run`, ms. */
function medianMs(run: () => unknown): number {
  return median(
    Array.from({ length: 5 }, () => {
      const t0 = performance.now();
      run();
      return performance.now() - t0;
    }),
  );
}

/** The floors to compare with: a bare JSON.parse or csv-parse of the file, and sha256 of its bytes. */
function floorsOf(path: string): { what: string; parseMs: number; sha256Ms: number } {
  const bytes = readFileSync(path);
  const text = bytes.toString('utf8');
  const json = path.endsWith('.json');
  const parseMs = medianMs(() => (json ? JSON.parse(text) : parseCsv(text, { relax_column_count: true })));
  return { what: json ? 'JSON.parse' : 'csv-parse', parseMs, sha256Ms: medianMs(() => createHash('sha256').update(bytes).digest()) };
}

/**
 * Offsets just past each complete CSV record (its line break): a line break ends a record only
 * outside quotes, so quoted fields spanning lines stay whole.
 */
function recordEnds(text: string): number[] {
  const ends: number[] = [];
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 34) quoted = !quoted;
    else if (c === 10 && !quoted) ends.push(i + 1);
  }
  return ends;
}

/** Write the before/after files of a scenario; done in the parent so the child's peak RSS is the ingest's alone. */
function prepareScenario(format: 'json' | 'csv' | 'shared', dir: string): { beforePath: string; afterPath: string } {
  const ext = format === 'json' ? 'json' : 'csv';
  let before: string;
  let after: string;
  if (format === 'shared') {
    // The staged file is the head of a larger download, cut off mid-record: as it stands the
    // guard refuses it (rightly). The scenario's baseline is its complete records; the changed
    // version delists five of them, spread over the file (five from one list is never a mass removal).
    const whole = readFileSync(sharedCsl, 'utf8');
    const ends = recordEnds(whole);
    before = whole.slice(0, ends[ends.length - 1]);
    const step = Math.floor(ends.length / 6);
    const dropped = new Set([1, 2, 3, 4, 5].map((i) => i * step));
    after = ends.map((end, i) => (dropped.has(i) ? '' : whole.slice(i === 0 ? 0 : ends[i - 1], end))).join('');
  } else {
    const rows = generateRows(ROWS);
    const changed = mutateRows(rows, 0.01);
    before = format === 'json' ? toJson(rows) : toCsv(rows);
    after = format === 'json' ? toJson(changed) : toCsv(changed);
  }
  const beforePath = join(dir, `${format}-before.${ext}`);
  const afterPath = join(dir, `${format}-after.${ext}`);
  writeFileSync(beforePath, before);
  writeFileSync(afterPath, after);
  return { beforePath, afterPath };
}

async function runScenario(format: 'json' | 'csv' | 'shared', beforePath: string, afterPath: string, dbUrl?: string): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'entitywatch-bench-'));
  const ext = format === 'json' ? 'json' : 'csv';
  const size = statSync(beforePath).size;
  const server = await startSnapshotServer(`/consolidated.${ext}`);
  const config = loadConfig({ ENTITYWATCH_DB: dbUrl ?? join(dir, 'bench.db'), CSL_URL: server.url, CONSOLE_ALERTS: 'off', LOG_LEVEL: 'silent' });
  const app = await createApp(config, { stdout: process.stdout, log: silentLogger() });
  const csl = buildSnapshotSource('csl', app.config);
  const steps: Step[] = [];
  /**
   * Time one poll, or the median of `repeat` polls for the quick steps (a few ms, where one
   * timer tick or scheduling hiccup would be most of a single run); `before` runs untimed first.
   */
  const time = async (step: string, run: () => Promise<PollOutcome>, repeat = 1, before?: () => void) => {
    const runs: number[] = [];
    let outcome: PollOutcome | undefined;
    for (let i = 0; i < repeat; i++) {
      before?.();
      global.gc?.();
      const t0 = performance.now();
      outcome = await run();
      runs.push(performance.now() - t0);
    }
    steps.push({ step, ms: median(runs), outcome: JSON.stringify(outcome) });
    if (process.env.BENCH_DEBUG) console.error(step, Math.round(process.resourceUsage().maxRSS / 1024), Math.round(process.memoryUsage().rss / 1e6), Math.round(process.memoryUsage().heapUsed / 1e6));
  };
  // The file is read inside the timing for baseline and changed (a download would be too), but
  // not for the unchanged step, which measures what the pipeline does with a body it has seen.
  // The worker's own path: the source's location is a local file, read inside the poll (as a
  // download would be); copying the next snapshot into place is not timed.
  const current = join(dir, `current.${ext}`);
  const fileSource = createCslSource({ url: current });
  const pollFile = () => pollSource(fileSource, app.pollDeps);

  copyFileSync(beforePath, current);
  await time('baseline', pollFile);
  copyFileSync(afterPath, current);
  await time('changed', pollFile);
  // Removals wait for a second download (src/core/removals.ts): the same file again confirms
  // them (read and parsed in full); after it nothing is pending and the steps below are as before.
  copyFileSync(afterPath, current);
  await time('removals confirmed', pollFile);
  // A new mtime each time: read and hashed again, not parsed. Median of five.
  await time('unchanged (same bytes)', pollFile, 5, () => copyFileSync(afterPath, current));
  // Peak RSS of the ingest itself; the HTTP steps below run the stand-in server in this process too.
  const ingestPeakMb = process.resourceUsage().maxRSS / 1024;
  server.serve(readFileSync(afterPath, 'utf8'));
  await time('HTTP 200, same content', () => pollSource(csl, app.pollDeps));
  await time('HTTP 304 not modified', () => pollSource(csl, app.pollDeps), 5);
  await app.close();
  await server.close();
  rmSync(dir, { recursive: true, force: true });
  process.stdout.write(JSON.stringify({ format, bytes: size, steps, peakRssMb: Math.round(ingestPeakMb) }) + '\n');
}

type Result = { format: string; bytes: number; steps: Step[]; peakRssMb: number };

/**
 * The generated scenarios again with the store on PostgreSQL, in their own processes as above,
 * each step printed beside SQLite's with the ratio.
 */
async function runPostgres(generated: Map<'json' | 'csv', { beforePath: string; afterPath: string; sqlite: Result }>): Promise<void> {
  const server = await benchPostgres(repoRoot);
  if ('unavailable' in server) {
    console.log(`PostgreSQL rows skipped: ${server.unavailable} (set BENCH_POSTGRES_URL=postgres://…)\n`);
    return;
  }
  try {
    for (const [format, { beforePath, afterPath, sqlite }] of generated) {
      const args = ['--expose-gc', '--max-semi-space-size=8', fileURLToPath(import.meta.url), format, beforePath, afterPath, await server.freshUrl()];
      const out = execFileSync(process.execPath, args, { encoding: 'utf8', maxBuffer: 1 << 26 });
      const result = JSON.parse(out.trim().split('\n').pop()!) as Result;
      console.log(`generated ${format.toUpperCase()} on PostgreSQL: peak RSS of the ingest steps ${result.peakRssMb} MB`);
      for (const step of result.steps) {
        const base = sqlite.steps.find((x) => x.step === step.step);
        const ratio = base ? `  (${(step.ms / base.ms).toFixed(2)}× SQLite)` : '';
        console.log(`  ${step.step.padEnd(26)} ${step.ms.toFixed(1).padStart(8)} ms${ratio}   ${step.outcome}`);
      }
      console.log('');
    }
  } finally {
    server.stop();
  }
}

async function main(): Promise<void> {
  const scenario = process.argv[2];
  if (scenario === 'json' || scenario === 'csv' || scenario === 'shared') {
    runScenario(scenario, process.argv[3]!, process.argv[4]!, process.argv[5]).catch((err: unknown) => {
      console.error(err);
      process.exit(1);
    });
    return;
  }
  const scenarios: Array<'json' | 'csv' | 'shared'> = ['json', 'csv'];
  if (existsSync(sharedCsl)) scenarios.push('shared');
  else console.log(`(${sharedCsl} not found: skipping the real-data scenario)`);
  console.log(`entitywatch ingest benchmark — generated snapshot of ${ROWS} rows; Node ${process.version}`);
  console.log(`(process floor on this machine: node -e 0 takes ${nodeStartMs().toFixed(0)} ms, median of 5)\n`);
  const work = mkdtempSync(join(tmpdir(), 'entitywatch-bench-files-'));
  const generated = new Map<'json' | 'csv', { beforePath: string; afterPath: string; sqlite: Result }>();
  for (const s of scenarios) {
    const { beforePath, afterPath } = prepareScenario(s, work);
    const floors = floorsOf(afterPath);
    const out = execFileSync(process.execPath, ['--expose-gc', '--max-semi-space-size=8', fileURLToPath(import.meta.url), s, beforePath, afterPath], {
      encoding: 'utf8',
      maxBuffer: 1 << 26,
    });
    const result = JSON.parse(out.trim().split('\n').pop()!) as Result;
    if (s !== 'shared') generated.set(s, { beforePath, afterPath, sqlite: result });
    const label = s === 'shared' ? `real CSL (${sharedCsl.split('/').pop()}, its complete records)` : `generated ${s.toUpperCase()}`;
    console.log(`${label}: ${(result.bytes / 1e6).toFixed(1)} MB, peak RSS of the ingest steps ${result.peakRssMb} MB`);
    const floorOf: Record<string, string> = {
      changed: `floor: bare ${floors.what} ${floors.parseMs.toFixed(0)} ms`,
      'unchanged (same bytes)': `floor: sha256 of the body ${floors.sha256Ms.toFixed(0)} ms`,
    };
    for (const step of result.steps) {
      const floor = floorOf[step.step] ? `  (${floorOf[step.step]})` : '';
      console.log(`  ${step.step.padEnd(26)} ${step.ms.toFixed(1).padStart(8)} ms${floor}   ${step.outcome}`);
    }
    const changed = result.steps.find((x) => x.step === 'changed');
    const rows = Number(/"count":(\d+)/.exec(changed?.outcome ?? '')?.[1] ?? 0);
    if (changed && rows) console.log(`  changed ingest throughput: ${Math.round(rows / (changed.ms / 1000)).toLocaleString('en')} rows/s`);
    console.log('');
  }
  await runPostgres(generated);
  runCliTimings(work);
  rmSync(work, { recursive: true, force: true });
  runSdnReplay();
}

/**
 * The OFAC SDN replay (bench/sdn-replay.ts) in its own process, so its peak RSS is its own:
 * parse, fingerprint and diff time and peak RSS per staged snapshot. It says so and exits 0
 * when ../shared/data/ofac_sdn_csv_snapshots is absent.
 */
function runSdnReplay(): void {
  const replay = fileURLToPath(new URL('./sdn-replay.js', import.meta.url));
  const out = execFileSync(process.execPath, ['--expose-gc', replay], { encoding: 'utf8', maxBuffer: 1 << 26 });
  console.log(out.trimEnd());
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
