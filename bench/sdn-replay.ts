/**
 * Replay of the staged OFAC sdn.csv snapshots (13 git-scraped versions, 2021-08 … 2024-05):
 * each step parses one file, fingerprints it and diffs it against the previous step.
 *
 *   npm run build && node --expose-gc dist/bench/sdn-replay.js [snapshot-dir]
 *
 * Prints per step: file, rows, added/removed/amended, parse ms, fingerprint ms, diff ms and the
 * process's peak RSS so far. Without the data (it lives outside the repository, in
 * ../shared/data/ofac_sdn_csv_snapshots) it says so and exits 0.
 * `replayStep` is exported so the same replay can be pushed through a store.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { diffSnapshots } from '../src/core/diff.js';
import { fingerprint } from '../src/core/fingerprint.js';
import type { Designation, SnapshotDiff } from '../src/core/model.js';
import { parseOfacSdn } from '../src/sources/ofac-sdn/parse.js';

/** What one step hands the next. */
export interface ReplayState {
  designations: Designation[];
  /** Fingerprint of each designation of this step, computed once. */
  fingerprints: WeakMap<Designation, string>;
}

export interface StepFigures {
  file: string;
  rows: number;
  added: number;
  removed: number;
  amended: number;
  parseMs: number;
  fingerprintMs: number;
  diffMs: number;
  /** Peak resident set size of the process so far, in MiB. */
  peakRssMb: number;
}

export interface StepResult {
  figures: StepFigures;
  state: ReplayState;
  /** Null on the first step (nothing to compare with). */
  diff: SnapshotDiff | null;
}

/** Sorted sdn_*.csv paths of a snapshot directory. */
export function snapshotFiles(dir: string): string[] {
  return readdirSync(dir)
    .filter((name) => /^sdn_.*\.csv$/i.test(name))
    .sort()
    .map((name) => join(dir, name));
}

/** The staged snapshot directory, seen from bench/ (tsx) or dist/bench/ (built); null when absent. */
export function defaultSnapshotDir(): string | null {
  for (const relative of ['../../../shared/data/ofac_sdn_csv_snapshots/', '../../shared/data/ofac_sdn_csv_snapshots/']) {
    const dir = fileURLToPath(new URL(relative, import.meta.url));
    if (existsSync(dir)) return dir;
  }
  return null;
}

function elapsed(start: bigint): number {
  return Number(process.hrtime.bigint() - start) / 1e6;
}

/** Parse one snapshot file, fingerprint it and diff it against `previous`. */
export function replayStep(previous: ReplayState | null, path: string): StepResult {
  const bytes = readFileSync(path);
  let start = process.hrtime.bigint();
  const designations = parseOfacSdn({ bytes, contentType: null, location: path });
  const parseMs = elapsed(start);

  start = process.hrtime.bigint();
  const fingerprints = new WeakMap<Designation, string>();
  for (const d of designations) fingerprints.set(d, fingerprint(d));
  const fingerprintMs = elapsed(start);

  let diff: SnapshotDiff | null = null;
  start = process.hrtime.bigint();
  if (previous) {
    const fingerprintOf = (d: Designation): string => fingerprints.get(d) ?? previous.fingerprints.get(d) ?? fingerprint(d);
    diff = diffSnapshots(previous.designations, designations, fingerprintOf);
  }
  const diffMs = elapsed(start);

  return {
    figures: {
      file: basename(path),
      rows: designations.length,
      added: diff?.added.length ?? 0,
      removed: diff?.removed.length ?? 0,
      amended: diff?.amended.length ?? 0,
      parseMs,
      fingerprintMs,
      diffMs,
      peakRssMb: process.resourceUsage().maxRSS / 1024,
    },
    state: { designations, fingerprints },
    diff,
  };
}

function row(cells: Array<string | number>): string {
  const widths = [26, 7, 7, 8, 8, 9, 8, 8, 9];
  return cells.map((cell, i) => (i === 0 ? String(cell).padEnd(widths[i]!) : String(cell).padStart(widths[i]!))).join(' ');
}

function main(): void {
  const dir = process.argv[2] ?? defaultSnapshotDir();
  if (!dir || !existsSync(dir)) {
    console.log('sdn-replay: no snapshot directory (../shared/data/ofac_sdn_csv_snapshots is absent); nothing to replay.');
    return;
  }
  const files = snapshotFiles(dir);
  if (files.length === 0) {
    console.log(`sdn-replay: no sdn_*.csv files in ${dir}; nothing to replay.`);
    return;
  }
  const gc = (globalThis as { gc?: () => void }).gc;
  console.log(`sdn-replay: ${files.length} snapshots from ${dir}${gc ? '' : ' (run with --expose-gc for steadier figures)'}`);
  console.log(row(['file', 'rows', 'added', 'removed', 'amended', 'parse ms', 'fp ms', 'diff ms', 'peak MB']));
  let state: ReplayState | null = null;
  const totals = { parse: 0, fingerprint: 0, diff: 0 };
  for (const path of files) {
    gc?.();
    const { figures, state: next } = replayStep(state, path);
    state = next;
    totals.parse += figures.parseMs;
    totals.fingerprint += figures.fingerprintMs;
    totals.diff += figures.diffMs;
    console.log(
      row([
        figures.file,
        figures.rows,
        figures.added,
        figures.removed,
        figures.amended,
        figures.parseMs.toFixed(0),
        figures.fingerprintMs.toFixed(0),
        figures.diffMs.toFixed(0),
        figures.peakRssMb.toFixed(0),
      ]),
    );
  }
  console.log(
    `total: parse ${totals.parse.toFixed(0)} ms, fingerprint ${totals.fingerprint.toFixed(0)} ms, diff ${totals.diff.toFixed(0)} ms`,
  );
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) main();
