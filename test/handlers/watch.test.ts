import { afterEach, describe, expect, it } from 'vitest';
import { NOT_ADMIN } from '../../handlers/guard.js';
import { watchAddHandler, watchListHandler, watchRemoveHandler } from '../../handlers/watch.js';
import { handlerContext, NOW, type TestContext } from './context.js';

describe('watch handlers', () => {
  let t: TestContext;
  afterEach(async () => {
    await t.store.close();
  });

  it('refuse a non-admin and write nothing', async () => {
    t = handlerContext({ isAdmin: false });
    for (const [handler, args] of [[watchAddHandler, 'huawei list:EL'], [watchRemoveHandler, '1'], [watchListHandler, '']] as const) {
      expect(await handler.run(t.ctx, args)).toEqual({ kind: 'refusal', message: NOT_ADMIN });
    }
    expect(await t.store.listWatchRules()).toEqual([]);
    // Each refusal is audited, with the command, the channel and what was typed.
    expect((await t.store.listAudit(10)).reverse().map(({ actor, action, at, detail }) => ({ actor, action, at, detail }))).toEqual(
      [['watch.add', 'huawei list:EL'], ['watch.remove', '1'], ['watch.list', '']].map(([command, args]) => ({
        actor: 'slack:U0ALICE', action: 'command.refused', at: NOW.toISOString(), detail: { command, channel: 'slack:C0TEST', args },
      })),
    );
    expect(t.rulesChangedCalls).toBe(0);
  });

  it('add a rule for this channel, audited with who and when', async () => {
    t = handlerContext({ isAdmin: true, userId: 'U0ADMIN' });
    const reply = await watchAddHandler.run(t.ctx, 'huawei technologies list:el country:cn');
    const rule = { id: 1, channel: 'slack:C0TEST', term: 'huawei technologies', list: 'EL', country: 'CN', createdBy: 'slack:U0ADMIN', createdAt: NOW.toISOString() };
    const origins = [{ ruleId: 1, actor: 'slack:U0ADMIN', at: NOW.toISOString() }];
    expect(reply).toEqual({ kind: 'rules', channelId: 'slack:C0TEST', rules: [rule], changed: { action: 'added', rule }, origins });
    expect(await t.store.listWatchRules()).toEqual([rule]);
    expect((await t.store.listAudit(10)).map(({ actor, action, at, detail }) => ({ actor, action, at, detail }))).toEqual([
      { actor: 'slack:U0ADMIN', action: 'watch.add', at: NOW.toISOString(), detail: rule },
    ]);
    expect(t.rulesChangedCalls).toBe(1);
  });

  it('answer bad arguments with an error and write nothing', async () => {
    t = handlerContext({ isAdmin: true });
    expect(await watchAddHandler.run(t.ctx, 'acme list:XX')).toEqual({
      kind: 'error',
      message: expect.stringMatching(/^invalid watch rule: list "XX" is not a known list code/),
    });
    expect(await watchAddHandler.run(t.ctx, 'acme country:ZZ')).toMatchObject({ kind: 'error', message: expect.stringContaining('country "ZZ"') });
    expect(await watchAddHandler.run(t.ctx, '')).toMatchObject({ kind: 'error' });
    expect(await t.store.listWatchRules()).toEqual([]);
    expect(await t.store.listAudit(10)).toEqual([]);
  });

  it("list this channel's and global rules; remove only those", async () => {
    t = handlerContext({ isAdmin: true, platform: 'discord', userId: '42' }, 'discord:900');
    await t.store.addWatchRule({ channel: '*', term: null, list: 'SDN', country: null }, 'cli:bob', NOW.toISOString());
    await t.store.addWatchRule({ channel: 'slack:C0OTHER', term: 'zte', list: null, country: null }, 'slack:U1', NOW.toISOString());
    await watchAddHandler.run(t.ctx, 'hikvision');
    const listed = await watchListHandler.run(t.ctx, '');
    expect(listed.kind === 'rules' && listed.rules.map((r) => [r.id, r.channel])).toEqual([[1, '*'], [3, 'discord:900']]);
    // Who added each rule and when comes from the audit log, whoever added it (the CLI too).
    expect(listed.kind === 'rules' && listed.origins).toEqual([
      { ruleId: 1, actor: 'cli:bob', at: NOW.toISOString() },
      { ruleId: 3, actor: 'discord:42', at: NOW.toISOString() },
    ]);
    expect(await watchRemoveHandler.run(t.ctx, '2')).toEqual({ kind: 'error', message: 'Rule 2 belongs to another channel (slack:C0OTHER); remove it there.' });
    expect(await watchRemoveHandler.run(t.ctx, '99')).toMatchObject({ kind: 'error', message: expect.stringMatching(/^There is no rule 99/) });
    const removed = await watchRemoveHandler.run(t.ctx, '3');
    expect(removed).toMatchObject({ kind: 'rules', changed: { action: 'removed', rule: { id: 3, term: 'hikvision' } } });
    expect((await t.store.listWatchRules()).map((r) => r.id)).toEqual([1, 2]);
    expect((await t.store.listAudit(10)).map((a) => [a.actor, a.action])).toEqual([
      ['discord:42', 'watch.remove'],
      ['discord:42', 'watch.add'],
      ['slack:U1', 'watch.add'],
      ['cli:bob', 'watch.add'],
    ]);
  });
});
