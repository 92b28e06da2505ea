/**
 * Counterparty watchlists: an admin's own customers, suppliers or investees, screened against
 * every list change (a hit is a high-priority alert) and on demand.
 *
 *   entitywatch watchlist import suppliers.csv --name suppliers [--replace] [--json]
 *   entitywatch watchlist list [--json]
 *   entitywatch watchlist remove suppliers
 *   entitywatch watchlist screen suppliers [--csv | --json]
 *
 * Imports and removals are audited as "cli:<os user>". The CSV format is in
 * src/watchlists/parse-csv.ts. JSON: import → { name, count, createdBy, createdAt, updatedAt,
 * replaced }; list → WatchlistSummary[]; screen → { watchlist, counterparties, designations, hits }.
 */
import { userInfo } from 'node:os';
import type { Command } from 'commander';
import { readBasis } from '../../../handlers/basis.js';
import { basisLine, NOT_LOADED, staleWarning, type Basis } from '../../core/basis.js';
import { CommandFailed, UsageError } from '../../errors.js';
import { parseCounterpartyFile } from '../../watchlists/read-file.js';
import { parseWatchlistName } from '../../watchlists/schema.js';
import { screenIndexed, type WatchlistHit } from '../../watchlists/screen.js';
import { SCREEN_CSV_HEADER, screenCsv } from '../../watchlists/screen-csv.js';
import { writeJson, writeLine, type CliContext } from '../context.js';
import { readUserBytes } from '../read-user-text.js';

function actor(): string {
  return `cli:${userInfo().username}`;
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;
}

async function existingName(ctx: CliContext, text: string): Promise<string> {
  const name = parseWatchlistName(text);
  const found = (await (await ctx.app()).store.listWatchlists()).find((w) => w.name.toLowerCase() === name.toLowerCase());
  if (!found) throw new CommandFailed(`no watchlist named "${name}" (entitywatch watchlist list shows them)`);
  return found.name;
}

export function registerWatchlist(program: Command, ctx: CliContext): void {
  const watchlist = program.command('watchlist').description('counterparty watchlists: your own names, screened against every list change');
  watchlist
    .command('import <file>')
    .description('import counterparties from a CSV (header with name; optional country, reference)')
    .requiredOption('--name <name>', 'the watchlist name, e.g. suppliers')
    .option('--replace', 'replace the counterparties of an existing watchlist of that name')
    .option('--json', 'print the watchlist as JSON')
    .action(async (file: string, opts: { name: string; replace?: boolean; json?: boolean }) => {
      const name = parseWatchlistName(opts.name);
      const bytes = await readUserBytes(file);
      const rows = parseCounterpartyFile(file, bytes);
      const { watchlist: saved, replaced } = await (await ctx.app()).store.importWatchlist(name, rows, actor(), new Date().toISOString(), { replace: opts.replace === true });
      if (opts.json) {
        writeJson(ctx.io, { ...saved, replaced });
        return;
      }
      const swap = opts.replace && replaced > 0 ? ` (replacing ${plural(replaced, 'counterparty', 'counterparties')})` : '';
      writeLine(ctx.io, `imported ${plural(saved.count, 'counterparty', 'counterparties')} into watchlist ${saved.name}${swap}`);
    });
  watchlist
    .command('list')
    .description('list watchlists')
    .option('--json', 'print JSON')
    .action(async (opts: { json?: boolean }) => {
      const lists = await (await ctx.app()).store.listWatchlists();
      if (opts.json) {
        writeJson(ctx.io, lists);
        return;
      }
      if (lists.length === 0) writeLine(ctx.io, 'No watchlists. Import one: entitywatch watchlist import FILE --name NAME');
      for (const w of lists) {
        writeLine(ctx.io, `${w.name.padEnd(20)} ${plural(w.count, 'counterparty', 'counterparties').padStart(20)}  (by ${w.createdBy}, ${w.createdAt}; updated ${w.updatedAt})`);
      }
    });
  watchlist
    .command('remove <name>')
    .description('remove a watchlist and its counterparties (audited)')
    .action(async (text: string) => {
      const name = await existingName(ctx, text);
      await (await ctx.app()).store.removeWatchlist(name, actor(), new Date().toISOString());
      writeLine(ctx.io, `removed watchlist ${name}`);
    });
  watchlist
    .command('screen <name>')
    .description("screen a watchlist against today's lists")
    .option('--csv', `print CSV: ${SCREEN_CSV_HEADER.join(',')}`)
    .option('--json', 'print JSON')
    .action(async (text: string, opts: { csv?: boolean; json?: boolean }) => {
      if (opts.csv && opts.json) throw new UsageError('give --csv or --json, not both');
      const name = await existingName(ctx, text);
      const app = await ctx.app();
      const basis = await readBasis(app.store, new Date(), app.config.schedule.staleAfterMs);
      if (basis.designations === 0) throw new CommandFailed(NOT_LOADED);
      const warning = staleWarning(basis);
      if (warning && (opts.json || opts.csv)) ctx.io.stderr.write(`entitywatch: ${warning}\n`);
      const members = await app.store.watchlistMembers(name);
      const index = await app.lookupIndex();
      // Loaded here, not with the command table: the screening module brings the matching engine.
      const { counterpartyIndexOf } = await import('../../worker/watchlist-hits.js');
      const counterparties = counterpartyIndexOf(app.pollDeps.counterpartyCopy, members);
      const hits = screenIndexed(counterparties, index);
      try {
        printScreening(ctx, { name, members: members.length, index: index.size, hits, basis, warning, opts });
      } finally {
        // Once the answer is out: the index this screening read (and its typo neighbour lists) kept
        // beside the database, so the next short-lived process restores it. A cache: never fails the command.
        await app.lookupIndex.keep(counterparties.neighbourSeed()).catch(() => false);
      }
    });
}

/** What `watchlist screen` prints: the hits, as text, CSV (summary on stderr) or JSON. */
function printScreening(
  ctx: CliContext,
  r: { name: string; members: number; index: number; hits: WatchlistHit[]; basis: Basis; warning: string | null; opts: { csv?: boolean; json?: boolean } },
): void {
  const { name, hits, basis, warning, opts } = r;
  const summary = `${plural(r.members, 'counterparty', 'counterparties')} of ${name} screened against ${plural(r.index, 'designation')}`;
  if (opts.json) {
    writeJson(ctx.io, { watchlist: name, counterparties: r.members, designations: r.index, hits, basis });
    return;
  }
  if (opts.csv) {
    ctx.io.stdout.write(screenCsv(hits));
    ctx.io.stderr.write(`${hits.length === 0 ? 'No hits' : plural(hits.length, 'hit')}: ${summary}. ${basisLine(basis)}\n`);
    return;
  }
  if (warning) writeLine(ctx.io, warning);
  if (hits.length === 0) {
    writeLine(ctx.io, `No hits: ${summary}.`);
    writeLine(ctx.io, basisLine(basis));
    return;
  }
  writeLine(ctx.io, `${plural(hits.length, 'hit')}: ${summary}.`);
  for (const hit of hits) {
    const ref = hit.reference ? ` [${hit.reference}]` : '';
    const via = hit.matchedName !== hit.designationName ? ` (matched "${hit.matchedName}")` : '';
    writeLine(ctx.io, `${hit.score.toFixed(2)}  ${hit.counterparty}${ref} ↔ ${hit.list} ${hit.designationName}${via}`);
  }
  writeLine(ctx.io, basisLine(basis));
}
