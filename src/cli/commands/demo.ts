/**
 * `entitywatch demo` — the whole pipeline on two small invented snapshots served from a local
 * HTTP server, with a throwaway database: a newcomer sees a real alert without network or
 * accounts. Nothing outside a temporary directory is touched.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Command } from 'commander';
import { loadConfig } from '../../config.js';
import { demoSnapshots } from '../../demo/snapshots.js';
import { startSnapshotServer } from '../../demo/server.js';
import { createApp } from '../../index.js';
import { pollSource } from '../../worker/poll.js';
import { buildSnapshotSource } from '../../sources/registry.js';
import { writeLine, type CliContext } from '../context.js';
import { printOutcome } from './poll.js';

export function registerDemo(program: Command, ctx: CliContext): void {
  program
    .command('demo')
    .description('run the pipeline end to end on sample data, offline')
    .action(async () => {
      const dir = mkdtempSync(join(tmpdir(), 'entitywatch-demo-'));
      const server = await startSnapshotServer();
      const { before, after } = demoSnapshots();
      const config = loadConfig({
        ENTITYWATCH_DB: join(dir, 'demo.db'),
        CSL_URL: server.url,
        ENABLED_SOURCES: 'csl',
        CONSOLE_ALERTS: 'on',
        LOG_LEVEL: ctx.io.env.LOG_LEVEL ?? 'warn',
      });
      const app = await createApp(config, { stdout: ctx.io.stdout });
      const csl = buildSnapshotSource('csl', app.config);
      const say = (line: string) => writeLine(ctx.io, line);
      try {
        say(`Serving a small sample Consolidated Screening List at ${server.url}\n`);
        server.serve(before);
        say('1. First poll: the first snapshot of a source is stored as a silent baseline.');
        printOutcome(ctx, csl.id, await pollSource(csl, app.pollDeps));
        say('\n2. Poll again: the server answers 304 Not Modified, so nothing is downloaded or parsed.');
        printOutcome(ctx, csl.id, await pollSource(csl, app.pollDeps));
        say('\n3. The list changes (two Entity List additions, an SDN addition, an amended address, a removal). Poll:');
        server.serve(after);
        printOutcome(ctx, csl.id, await pollSource(csl, app.pollDeps));
        say('   Additions and amendments go out at once; the removal waits for a second download to agree.');
        say('   Poll once more: the list still lacks it, so the removal is confirmed.');
        printOutcome(ctx, csl.id, await pollSource(csl, app.pollDeps));
        say('\n4. The deliverer sends each alert once to each channel — here the console:\n');
        await app.deliverer.drain();
        say('Try it for real: `npm start` polls trade.gov every 15 minutes (see README for Slack, Discord and webhooks).');
      } finally {
        await app.close();
        await server.close();
        rmSync(dir, { recursive: true, force: true });
      }
    });
}
