/**
 * A removal names the notice that removed it: when the Federal Register feed named the entity
 * (an announcement stored by a feed poll) after it was listed, the CSL removal carries that
 * document's reference; otherwise it says none is known.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startCslStandIn, type CslStandIn } from '../helpers/app.js';
import { cslJson, manyRows, type CslRowSpec } from '../helpers/csl.js';

const base: CslRowSpec[] = [
  { name: 'Beta Photonics Institute', address: '2 Laser Street', city: 'Wuhan' },
  { name: 'Kappa Optics Ltd.', address: '7 Lens Road', city: 'Xian' },
  ...manyRows(40),
];

describe('removal notices', () => {
  let standIn: CslStandIn;
  beforeEach(async () => {
    standIn = await startCslStandIn();
  });
  afterEach(() => standIn.close());

  it('names the Federal Register document that named a removed entity, and only that one', async () => {
    standIn.route.serve(cslJson(base));
    await standIn.poll();
    await standIn.t.app.store.commitFeed({
      source: 'federal-register',
      at: new Date().toISOString(),
      baseline: false,
      validators: { etag: null, lastModified: null },
      items: [],
      alerts: [],
      announcements: [{ list: 'EL', name: 'beta photonics institute', alertId: 'al_fr', reference: 'FR 2026-20001 (92 FR 5000, 2026-12-01)' }],
    });
    standIn.route.serve(cslJson(base.filter((row) => !['Beta Photonics Institute', 'Kappa Optics Ltd.'].includes(row.name))));
    // A removal is confirmed by the next download agreeing (worker/poll.ts): poll twice.
    await standIn.poll();
    await standIn.poll();
    const [record] = await standIn.t.app.store.listAlerts(1);
    const removals = record?.alert.kind === 'designations' ? record.alert.changes.filter((c) => c.kind === 'removed') : [];
    expect(removals.map((c) => [c.kind === 'removed' && c.before.name, c.kind === 'removed' && (c.notice ?? null)]).sort()).toEqual([
      ['Beta Photonics Institute', 'FR 2026-20001 (92 FR 5000, 2026-12-01)'],
      ['Kappa Optics Ltd.', null],
    ]);
  });
});
