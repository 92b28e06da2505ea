/**
 * The history of the designations a lookup found, for the `matches` reply: per designation key,
 * what entitywatch saw happen to it (added, by which notice; amended, which fields; removed).
 *
 *   const history = await historyOf(ctx.store, matches);
 *   // [{ key: 'EL:acme optics co ltd', events: [{ kind: 'added', seenAt, notice: '89 FR 1234', … }] }]
 *
 * A designation with no event was already listed when entitywatch began watching its source:
 * its own start date and citation are all there is, and the renderers say so. A store without
 * history answers `null` (unknown), never an empty history.
 */
import type { HistoryStore } from '../store/types.js';
import type { DesignationHistory, LookupMatch } from './types.js';

export async function historyOf(store: HistoryStore, matches: readonly LookupMatch[]): Promise<DesignationHistory[] | null> {
  if (!store.designationHistory) return null;
  const keys = matches.flatMap((m) => m.designations.map((d) => d.key));
  if (keys.length === 0) return [];
  const found = await store.designationHistory(keys);
  return [...new Set(keys)].map((key) => ({ key, events: found.get(key) ?? [] }));
}
