/**
 * `entitywatch doctor` — check the configuration without polling: config parses (sources and
 * locations included), the database opens (migrations applied), sources and channels as
 * configured (secrets redacted), where alerts will go, the next scheduled poll.
 *
 *   ok    …   a check passed
 *   WARN  …   works, but something will not happen (a chat platform with no alert channel)
 *   FAIL  …   will not work
 *
 * Exit codes as every command: 2 for an invalid configuration, 1 for another failed check.
 */
import type { Command } from 'commander';
import cron from 'node-cron';
import { redactDbUrl, redactedConfig, type Config } from '../../config.js';
import { CommandFailed, ConfigError, describeError } from '../../errors.js';
import type { App } from '../../index.js';
import { writeLine, type CliContext } from '../context.js';

/** Which chat platform notifier ids need which variable for alert channels. */
const CHAT = [
  { notifier: 'slack', platform: 'Slack', variable: 'SLACK_ALERT_CHANNELS', command: '/entitywatch add <keyword>' },
  { notifier: 'discord', platform: 'Discord', variable: 'DISCORD_ALERT_CHANNELS (or DISCORD_WEBHOOK_URL)', command: '/watch add' },
] as const;

/** WARN lines for chat platforms that reach no channel, and a FAIL when alerts reach nothing at all. */
export function channelProblems(app: Pick<App, 'notifiers'>, config: Pick<Config, 'notifiers'>): { warnings: string[]; failure: string | null } {
  const warnings: string[] = [];
  for (const chat of CHAT) {
    const notifiers = app.notifiers.filter((n) => n.id === chat.notifier || n.id === `${chat.notifier}-webhook`);
    if (notifiers.length === 0) continue;
    if (notifiers.every((n) => n.channels().length === 0)) {
      warnings.push(
        `${chat.platform} is configured but has no alert channel: set ${chat.variable}, or add a watch rule in a channel (${chat.command}); until then alerts reach no ${chat.platform} channel`,
      );
    }
  }
  const total = app.notifiers.reduce((sum, n) => sum + n.channels().length, 0);
  const consoleOff = config.notifiers.console !== 'on';
  const failure =
    total === 0
      ? `alerts reach no channel at all${consoleOff ? ' (console alerts are off because a chat platform is configured)' : ''}: configure an alert channel, or set CONSOLE_ALERTS=on`
      : null;
  return { warnings, failure };
}

export function registerDoctor(program: Command, ctx: CliContext): void {
  program
    .command('doctor')
    .description('check the configuration')
    .action(async () => {
      const problems: string[] = [];
      const ok = (line: string) => writeLine(ctx.io, `ok    ${line}`);
      const warn = (line: string) => writeLine(ctx.io, `WARN  ${line}`);
      const bad = (line: string) => {
        problems.push(line);
        writeLine(ctx.io, `FAIL  ${line}`);
      };
      let config;
      try {
        config = ctx.config();
      } catch (err) {
        bad(describeError(err));
        throw new ConfigError('the configuration is invalid (see FAIL above)');
      }
      let app: App;
      try {
        app = await ctx.app();
      } catch (err) {
        bad(describeError(err));
        if (err instanceof ConfigError) throw new ConfigError('the configuration is invalid (see FAIL above)');
        throw new CommandFailed(`${problems.length} check(s) failed`);
      }
      ok(`configuration is valid${config.configFile ? ` (config file ${config.configFile})` : ' (environment only; no config file)'}`);
      try {
        await app.store.listSourceStates();
        ok(`database ${redactDbUrl(config.dbPath)} opens`);
        for (const source of app.sources) ok(`source ${source.id}: ${source.title}`);
        await app.syncChannels();
        for (const notifier of app.notifiers) {
          for (const channel of notifier.channels()) ok(`channel ${channel.id} (${notifier.id})`);
        }
        const { warnings, failure } = channelProblems(app, config);
        for (const line of warnings) warn(line);
        if (failure) bad(failure);
      } catch (err) {
        bad(`database or channels: ${describeError(err)}`);
      }
      const task = cron.createTask(config.schedule.cron, () => undefined);
      ok(`schedule "${config.schedule.cron}", next poll ${task.getNextRuns(1)[0]?.toISOString() ?? 'never'} (+ up to ${config.schedule.jitterMs / 1000}s jitter)`);
      await task.destroy();
      writeLine(ctx.io, JSON.stringify(redactedConfig(config)));
      if (problems.length > 0) throw new CommandFailed(`${problems.length} check(s) failed`);
    });
}
