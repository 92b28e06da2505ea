/**
 * `entitywatch doctor` — check the configuration without polling: config parses, the database
 * opens (migrations applied), sources and channels as configured (secrets redacted), the next
 * scheduled poll. Exits 1 when a check fails.
 */
import type { Command } from 'commander';
import cron from 'node-cron';
import { redactedConfig } from '../../config.js';
import { CommandFailed, describeError } from '../../errors.js';
import { writeLine, type CliContext } from '../context.js';

export function registerDoctor(program: Command, ctx: CliContext): void {
  program
    .command('doctor')
    .description('check the configuration')
    .action(async () => {
      const problems: string[] = [];
      const ok = (line: string) => writeLine(ctx.io, `ok    ${line}`);
      const bad = (line: string) => {
        problems.push(line);
        writeLine(ctx.io, `FAIL  ${line}`);
      };
      let config;
      try {
        config = ctx.config();
        ok(`configuration is valid${config.configFile ? ` (config file ${config.configFile})` : ' (environment only; no config file)'}`);
      } catch (err) {
        bad(describeError(err));
        throw new CommandFailed('configuration is invalid');
      }
      try {
        const app = await ctx.app();
        await app.store.listSourceStates();
        ok(`database ${config.dbPath} opens`);
        for (const source of app.sources) ok(`source ${source.id}: ${source.title}`);
        for (const notifier of app.notifiers) {
          for (const channel of notifier.channels()) ok(`channel ${channel.id} (${notifier.id})`);
        }
      } catch (err) {
        bad(`database or sources: ${describeError(err)}`);
      }
      const task = cron.createTask(config.schedule.cron, () => undefined);
      ok(`schedule "${config.schedule.cron}", next poll ${task.getNextRuns(1)[0]?.toISOString() ?? 'never'} (+ up to ${config.schedule.jitterMs / 1000}s jitter)`);
      await task.destroy();
      writeLine(ctx.io, JSON.stringify(redactedConfig(config)));
      if (problems.length > 0) throw new CommandFailed(`${problems.length} check(s) failed`);
    });
}
