/**
 * `entitywatch db copy --to postgres://…` — move a SQLite store (--db / ENTITYWATCH_DB) into an
 * empty PostgreSQL store, all or nothing, with the row counts verified (store/copy.ts). Stop the
 * workers first; point ENTITYWATCH_DB at the PostgreSQL URL after.
 */
import type { Command } from 'commander';
import { UsageError } from '../../errors.js';
import { copySqliteToPostgres } from '../../../store/copy.js';
import { sqlitePathOf } from '../../../store/index.js';
import { isPostgresUrl } from '../../../store/postgres/index.js';
import { describeTarget } from '../../../store/postgres/db.js';
import { writeJson, writeLine, type CliContext } from '../context.js';

export function registerDb(program: Command, ctx: CliContext): void {
  const db = program.command('db').description('database tools');
  db.command('copy')
    .description('copy the SQLite store into an empty PostgreSQL store (verifies the counts)')
    .requiredOption('--to <url>', 'the PostgreSQL store, postgres://user:pass@host:5432/db')
    .option('--json', 'print the copied row counts as JSON')
    .action(async (opts: { to: string; json?: boolean }) => {
      if (!isPostgresUrl(opts.to)) throw new UsageError(`--to must be a postgres:// or postgresql:// URL`);
      const from = ctx.dbOverride ?? ctx.io.env.ENTITYWATCH_DB ?? './data/entitywatch.db';
      if (isPostgresUrl(from)) throw new UsageError('the source (--db or ENTITYWATCH_DB) must be a SQLite store');
      const copied = await copySqliteToPostgres(sqlitePathOf(from), opts.to);
      if (opts.json) return writeJson(ctx.io, { to: describeTarget(opts.to), tables: copied });
      for (const { table, rows } of copied) writeLine(ctx.io, `${table}: ${rows}`);
      writeLine(ctx.io, `copied ${copied.reduce((n, t) => n + t.rows, 0)} rows into ${describeTarget(opts.to)}; counts verified`);
    });
}
