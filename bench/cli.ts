/**
 * `npm run bench:cli`: whole-process CLI figures on a 30,000-row store (the generated CSL JSON's
 * baseline, ingested by the CLI itself) — `--help`, `status`, `lookup <name>` cold (first call
 * after a snapshot: builds the persisted lookup index) and warm — median of five, beside
 * `node -e 0`. `npm run bench` prints the same figures after the ingest scenarios.
 *
 * Node runs with the flags of bin/entitywatch.js's `#!` line (`--max-semi-space-size=8`), as the
 * installed command does: the figures are the user's, V8's young generation included.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateRows, toJson } from './generate-csl.js';
import { median, nodeStartMs, processMs } from './process-floor.js';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const ROWS = Number(process.env.BENCH_ROWS ?? 30_000);

/** The node options on a script's `#!/usr/bin/env -S node …` line. */
export function shebangFlags(script: string): string[] {
  const first = readFileSync(script, 'utf8').split('\n', 1)[0] ?? '';
  const match = /^#!\S*env\s+(?:-S\s+)?node((?:\s+-\S+)*)\s*$/.exec(first);
  if (!match) throw new Error(`${script}: no "#!/usr/bin/env -S node …" line to take node's flags from`);
  return match[1]!.trim().split(/\s+/).filter(Boolean);
}

export function runCliTimings(work: string): void {
  const bin = resolve(repoRoot, 'bin', 'entitywatch.js');
  const flags = shebangFlags(bin);
  const db = join(work, 'cli.db');
  const env = { ...process.env, ENTITYWATCH_DB: db, LOG_LEVEL: 'silent', CONSOLE_ALERTS: 'off' };
  const file = join(work, 'cli.json');
  writeFileSync(file, toJson(generateRows(ROWS)));
  execFileSync(process.execPath, [...flags, bin, 'ingest', 'csl', file], { env, stdio: 'ignore' });
  const run = (args: string[]) => processMs([...flags, bin, ...args], { env });
  const timed = (args: string[]) => median(Array.from({ length: 5 }, () => run(args)));
  const lookup = ['lookup', 'Quantum Photonics 1234'];
  const cold = median(
    Array.from({ length: 3 }, () => {
      rmSync(`${db}.lookup`, { recursive: true, force: true });
      return run(lookup);
    }),
  );
  console.log(`CLI on a ${ROWS.toLocaleString('en')}-row store, whole process (node ${flags.join(' ')}), median of 5 (floor: node -e 0 ${nodeStartMs().toFixed(0)} ms)`);
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
