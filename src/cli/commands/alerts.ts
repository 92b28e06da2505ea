/**
 * `entitywatch alerts [--limit N] [--json]` — recent alerts, newest first, with each channel's
 * delivery state. JSON: [{ alert: Alert, deliveries: Delivery[] }].
 */
import type { Command } from 'commander';
import { alertLines } from '../../notifiers/plain-text.js';
import { UsageError } from '../../errors.js';
import { writeJson, writeLine, type CliContext } from '../context.js';

export function registerAlerts(program: Command, ctx: CliContext): void {
  program
    .command('alerts')
    .description('recent alerts and their delivery state')
    .option('--limit <n>', 'how many', (v) => {
      const n = Number(v);
      if (!Number.isInteger(n) || n < 1 || n > 1000) throw new UsageError('--limit must be a whole number from 1 to 1000');
      return n;
    }, 20)
    .option('--json', 'print JSON')
    .action(async (opts: { limit: number; json?: boolean }) => {
      const records = await (await ctx.app()).store.listAlerts(opts.limit);
      if (opts.json) {
        writeJson(ctx.io, records);
        return;
      }
      if (records.length === 0) writeLine(ctx.io, 'No alerts yet.');
      for (const { alert, deliveries } of records) {
        writeLine(ctx.io, `${alert.createdAt}  ${alert.id}`);
        writeLine(ctx.io, alertLines(alert).join('\n'));
        for (const d of deliveries) {
          const extra = d.state === 'sent' ? `at ${d.sentAt}` : d.lastError ? `${d.lastError} (attempts ${d.attempts})` : '';
          writeLine(ctx.io, `  → ${d.channel}: ${d.state} ${extra}`.trimEnd());
        }
        writeLine(ctx.io);
      }
    });
}
