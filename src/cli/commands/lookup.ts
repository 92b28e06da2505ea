/**
 * `entitywatch lookup <query> [--limit N] [--json]` and `entitywatch lookup --file FILE --json`.
 * Searches the current designations of every source with the matching engine (src/core/match).
 * JSON: one object per query — { query, matches: [{ name, matchedName, score, designations }],
 * basis } — pretty for a single query, one line per query with --file. `matches` is empty when
 * nothing scores above the engine's threshold; `basis` (src/core/basis.ts) says what was searched
 * and how fresh each source is. With nothing loaded it exits 1 (NOT_LOADED) rather than answer.
 */
import type { Command } from 'commander';
import { readBasis } from '../../../handlers/basis.js';
import { basisLine, NOT_LOADED, staleWarning, type Basis } from '../../core/basis.js';
import type { MatchResult } from '../../core/match/index.js';
import { CommandFailed, UsageError } from '../../errors.js';
import { writeJson, writeLine, type CliContext } from '../context.js';
import { openLookupIndex } from '../persisted-index.js';
import { readUserText } from '../read-user-text.js';

function parseLimit(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 100) throw new UsageError('--limit must be a whole number from 1 to 100');
  return n;
}

function printMatches(ctx: CliContext, query: string, matches: MatchResult[]): void {
  if (matches.length === 0) {
    writeLine(ctx.io, `No match for "${query}" on any list.`);
    return;
  }
  for (const m of matches) {
    const via = m.matchedName !== m.name ? ` (matched "${m.matchedName}")` : '';
    writeLine(ctx.io, `${m.score.toFixed(2)}  ${m.name}${via}`);
    for (const d of m.designations) {
      writeLine(ctx.io, `      ${d.list}${d.startDate ? ` since ${d.startDate}` : ''}${d.frCitation ? `, ${d.frCitation}` : ''}`);
    }
  }
}

/** The basis line, then the stale warning. */
function printBasis(ctx: CliContext, basis: Basis): void {
  const warning = staleWarning(basis);
  writeLine(ctx.io, warning ? `${basisLine(basis)}\n${warning}` : basisLine(basis));
}

export function registerLookup(program: Command, ctx: CliContext): void {
  program
    .command('lookup [query]')
    .description('look a name up on every list')
    .option('--limit <n>', 'most matches per query', parseLimit, 5)
    .option('--file <file>', 'one query per line; prints one JSON line per query (with --json)')
    .option('--json', 'print JSON')
    .action(async (query: string | undefined, opts: { limit: number; file?: string; json?: boolean }) => {
      if (!query && !opts.file) throw new UsageError('give a query, or --file FILE');
      if (query && opts.file) throw new UsageError('give a query or --file, not both');
      const store = await ctx.store();
      const basis = await readBasis(store, new Date(), ctx.settings().schedule.staleAfterMs);
      if (basis.designations === 0) throw new CommandFailed(NOT_LOADED);
      const warning = staleWarning(basis);
      // --json output is for programs: the warning is in `basis.stale`, and said on stderr for people.
      if (warning && opts.json) ctx.io.stderr.write(`entitywatch: ${warning}\n`);
      // The index kept beside the database while no snapshot moved it (persisted-index.ts); a
      // rebuilt one is kept after the answer is out.
      const { index, keep } = await openLookupIndex(store, ctx.settings().dbPath);
      if (opts.file) {
        const text = await readUserText(opts.file);
        for (const line of text.split(/\r?\n/)) {
          const q = line.trim();
          if (!q) continue;
          const matches = index.search(q, { limit: opts.limit });
          if (opts.json) ctx.io.stdout.write(`${JSON.stringify({ query: q, matches, basis })}\n`);
          else printMatches(ctx, q, matches);
        }
        if (!opts.json) printBasis(ctx, basis);
        await keep();
        return;
      }
      const matches = index.search(query!, { limit: opts.limit });
      if (opts.json) writeJson(ctx.io, { query, matches, basis });
      else {
        printMatches(ctx, query!, matches);
        printBasis(ctx, basis);
      }
      await keep();
    });
}
