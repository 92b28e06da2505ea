/**
 * `entitywatch run` (also `npm start`) — the worker: polls every enabled source at start and on
 * POLL_SCHEDULE, delivers continuously, and serves the chat platforms that are configured
 * (Slack, Discord), until SIGINT or SIGTERM, when it stops scheduling, lets polls and sends under
 * way finish, and closes the database. At start it says, in plain lines on stderr (startup.ts),
 * the database, the sources, where alerts go, the next poll and how to stop.
 * Serves /healthz, /readyz and /metrics on HEALTH_PORT (src/health/server.ts) unless it is 0.
 * Keeps the designation index copy beside a SQLite database current (src/worker/copy-keeper.ts).
 */
import type { Command } from 'commander';
import cron from 'node-cron';
import { redactDbUrl, schedulePeriodMs } from '../../config.js';
import { startHealthServer } from '../../health/server.js';
import { createScheduler } from '../../worker/scheduler.js';
import { createCopyKeeper } from '../../worker/copy-keeper.js';
import { neighbourSeedOf, warmScreeningAfter } from '../../worker/watchlist-hits.js';
import { startupLines } from '../startup.js';
import type { CliContext } from '../context.js';

export function registerRun(program: Command, ctx: CliContext): void {
  program
    .command('run')
    .description('run the worker: scheduled polls and continuous delivery')
    .option('--no-initial-poll', 'wait for the first scheduled time instead of polling at start')
    .action(async (opts: { initialPoll: boolean }) => {
      const app = await ctx.app();
      const { log } = app;
      const health = await startHealthServer({
        ...app.config.health,
        log,
        store: app.store,
        sources: app.sources.map((s) => s.id),
        maxAgeMs: app.config.schedule.staleAfterMs,
        metrics: app.metrics,
        now: () => new Date(),
      });
      // Platforms first: they learn the channels that have chat watch rules, which recovery needs.
      // Imported only when configured: each platform's SDK costs tens of MB and a few 100 ms.
      const slack = app.config.slack
        ? await (await import('../../platforms/slack/start.js')).startSlackPlatform(app.platformDeps, app.config.slack)
        : null;
      const discord = app.config.discord
        ? await (await import('../../platforms/discord/start.js')).startDiscordPlatform(app.platformDeps, app.config.discord)
        : null;
      await app.syncChannels();
      const recovered = await app.deliverer.recover();
      if (recovered > 0) log.info({ recovered }, 'settled interrupted deliveries');
      app.deliverer.start();
      // The designation index copy, rewritten after changes (and after the warm-up, when stale), for short-lived processes.
      const keeper = createCopyKeeper(() => app.lookupIndex.keep(neighbourSeedOf(app.store)), log);
      const scheduler = createScheduler({
        cron: app.config.schedule.cron,
        jitterMs: app.config.schedule.jitterMs,
        sources: app.sources,
        poll: app.poll,
        log,
        afterPoll: (_source, outcome) => {
          app.deliverer.wake();
          if (outcome.status === 'changed') keeper.request();
        },
      });
      scheduler.start();
      const initial = opts.initialPoll ? app.sources.map((source) => scheduler.pollNow(source)) : [];
      // Screening's indexes, built once the first polls are done, so the first change screens warm.
      void warmScreeningAfter(initial, app.pollDeps).then(() => keeper.request());
      const task = cron.createTask(app.config.schedule.cron, () => undefined);
      const nextPoll = task.getNextRuns(1)[0] ?? null;
      await task.destroy();
      const lines = startupLines({
        dbPath: redactDbUrl(app.config.dbPath),
        sources: app.sources,
        channels: app.notifiers.flatMap((n) => n.channels().map((c) => c.id)),
        cron: app.config.schedule.cron,
        periodMs: schedulePeriodMs(app.config.schedule.cron),
        nextPoll,
        initialPoll: opts.initialPoll,
      });
      ctx.io.stderr.write(`${lines.join('\n')}\n`);
      const signal = await new Promise<NodeJS.Signals>((resolve) => {
        process.once('SIGINT', resolve);
        process.once('SIGTERM', resolve);
      });
      log.info({ signal }, 'stopping');
      await scheduler.stop();
      await keeper.stop();
      await slack?.stop();
      await discord?.stop();
      await app.deliverer.stop();
      await health?.close();
      log.info('stopped');
    });
}
