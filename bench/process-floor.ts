/**
 * The whole-process floor the CLI and ingest figures are read against: `node -e 0` on this
 * machine, median of five runs.
 */
import { execFileSync } from 'node:child_process';

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

/** Wall time of one process run, ms. */
export function processMs(args: readonly string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): number {
  const t0 = performance.now();
  execFileSync(process.execPath, args, { stdio: 'ignore', ...options });
  return performance.now() - t0;
}

export function nodeStartMs(runs = 5): number {
  return median(Array.from({ length: runs }, () => processMs(['-e', '0'])));
}
