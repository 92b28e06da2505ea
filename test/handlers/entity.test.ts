import { afterEach, describe, expect, it } from 'vitest';
import { entityHandler } from '../../handlers/entity.js';
import { makeDesignation } from '../helpers/designations.js';
import { handlerContext, NOW, type TestContext } from './context.js';

const hik = makeDesignation({
  name: 'Hangzhou Hikvision Digital Technology Co., Ltd.',
  list: 'EL',
  aliases: ['Hikvision'],
  countries: ['CN'],
  addresses: ['No. 555 Qianmo Road, Binjiang District, Hangzhou, CN'],
  frCitation: '84 FR 54002',
  startDate: '2019-10-09',
  licenseRequirement: 'For all items subject to the EAR.',
  licensePolicy: 'Case-by-case review.',
});
const { key: _elKey, ...hikFields } = hik;
const hikCmic = makeDesignation({ ...hikFields, list: 'CMIC', sourceId: '1234', frCitation: null, startDate: '2021-06-03' });
const other = makeDesignation({ name: 'Nanjing Example Electronics', list: 'EL', countries: ['CN'] });

describe('entity handler', () => {
  let t: TestContext;
  afterEach(async () => {
    await t.store.close();
  });

  it('answers the best match with the alias that matched and every list it is on', async () => {
    t = handlerContext();
    await t.seed([hik, other]);
    await t.seed([hikCmic], 'ofac-consolidated');
    const reply = await entityHandler.run(t.ctx, '  hikvision ');
    expect(reply.kind).toBe('matches');
    if (reply.kind !== 'matches') return;
    expect(reply.query).toBe('hikvision');
    expect(reply.matches.map((m) => [m.name, m.matchedName])).toEqual([['Hangzhou Hikvision Digital Technology Co., Ltd.', 'Hikvision']]);
    expect(reply.matches[0]!.designations.map((d) => [d.list, d.startDate, d.frCitation]).sort()).toEqual([
      ['CMIC', '2021-06-03', null],
      ['EL', '2019-10-09', '84 FR 54002'],
    ]);
  });

  it('says no match with an empty list, and asks for a name when given none', async () => {
    t = handlerContext();
    await t.seed([hik]);
    expect(await entityHandler.run(t.ctx, 'Completely Unrelated Bakery')).toEqual({
      kind: 'matches',
      query: 'Completely Unrelated Bakery',
      matches: [],
      basis: { designations: 1, lists: ['EL'], sources: [{ id: 'csl', designations: 1, asOf: NOW.toISOString(), stale: false }], stale: false, staleAfterMs: null },
    });
    expect(await entityHandler.run(t.ctx, '   ')).toEqual({ kind: 'error', message: 'give a name to look up, e.g. `hikvision`' });
  });

  it('refuses on an empty store rather than say "no match"', async () => {
    t = handlerContext();
    expect(await entityHandler.run(t.ctx, 'hikvision')).toEqual({ kind: 'error', message: 'The lists are not loaded yet: run `entitywatch poll`. Nothing was checked.' });
  });

  it('marks each source stale past the configured limit', async () => {
    t = handlerContext();
    await t.seed([hik]);
    await t.store.recordUnchanged('csl', '2026-05-04T08:00:00.000Z');
    await t.seed([hikCmic], 'ofac-consolidated');
    const reply = await entityHandler.run({ ...t.ctx, staleAfterMs: 45 * 60_000 }, 'hikvision');
    expect(reply.kind === 'matches' && reply.basis).toEqual({
      designations: 2,
      lists: ['CMIC', 'EL'],
      sources: [
        { id: 'csl', designations: 1, asOf: '2026-05-04T08:00:00.000Z', stale: true },
        { id: 'ofac-consolidated', designations: 1, asOf: NOW.toISOString(), stale: false },
      ],
      stale: true,
      staleAfterMs: 2_700_000,
    });
  });

  it('sees designations stored after the index was first built', async () => {
    t = handlerContext();
    await t.seed([other]);
    expect(await entityHandler.run(t.ctx, 'hikvision')).toMatchObject({ matches: [] });
    await t.seed([hikCmic], 'ofac-consolidated');
    expect(await entityHandler.run(t.ctx, 'hikvision')).toMatchObject({ matches: [{ matchedName: 'Hikvision' }] });
  });
});
