/**
 * `entitywatch alerts [--limit N | --since 7d] [--json | --csv]` — alerts, newest first, with each
 * channel's delivery state; an alert that reached no channel says so. With `--since` (7d, 12h,
 * 2w, or a date) every alert since then, for the compliance file: `--csv` is the audit export
 * (alert-export.ts), `--json` is [{ alert: Alert, deliveries: Delivery[], noChannel: boolean }].
 */
import type { Command } from 'commander';
import { alertLines } from '../../notifiers/plain-text.js';
import { UsageError } from '../../errors.js';
import type { AlertRecord, Store } from '../../../store/types.js';
import { alertsCsv, parseSince } from '../alert-export.js';
import { writeJson, writeLine, type CliContext } from '../context.js';

/** Alerts created at or after `since`: the store lists newest first, so read more until past it. */
async function alertsSince(store: Pick<Store, 'listAlerts'>, since: string): Promise<AlertRecord[]> {
  for (let limit = 500; ; limit *= 4) {
    const records = await store.listAlerts(limit);
    const oldest = records.at(-1);
    if (records.length < limit || !oldest || oldest.alert.createdAt < since) return records.filter((r) => r.alert.createdAt >= since);
  }
}

function parseLimit(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 1000) throw new UsageError('--limit must be a whole number from 1 to 1000');
  return n;
}

export function registerAlerts(program: Command, ctx: CliContext): void {
  program
    .command('alerts')
    .description('recent alerts and their delivery state; --since 7d --csv for the compliance file')
    .option('--limit <n>', 'how many (default 20)', parseLimit)
    .option('--since <when>', 'every alert since: 7d, 12h, 2w, or a date (2026-11-01)')
    .option('--csv', 'print the audit CSV: one row per change, with every channel’s delivery state')
    .option('--json', 'print JSON')
    .action(async (opts: { limit?: number; since?: string; csv?: boolean; json?: boolean }) => {
      if (opts.csv && opts.json) throw new UsageError('give --csv or --json, not both');
      if (opts.since !== undefined && opts.limit !== undefined) throw new UsageError('give --since or --limit, not both');
      const since = opts.since === undefined ? null : parseSince(opts.since, new Date());
      if (opts.since !== undefined && since === null) throw new UsageError(`--since "${opts.since}": use a duration such as 7d, 12h, 2w, or a date such as 2026-11-01`);
      const { store } = await ctx.app();
      const records = since ? await alertsSince(store, since) : await store.listAlerts(opts.limit ?? 20);
      if (opts.csv) {
        for (const line of alertsCsv(records)) writeLine(ctx.io, line);
        return;
      }
      if (opts.json) {
        writeJson(ctx.io, records.map((r) => ({ ...r, noChannel: r.deliveries.length === 0 })));
        return;
      }
      if (records.length === 0) writeLine(ctx.io, since ? `No alerts since ${since}.` : 'No alerts yet.');
      for (const { alert, deliveries } of records) {
        writeLine(ctx.io, `${alert.createdAt}  ${alert.id}`);
        writeLine(ctx.io, alertLines(alert).join('\n'));
        if (deliveries.length === 0) writeLine(ctx.io, '  → NO CHANNEL: this alert reached no channel (none was configured when it was made)');
        for (const d of deliveries) {
          const extra = d.state === 'sent' ? `at ${d.sentAt}` : d.lastError ? `${d.lastError} (attempts ${d.attempts})` : '';
          writeLine(ctx.io, `  → ${d.channel}: ${d.state} ${extra}`.trimEnd());
        }
        writeLine(ctx.io);
      }
    });
}
