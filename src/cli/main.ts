/**
 * The `entitywatch` command line. One file per command in ./commands, listed in
 * ./commands/index.ts; this file only wires them to commander — loading the module of the one
 * command that runs, and declaring the others by their summary for `--help` and for commander's
 * unknown-command handling — and turns errors into exit codes:
 *   0 success · 1 the operation failed (e.g. a snapshot was refused) · 2 bad usage or config.
 */
import { existsSync } from 'node:fs';
import { Command, CommanderError } from 'commander';
import { ConfigError, describeError, UsageError } from '../errors.js';
import { commandOf, COMMANDS } from './commands/index.js';
import { createCliContext, type CliIo } from './context.js';

function defaultIo(): CliIo {
  // Like `node --env-file=.env`, but optional: a missing .env is fine.
  if (existsSync('.env')) process.loadEnvFile('.env');
  // A reader that stops early (`entitywatch lookup X | head -1`) closes the pipe: that is the
  // reader's choice, not a failure, so end quietly instead of crashing on an unhandled EPIPE.
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
      throw err;
    });
  }
  return { stdout: process.stdout, stderr: process.stderr, env: process.env };
}

export async function main(argv: readonly string[], io: CliIo = defaultIo()): Promise<number> {
  const ctx = createCliContext(io);
  const program = new Command('entitywatch')
    .description('Hear first when a company you deal with is put on a US trade-restriction list.')
    .option('--db <path>', 'database: a SQLite file or a postgres:// URL (default: $ENTITYWATCH_DB or ./data/entitywatch.db)')
    .showHelpAfterError()
    .exitOverride()
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text),
    })
    .hook('preAction', (command, action) => {
      ctx.dbOverride = command.opts<{ db?: string }>().db;
      ctx.jsonOutput = action.opts<{ json?: boolean }>().json === true;
    });
  const running = commandOf(argv);
  if (running) await ctx.load({ settingsOnly: 'settingsOnly' in running });
  for (const entry of COMMANDS) {
    // `help` is always registered in full: it answers about any command, loading the one named.
    if (entry === running || entry.name === 'help') (await entry.load())(program, ctx);
    else program.command(entry.usage).description(entry.summary);
  }
  try {
    await program.parseAsync(argv, { from: 'user' });
    return 0;
  } catch (err) {
    if (err instanceof CommanderError) return err.exitCode === 0 ? 0 : 2;
    if (err instanceof UsageError || err instanceof ConfigError) {
      io.stderr.write(`entitywatch: ${err.message}\n`);
      return 2;
    }
    io.stderr.write(`entitywatch: ${describeError(err)}\n`);
    return 1;
  } finally {
    await ctx.close();
  }
}
