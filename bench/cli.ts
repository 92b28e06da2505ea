/**
 * `npm run bench:cli`: whole-process CLI figures on a 30,000-row store (the generated CSL JSON's
 * baseline, ingested by the CLI itself) — `--help`, `status`, `lookup <name>` cold (first call
 * after a snapshot: builds the persisted lookup index) and warm — median of five, beside
 * `node -e 0`. `npm run bench` prints the same figures after the ingest scenarios.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateRows, toJson } from './generate-csl.js';
import { median, nodeStartMs, processMs } from './process-floor.js';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const ROWS = Number(process.env.BENCH_ROWS ?? 30_000);

export function runCliTimings(work: string): void {
  const bin = resolve(repoRoot, 'bin', 'entitywatch.js');
  const db = join(work, 'cli.db');
  const env = { ...process.env, ENTITYWATCH_DB: db, LOG_LEVEL: 'silent', CONSOLE_ALERTS: 'off' };
  const file = join(work, 'cli.json');
  writeFileSync(file, toJson(generateRows(ROWS)));
  execFileSync(process.execPath, [bin, 'ingest', 'csl', file], { env, stdio: 'ignore' });
  const run = (args: string[]) => processMs([bin, ...args], { env });
  const timed = (args: string[]) => median(Array.from({ length: 5 }, () => run(args)));
  const lookup = ['lookup', 'Quantum Photonics 1234'];
  const cold = median(
    Array.from({ length: 3 }, () => {
      rmSync(`${db}.lookup`, { recursive: true, force: true });
      return run(lookup);
    }),
  );
  console.log(`CLI on a ${ROWS.toLocaleString('en')}-row store, whole process, median of 5 (floor: node -e 0 ${nodeStartMs().toFixed(0)} ms)`);
  // Targets from issue 12, whole process on a 30k store.
  const targets = [150, 150, 200];
  [['--help'], ['status'], lookup].forEach((args, i) => {
    console.log(`  entitywatch ${args.join(' ').padEnd(30)} ${timed(args).toFixed(0).padStart(6)} ms   target ≤ ${targets[i]} ms`);
  });
  console.log(`  entitywatch ${`${lookup.join(' ')} (cold)`.padEnd(30)} ${cold.toFixed(0).padStart(6)} ms   first lookup after a snapshot, median of 3`);
  console.log('');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const work = mkdtempSync(join(tmpdir(), 'entitywatch-bench-cli-'));
  try {
    runCliTimings(work);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
