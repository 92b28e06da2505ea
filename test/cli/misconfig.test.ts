/**
 * Nothing fails silently: each misconfiguration gives one line naming the variable or path and
 * the fix, no stack trace, and the README's exit code (2 for configuration); doctor warns about a
 * chat platform with no alert channel and fails when alerts reach nothing; `--json` output is
 * the only thing on stdout for every command, console alerts going to stderr meanwhile; help
 * reaches subcommands and suggests the nearest name.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cliSandbox, runCli } from '../helpers/cli.js';

const fixture = (name: string) => new URL(`../fixtures/cli/${name}`, import.meta.url).pathname;
const SLACK = { SLACK_BOT_TOKEN: 'xoxb-test', SLACK_SIGNING_SECRET: '0123456789abcdef0123456789abcdef' };

describe('misconfiguration', () => {
  const t = cliSandbox();

  it.each([
    ['an unknown source id', { ENABLED_SOURCES: 'csl,ofac' }, /^entitywatch: ENABLED_SOURCES: unknown source "ofac" \(known: csl, .*\); fix the id or remove it\n$/],
    ['a CSL_URL that is neither a URL nor a path', { CSL_URL: 'not-a-url' }, /^entitywatch: invalid configuration — CSL_URL: "not-a-url" is neither a URL \(https:\/\/…\) nor an existing file or folder\n$/],
    ['a file:// CSL_URL to nothing', { CSL_URL: 'file:///nowhere/consolidated.json' }, /^entitywatch: invalid configuration — CSL_URL: file:\/\/\/nowhere\/consolidated\.json: no such file or folder\n$/],
    ['an invalid POLL_SCHEDULE', { POLL_SCHEDULE: 'every minute' }, /^entitywatch: invalid configuration — POLL_SCHEDULE: not a valid cron expression/],
  ])('%s: status exits 2 with one line naming the variable', async (_, env, message) => {
    const run = await runCli(['status'], { ...t.env, ...env });
    expect(run).toMatchObject({ code: 2, stdout: '' });
    expect(run.stderr).toMatch(message);
    expect(run.stderr.split('\n').filter(Boolean)).toHaveLength(1);
  });

  it('a database that cannot be created names the path and the fix', async () => {
    const file = join(t.dir, 'a-file');
    writeFileSync(file, 'x');
    const run = await runCli(['status'], { ...t.env, ENTITYWATCH_DB: join(file, 'entitywatch.db') });
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      `entitywatch: cannot open the database ${join(file, 'entitywatch.db')} (EEXIST: file already exists, mkdir '${file}'): choose a file in a folder you can write with ENTITYWATCH_DB or --db\n`,
    );
  });

  it('doctor exits 2 on an invalid configuration, as the README says', async () => {
    for (const env of [{ POLL_SCHEDULE: 'bad' }, { ENABLED_SOURCES: 'ofac' }, { CSL_URL: 'not-a-url' }]) {
      const run = await runCli(['doctor'], { ...t.env, ...env });
      expect(run.code).toBe(2);
      expect(run.stdout).toMatch(/^FAIL  /);
    }
  });

  it('doctor warns when Slack has no alert channel, and fails when alerts reach no channel at all', async () => {
    const run = await runCli(['doctor'], { ...t.env, ...SLACK });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(
      'WARN  Slack is configured but has no alert channel: set SLACK_ALERT_CHANNELS, or add a watch rule in a channel (/entitywatch add <keyword>); until then alerts reach no Slack channel',
    );
    expect(run.stdout).toContain('FAIL  alerts reach no channel at all (console alerts are off because a chat platform is configured): configure an alert channel, or set CONSOLE_ALERTS=on');
    const discord = await runCli(['doctor'], { ...t.env, DISCORD_TOKEN: 'MTIzNDU2Nzg5MDEyMzQ1Njc4.GhIjKl.abcdefghijklmnopqrstuvwxyz0123456789AB', DISCORD_APPLICATION_ID: '123456789012345678' });
    expect(discord.stdout).toContain('WARN  Discord is configured but has no alert channel: set DISCORD_ALERT_CHANNELS (or DISCORD_WEBHOOK_URL)');
    const fine = await runCli(['doctor'], { ...t.env, ...SLACK, SLACK_ALERT_CHANNELS: 'C0ALERTS' });
    expect(fine.stdout).not.toMatch(/WARN|FAIL/);
    expect(fine.code).toBe(0);
  });

  it('an alert that reached no channel is marked in alerts and status', async () => {
    const env = { ...t.env, ...SLACK };
    await runCli(['ingest', 'csl', fixture('csl-before.json')], env);
    await runCli(['ingest', 'csl', fixture('csl-after.json')], env);
    const text = await runCli(['alerts'], env);
    expect(text.stdout).toContain('  → NO CHANNEL: this alert reached no channel (none was configured when it was made)');
    expect(JSON.parse((await runCli(['alerts', '--json'], env)).stdout)).toMatchObject([{ deliveries: [], noChannel: true }]);
    const status = await runCli(['status'], env);
    expect(status.stdout).toMatch(/WARNING: 1 of the last 1 alerts reached no channel \(latest al_\w+\): configure an alert channel \(entitywatch doctor\)/);
    expect(JSON.parse((await runCli(['status', '--json'], env)).stdout).noChannel).toMatchObject({ alerts: 1, scanned: 1 });
  });
});

describe('--json is the only thing on stdout, for every command', () => {
  const t = cliSandbox();

  it('with console alerts on, for every command that has --json', async () => {
    const env = { ...t.env, CONSOLE_ALERTS: 'on', LOG_LEVEL: 'info' };
    const list = join(t.dir, 'suppliers.csv');
    writeFileSync(list, 'name,country\nLattice Qubit Technologies,CN\n');
    const commands = [
      ['ingest', 'csl', fixture('csl-before.json'), '--json'],
      ['ingest', 'csl', fixture('csl-after.json'), '--json'],
      ['parse', 'csl', fixture('csl-before.json'), '--json'],
      ['diff', 'csl', fixture('csl-before.json'), fixture('csl-after.json'), '--json'],
      ['lookup', 'Northwind Quantum', '--json'],
      ['alerts', '--json'],
      ['alerts', '--since', '7d', '--json'],
      ['watch', 'add', 'quantum', '--json'],
      ['watch', 'list', '--json'],
      ['watchlist', 'import', list, '--name', 'suppliers', '--json'],
      ['watchlist', 'list', '--json'],
      ['watchlist', 'screen', 'suppliers', '--json'],
      ['status', '--json'],
    ];
    for (const argv of commands) {
      const run = await runCli(argv, env);
      expect({ argv, code: run.code }).toEqual({ argv, code: 0 });
      expect(() => JSON.parse(run.stdout), argv.join(' ')).not.toThrow();
    }
  });
});

describe('help', () => {
  it('shows a subcommand\'s help, and suggests the nearest command', async () => {
    const sub = await runCli(['help', 'watchlist', 'import']);
    expect(sub.code).toBe(0);
    expect(sub.stdout).toMatch(/^Usage: entitywatch watchlist import \[options\] <file>/);
    expect(await runCli(['help', 'watchlst'])).toEqual({ code: 2, stdout: '', stderr: 'entitywatch: there is no command "watchlst" — did you mean "watchlist"? (entitywatch --help lists them)\n' });
    expect((await runCli(['help', 'watch', 'ad'])).stderr).toBe('entitywatch: "watch" has no subcommand "ad" — did you mean "watch add"? (entitywatch watch --help lists them)\n');
    const unknown = await runCli(['lokup', 'x']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('(Did you mean lookup?)');
  });
});
