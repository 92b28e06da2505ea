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
import { basisLine, basisOf, NOT_LOADED, staleWarning, type Basis } from '../../core/basis.js';
import type { MatchResult } from '../../core/match/index.js';
import { CommandFailed, UsageError } from '../../errors.js';
import { writeJson, writeLine, type CliContext } from '../context.js';
import { withLookupIndex, type IndexSource } from '../../worker/lookup-copy.js';
import { readUserText } from '../read-user-text.js';
import { openSqliteGlance, type SqliteGlance } from '../../../store/sqlite/glance.js';

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
      const { dbPath, schedule } = ctx.settings();
      // A SQLite file is read directly first (store/sqlite/glance.ts): with a current copy of the
      // index, the store is never opened. Anything else reads the store as it always did.
      const glance = openSqliteGlance(dbPath);
      try {
        const holdings = glance?.holdings() ?? null;
        const basis = holdings ? basisOf(holdings, new Date(), schedule.staleAfterMs) : await readBasis(await ctx.store(), new Date(), schedule.staleAfterMs);
        if (basis.designations === 0) throw new CommandFailed(NOT_LOADED);
        const warning = staleWarning(basis);
        // --json output is for programs: the warning is in `basis.stale`, and said on stderr for people.
        if (warning && opts.json) ctx.io.stderr.write(`entitywatch: ${warning}\n`);
        const queries = opts.file ? (await readUserText(opts.file)).split(/\r?\n/).map((line) => line.trim()).filter(Boolean) : [query!];
        // The index kept beside the database while no snapshot moved it (src/worker/lookup-copy.ts); a
        // rebuilt one is kept after the answer is out.
        const { answer, keep } = await withLookupIndex(indexSource(ctx, glance), dbPath, (index) => queries.map((q) => index.search(q, { limit: opts.limit })));
        if (opts.file) {
          queries.forEach((q, i) => {
            if (opts.json) ctx.io.stdout.write(`${JSON.stringify({ query: q, matches: answer[i], basis })}\n`);
            else printMatches(ctx, q, answer[i]!);
          });
          if (!opts.json) printBasis(ctx, basis);
        } else if (opts.json) writeJson(ctx.io, { query, matches: answer[0], basis });
        else {
          printMatches(ctx, query!, answer[0]!);
          printBasis(ctx, basis);
        }
        await keep();
      } finally {
        glance?.close();
      }
    });
}

/** The version from the glance when there is one; the designations (a rebuild) always from the store. */
function indexSource(ctx: CliContext, glance: SqliteGlance | null): IndexSource {
  return {
    designationsVersion: async () => (glance ? glance.designationsVersion() : (await ctx.store()).designationsVersion()),
    allCurrentDesignations: async () => (await ctx.store()).allCurrentDesignations(),
  };
}
