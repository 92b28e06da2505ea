/**
 * The basis of an answer, read from the store: each source's designation count, lists and last
 * accepted snapshot (see src/core/basis.ts). Shared by `/entity`, chat screening and the CLI.
 *
 *   const basis = await readBasis(store, now, config.schedule.staleAfterMs);
 *   if (basis.designations === 0) return { kind: 'error', message: NOT_LOADED };
 */
import { basisOf, type Basis } from '../src/core/basis.js';
import type { ListCode } from '../src/core/model.js';
import type { Store } from '../store/types.js';

/** `staleAfterMs` null: freshness is not checked. */
export async function readBasis(store: Pick<Store, 'listSourceStates' | 'countsByList'>, now: Date, staleAfterMs: number | null): Promise<Basis> {
  const states = (await store.listSourceStates()).filter((s) => s.designationCount > 0);
  const holdings = await Promise.all(
    states.map(async (s) => ({
      source: s.source,
      designations: s.designationCount,
      lists: Object.keys(await store.countsByList(s.source)) as ListCode[],
      asOf: s.lastSuccessAt,
    })),
  );
  return basisOf(holdings, now, staleAfterMs);
}
