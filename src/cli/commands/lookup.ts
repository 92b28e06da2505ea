/**
 * `entitywatch lookup <query> [--limit N] [--json]` and `entitywatch lookup --file FILE --json`.
 * Searches the current designations of every source with the matching engine (src/core/match).
 * JSON: one object per query — { query, matches: [{ name, matchedName, score, designations }] } —
 * pretty for a single query, one line per query with --file. `matches` is empty when nothing
 * scores above the engine's threshold.
 */
import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { MatchIndex, type MatchResult } from '../../core/match/index.js';
import { UsageError } from '../../errors.js';
import { writeJson, writeLine, type CliContext } from '../context.js';

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
      const rows = await (await ctx.store()).allCurrentDesignations();
      const index = new MatchIndex();
      for (const { source, designation } of rows) index.upsert(designation, source);
      if (opts.file) {
        const text = await readFile(opts.file, 'utf8').catch((err: NodeJS.ErrnoException) => {
          throw new UsageError(`cannot read ${opts.file}: ${err.code ?? 'error'}`);
        });
        for (const line of text.split(/\r?\n/)) {
          const q = line.trim();
          if (!q) continue;
          const matches = index.search(q, { limit: opts.limit });
          if (opts.json) ctx.io.stdout.write(`${JSON.stringify({ query: q, matches })}\n`);
          else printMatches(ctx, q, matches);
        }
        return;
      }
      const matches = index.search(query!, { limit: opts.limit });
      if (opts.json) writeJson(ctx.io, { query, matches });
      else printMatches(ctx, query!, matches);
    });
}
