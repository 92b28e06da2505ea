/**
 * The scheduler: one node-cron task per source on POLL_SCHEDULE, with random jitter so many
 * installs do not hit trade.gov at the same second, and never two polls of one source at once
 * (node-cron's noOverlap, plus an in-process guard shared with on-demand polls). Across
 * processes, `poll` is expected to take the source's poll lease (App.poll, worker/lease.ts).
 */
import cron, { type ScheduledTask } from 'node-cron';
import type { Logger } from 'pino';
import type { Source } from '../sources/types.js';
import type { PollOutcome } from './poll.js';

export interface SchedulerOptions {
  cron: string;
  jitterMs: number;
  sources: readonly Source[];
  /** One poll of a source (App.poll: under the source's poll lease). */
  poll: (source: Source) => Promise<PollOutcome>;
  log: Logger;
  /** Called after every poll (the worker wakes the deliverer). */
  afterPoll?: (source: Source, outcome: PollOutcome) => void;
}

export interface Scheduler {
  start(): void;
  /** Poll one source now, unless it is already being polled (then wait for that poll). */
  pollNow(source: Source): Promise<PollOutcome>;
  /** Stop scheduling and wait for polls under way. */
  stop(): Promise<void>;
}

export function createScheduler(options: SchedulerOptions): Scheduler {
  const running = new Map<string, Promise<PollOutcome>>();
  const tasks: ScheduledTask[] = [];

  function pollNow(source: Source): Promise<PollOutcome> {
    const current = running.get(source.id);
    if (current) return current;
    const poll = options.poll(source)
      .then((outcome) => {
        options.afterPoll?.(source, outcome);
        return outcome;
      })
      .finally(() => running.delete(source.id));
    running.set(source.id, poll);
    return poll;
  }

  return {
    pollNow,
    start() {
      for (const source of options.sources) {
        const task = cron.schedule(
          options.cron,
          async () => {
            await pollNow(source);
          },
          { name: `poll:${source.id}`, noOverlap: true, maxRandomDelay: options.jitterMs },
        );
        task.on('execution:failed', (ctx) => options.log.error({ source: source.id, err: ctx.execution?.error }, 'scheduled poll failed'));
        tasks.push(task);
      }
      options.log.info({ cron: options.cron, sources: options.sources.map((s) => s.id) }, 'scheduler started');
    },
    async stop() {
      await Promise.all(tasks.map(async (task) => task.destroy()));
      tasks.length = 0;
      await Promise.allSettled([...running.values()]);
    },
  };
}
