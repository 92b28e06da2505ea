/**
 * `entity <name>`: look a name up on every list. Anyone may use it.
 *
 *   await entityHandler.run(ctx, 'hikvision')
 *   // { kind: 'matches', query: 'hikvision', matches: [...], basis, history: [...] } — empty `matches` means no match
 *
 * Every answer carries its basis (what was searched, how fresh: src/core/basis.ts). With nothing
 * loaded it refuses rather than say "no match" (NOT_LOADED).
 */
import { notLoadedReply } from '../src/core/basis.js';
import { UsageError } from '../src/errors.js';
import { readBasis } from './basis.js';
import { command } from './guard.js';
import { historyOf } from './history.js';

/** Best matches shown: enough to see near-namesakes, few enough to read in chat. */
export const ENTITY_RESULT_LIMIT = 5;
const MAX_QUERY = 200;

export const entityHandler = command({
  id: 'entity',
  word: 'entity',
  args: [{ name: 'name', type: 'text', description: 'Company or person name (suggestions come from the current lists)', required: true, suggest: true, maxLength: MAX_QUERY }],
  description: 'Look a company or person up on every US restriction list',
  adminOnly: false,
  run: async (ctx, args) => {
    const query = args.replace(/\s+/g, ' ').trim();
    if (query === '') throw new UsageError('give a name to look up, e.g. `hikvision`');
    if (query.length > MAX_QUERY) throw new UsageError(`a name is at most ${MAX_QUERY} characters`);
    const basis = await readBasis(ctx.store, ctx.now(), ctx.staleAfterMs ?? null);
    if (basis.designations === 0) return { kind: 'error', message: notLoadedReply() };
    const index = await ctx.lookupIndex();
    const matches = index.search(query, { limit: ENTITY_RESULT_LIMIT });
    // No match, no designation to give a history of.
    if (matches.length === 0) return { kind: 'matches', query, matches, basis };
    return { kind: 'matches', query, matches, basis, history: await historyOf(ctx.store, matches) };
  },
});
