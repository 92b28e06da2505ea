/**
 * Store contract: designation history from the change log — on every store implementation.
 */
import { expect, it } from 'vitest';
import { changedFields } from '../../../src/core/diff.js';
import { makeDesignation } from '../../helpers/designations.js';
import { commitOf, emptyDiff } from '../fixtures.js';
import { describeStores } from './harness.js';

const T0 = '2024-05-01T00:00:00.000Z';
const T1 = '2024-05-02T00:00:00.000Z';
const T2 = '2024-05-03T00:00:00.000Z';

describeStores('designation history', (ctx) => {
  it('gives each key its changes, oldest first, with notice and changed fields; a baseline is not history', async () => {
    const store = ctx.store;
    const old = makeDesignation({ name: 'Old Listed Co', list: 'EL', frCitation: '84 FR 1' });
    const acme = makeDesignation({ name: 'Acme Optics Co., Ltd.', list: 'EL', frCitation: '89 FR 1234' });
    await store.commitSnapshot(commitOf('csl', T0, { ...emptyDiff(), added: [old] }, { baseline: true }));
    await store.commitSnapshot(commitOf('csl', T1, { ...emptyDiff(), added: [acme] }));
    const moved = { ...acme, addresses: ['1 New Rd, Wuhan, CN'], frCitation: '89 FR 5678' };
    await store.commitSnapshot(commitOf('csl', T2, { ...emptyDiff(), amended: [{ before: acme, after: moved, fields: changedFields(acme, moved) }], removed: [old] }));

    const history = await store.designationHistory!([acme.key, old.key, acme.key, 'EL:nobody']);
    expect(history).toEqual(
      new Map([
        [acme.key, [
          { kind: 'added', source: 'csl', seenAt: T1, notice: '89 FR 1234', fields: [] },
          { kind: 'amended', source: 'csl', seenAt: T2, notice: '89 FR 5678', fields: ['addresses', 'frCitation'] },
        ]],
        [old.key, [{ kind: 'removed', source: 'csl', seenAt: T2, notice: '84 FR 1', fields: [] }]],
      ]),
    );
    expect(await store.designationHistory!([])).toEqual(new Map());
  });
});
