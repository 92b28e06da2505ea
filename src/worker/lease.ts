/**
 * A poll under the source's poll lease (store LeaseStore): whatever the number of instances on
 * one database, one polls a source at a time, and everything the poll decides — the diff, the
 * alerts, and the source-health alerts ("needs attention", "recovered") — is decided inside the
 * lease, from the state the previous holder committed. An instance that finds the lease taken
 * skips the source ('busy'): the holder is polling it right now.
 *
 *   const outcome = await pollLeased(source, app.pollDeps, { holder: app.instanceId, metrics: app.metrics });
 */
import type { Metrics } from '../health/metrics.js';
import type { Source } from '../sources/types.js';
import type { LeaseStore } from '../../store/types.js';
import type { PollDeps, PollOutcome } from './poll.js';
import { pollAny } from './poll-feed.js';

export interface LeaseOptions {
  /** This instance's id (see newInstanceId in deliver.ts). */
  holder: string;
  metrics?: Pick<Metrics, 'pollFinished' | 'leaseHeld'>;
}

export async function pollLeased(source: Source, deps: PollDeps & { store: LeaseStore }, options: LeaseOptions): Promise<PollOutcome> {
  const startedAt = performance.now();
  const leased = await deps.store.withPollLease(source.id, options.holder, async () => {
    options.metrics?.leaseHeld(source.id, true);
    try {
      return await pollAny(source, deps);
    } finally {
      options.metrics?.leaseHeld(source.id, false);
    }
  });
  const outcome: PollOutcome = leased ? leased.value : { status: 'busy' };
  if (!leased) deps.log.info({ source: source.id }, 'poll skipped: another instance is polling this source');
  options.metrics?.pollFinished(source.id, outcome.status, (performance.now() - startedAt) / 1000);
  return outcome;
}
