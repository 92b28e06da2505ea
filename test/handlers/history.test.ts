import { afterEach, describe, expect, it } from 'vitest';
import { changedFields } from '../../src/core/diff.js';
import { entityHandler } from '../../handlers/entity.js';
import { makeDesignation } from '../helpers/designations.js';
import { commitChanges as commit, handlerContext, type TestContext } from './context.js';

describe('/entity history: when each matched designation was added, by which notice, and its amendments', () => {
  let t: TestContext;
  afterEach(async () => {
    await t.store.close();
  });

  it('reads the change log: added (notice), amended (fields, new notice); a baseline row has no event', async () => {
    t = handlerContext();
    const old = makeDesignation({ name: 'Hangzhou Hikvision Digital Technology Co., Ltd.', list: 'EL', aliases: ['Hikvision'], frCitation: '84 FR 54002' });
    await t.seed([old]);
    const added = makeDesignation({ name: 'Acme Optics Co., Ltd.', list: 'EL', frCitation: '91 FR 1234', addresses: ['1 Road, Shenzhen'] });
    await commit(t.store, '2026-05-01T10:00:00.000Z', { added: [added], removed: [], amended: [] }, [old, added]);
    const moved = { ...added, addresses: ['2 Street, Shenzhen'], frCitation: '91 FR 5678' };
    await commit(t.store, '2026-06-02T10:00:00.000Z', { added: [], removed: [], amended: [{ before: added, after: moved, fields: changedFields(added, moved) }] }, [old, moved]);

    const acme = await entityHandler.run(t.ctx, 'acme optics');
    expect(acme.kind === 'matches' && acme.history).toEqual([
      {
        key: added.key,
        events: [
          { kind: 'added', source: 'csl', seenAt: '2026-05-01T10:00:00.000Z', notice: '91 FR 1234', fields: [] },
          { kind: 'amended', source: 'csl', seenAt: '2026-06-02T10:00:00.000Z', notice: '91 FR 5678', fields: ['addresses', 'frCitation'] },
        ],
      },
    ]);
    const hik = await entityHandler.run(t.ctx, 'hikvision');
    expect(hik.kind === 'matches' && hik.history).toEqual([{ key: old.key, events: [] }]);
  });

  it('says "not known" (null) when the store keeps no history, rather than an empty one', async () => {
    t = handlerContext();
    await t.seed([makeDesignation({ name: 'Acme Optics Co., Ltd.', list: 'EL' })]);
    const { designationHistory: _, ...withoutHistory } = t.store;
    const reply = await entityHandler.run({ ...t.ctx, store: withoutHistory }, 'acme optics');
    expect(reply.kind === 'matches' && reply.history).toBeNull();
  });
});
