/**
 * A running worker keeps the designation index copy beside the database current
 * (lookup-index.ts `keep`, with the screening's typo neighbour lists), so that a short-lived
 * process after one of its changes — `entitywatch lookup`, `ingest`, a cron `poll` — restores the
 * index instead of reading and indexing every designation (~0.2 against ~1 s at 30,000).
 *
 *   const keeper = createCopyKeeper(() => app.lookupIndex.keep(neighbourSeedOf(app.store)), log);
 *   keeper.request();    // after a poll that changed designations
 *   await keeper.stop(); // at shutdown: a write under way finishes, a pending one is dropped
 *
 * A request waits `delayMs` first: the change's alerts are delivered before the copy's export
 * (a few hundred milliseconds of CPU) runs, and a burst of changes is written once. One write at
 * a time; a request during a write asks for one more after it. Never throws: the copy is a cache.
 */
import type { Logger } from 'pino';
import { describeError } from '../errors.js';

export interface CopyKeeper {
  request(): void;
  stop(): Promise<void>;
}

/** Wait after a change before the copy is written: its alerts go out first. */
export const KEEP_DELAY_MS = 10_000;

export function createCopyKeeper(keep: () => Promise<boolean>, log: Pick<Logger, 'debug' | 'warn'>, delayMs = KEEP_DELAY_MS): CopyKeeper {
  let timer: NodeJS.Timeout | null = null;
  let writing: Promise<void> | null = null;
  let again = false;
  let stopped = false;
  const write = (): void => {
    timer = null;
    if (stopped) return;
    const startedAt = performance.now();
    writing = keep()
      .then((wrote) => {
        if (wrote) log.debug({ ms: Math.round(performance.now() - startedAt) }, 'designation index copy kept');
      })
      .catch((err: unknown) => log.warn({ err: describeError(err) }, 'designation index copy not kept; the next short-lived process builds the index'))
      .finally(() => {
        writing = null;
        if (again) {
          again = false;
          schedule();
        }
      });
  };
  const schedule = (): void => {
    if (stopped || timer) return;
    if (writing) {
      again = true;
      return;
    }
    timer = setTimeout(write, delayMs);
    // A pending copy never keeps the process alive.
    timer.unref();
  };
  return {
    request: schedule,
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      timer = null;
      await writing;
    },
  };
}
