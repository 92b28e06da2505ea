import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/log.js';
import { watchlistHitAlert } from '../../src/worker/watchlist-hits.js';
import type { Store } from '../../store/types.js';
import { makeDesignation } from '../helpers/designations.js';

describe('watchlist screening failure', () => {
  it('becomes a high-priority admin alert naming what was not screened, not a silent loss', async () => {
    const broken = { listWatchlists: () => Promise.reject(new Error('disk I/O error')) } as unknown as Store;
    const added = makeDesignation({ name: 'Lattice Qubit Technologies Co., Ltd.', list: 'EL' });
    const alert = await watchlistHitAlert({
      store: broken,
      log: silentLogger(),
      source: 'csl',
      diff: { added: [added], removed: [], amended: [] },
      at: '2026-11-21T10:00:00.000Z',
      newId: () => 'al_x',
    });
    expect(alert).toMatchObject({
      kind: 'source-health',
      priority: 'high',
      status: 'failing',
      reasonCode: 'watchlist-screening',
      notes: ['Not screened: Lattice Qubit Technologies Co., Ltd.'],
    });
    expect(alert?.kind === 'source-health' && alert.reason).toContain('disk I/O error');
  });

  it('costs nothing when nothing was added or amended', async () => {
    const untouched = {} as Store; // any store call would throw
    const result = await watchlistHitAlert({ store: untouched, log: silentLogger(), source: 'csl', diff: { added: [], removed: [], amended: [] }, at: 'x', newId: () => 'y' });
    expect(result).toBeNull();
  });
});
