/**
 * The CLI's command table (src/cli/commands/index.ts): complete, in step with the modules it
 * loads on demand, and picking the one command a command line runs.
 */
import { readdirSync } from 'node:fs';
import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { commandOf, COMMANDS } from '../../src/cli/commands/index.js';
import { createCliContext } from '../../src/cli/context.js';

const folder = new URL('../../src/cli/commands/', import.meta.url);

describe('the CLI command table', () => {
  it('lists every command module once', () => {
    const files = readdirSync(folder).filter((f) => f.endsWith('.ts') && f !== 'index.ts').map((f) => f.replace(/\.ts$/, ''));
    expect(COMMANDS.map((c) => c.name).sort()).toEqual(files.sort());
  });

  it('declares each command with the usage and summary its module gives it', async () => {
    for (const entry of COMMANDS) {
      const program = new Command('entitywatch');
      (await entry.load())(program, createCliContext({ stdout: process.stdout, stderr: process.stderr, env: {} }));
      const declared = new Command('entitywatch').command(entry.usage);
      const [registered] = program.commands;
      expect({ name: registered?.name(), usage: registered?.usage(), summary: registered?.description() }).toEqual({
        name: entry.name,
        usage: expect.stringContaining(declared.usage()) as string,
        summary: entry.summary,
      });
    }
  });

  it('picks the command a command line runs, past --db and through help', () => {
    const name = (argv: string[]) => commandOf(argv)?.name;
    expect(name(['lookup', 'Hikvision'])).toBe('lookup');
    expect(name(['--db', 'x.db', 'status', '--json'])).toBe('status');
    expect(name(['--db=x.db', 'watchlist', 'screen', 'suppliers'])).toBe('watchlist');
    expect(name(['help', 'watch', 'add'])).toBe('watch');
    expect(name(['--help'])).toBeUndefined();
    expect(name(['lokup', 'x'])).toBeUndefined();
    expect(name([])).toBeUndefined();
  });
});
