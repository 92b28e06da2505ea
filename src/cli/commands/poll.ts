/**
 * `entitywatch poll [--source ID] [--json]` — poll now, once, deliver what it produced, exit.
 * Exits 1 when a source was refused or unavailable.
 */
import type { Command } from 'commander';
import { CommandFailed } from '../../errors.js';
import { buildSource } from '../../sources/registry.js';
import type { PollOutcome } from '../../worker/poll.js';
import { describeCounts } from '../../worker/poll-outcome.js';
import { releaseCounterpartyIndex } from '../../worker/watchlist-hits.js';
import type { App } from '../../index.js';
import { writeJson, writeLine, type CliContext } from '../context.js';

export function printOutcome(ctx: CliContext, source: string, outcome: PollOutcome): void {
  switch (outcome.status) {
    case 'not-modified':
      return writeLine(ctx.io, `${source}: not modified (HTTP 304)`);
    case 'unchanged':
      return writeLine(ctx.io, `${source}: unchanged${describeCounts(outcome)}`);
    case 'baseline':
      return writeLine(
        ctx.io,
        `${source}: baseline stored, ${outcome.count} ${outcome.unit ?? 'designations'} (first poll: no alerts)${describeCounts(outcome)}`,
      );
    case 'changed':
      return writeLine(
        ctx.io,
        `${source}: ${outcome.added} added, ${outcome.removed} removed, ${outcome.amended} amended → ${outcome.alerts} alert(s)${describeCounts(outcome)}`,
      );
    case 'items':
      return writeLine(ctx.io, `${source}: ${outcome.seen} items, ${outcome.new} new → ${outcome.alerts} alert(s)`);
    case 'refused':
      return writeLine(ctx.io, `${source}: REFUSED (${outcome.code}): ${outcome.reason}${outcome.kept ? `. ${outcome.kept}` : ''}`);
    case 'unavailable':
      return writeLine(ctx.io, `${source}: unavailable: ${outcome.reason}`);
    case 'busy':
      return writeLine(ctx.io, `${source}: skipped, another instance is polling it`);
  }
}

/**
 * Once a short-lived process's alerts and hits are committed and delivered: the designation index
 * screening updated is kept beside the database for the next process (src/worker/lookup-index.ts).
 * The counterparty index goes first, so the copy's export does not add to it (peak RSS ~320
 * against ~350 MB at 100,000 counterparties); its typo neighbour lists go into the copy, so the
 * next process's screening does not work them out again. Never fails the command: the copy is a cache.
 */
export async function keepLookupCopy(app: App): Promise<void> {
  const neighbours = releaseCounterpartyIndex(app.store);
  await app.lookupIndex.keep(neighbours).catch(() => false);
}

export function registerPoll(program: Command, ctx: CliContext): void {
  program
    .command('poll')
    .description('poll sources once, deliver the alerts, exit')
    .option('--source <id>', 'only this source')
    .option('--json', 'print outcomes as JSON')
    .action(async (opts: { source?: string; json?: boolean }) => {
      const app = await ctx.app();
      await app.syncChannels();
      const sources = opts.source ? [buildSource(opts.source, app.config)] : app.sources;
      const results: Array<{ source: string } & PollOutcome> = [];
      for (const source of sources) {
        const outcome = await app.poll(source);
        results.push({ source: source.id, ...outcome });
        if (!opts.json) printOutcome(ctx, source.id, outcome);
      }
      await app.deliverer.recover();
      const sent = await app.deliverer.drain();
      if (opts.json) writeJson(ctx.io, { results, delivered: sent });
      await keepLookupCopy(app);
      const failed = results.filter((r) => r.status === 'refused' || r.status === 'unavailable');
      if (failed.length > 0) throw new CommandFailed(`${failed.map((r) => r.source).join(', ')} failed`);
    });
}
