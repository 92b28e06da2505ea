/**
 * A full garbage collection on request, for the two moments the screening knows memory is
 * mostly garbage: after building its indexes (warmScreening) and after a snapshot's ingest,
 * before the change is screened. V8 collects when it sees fit, which at 100,000 counterparties
 * is after the heap has grown by the ingest's and the screening's garbage together: the peak RSS
 * is their sum. Node offers no call for it without `--expose-gc`; the flag is set at run time and
 * `gc` taken from a fresh context, as test runners do to look for leaks.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

let collect: (() => void) | null | undefined;

/** Collect now, when the runtime allows it; a no-op otherwise. */
export function collectGarbage(): void {
  if (collect === undefined) {
    try {
      setFlagsFromString('--expose-gc');
      const gc: unknown = runInNewContext('gc');
      collect = typeof gc === 'function' ? (gc as () => void) : null;
    } catch {
      collect = null;
    }
  }
  collect?.();
}
