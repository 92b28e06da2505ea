import { afterEach, describe, expect, it } from 'vitest';
import { statusHandler } from '../../handlers/status.js';
import { testAlertHandler } from '../../handlers/test-alert.js';
import { DeliveryError } from '../../src/errors.js';
import { makeDesignation } from '../helpers/designations.js';
import { handlerContext, NOW, type TestContext } from './context.js';

describe('status handler', () => {
  let t: TestContext;
  afterEach(async () => {
    await t.store.close();
  });

  it('shows each source with its last success and last error, and channels whose delivery fails', async () => {
    t = handlerContext({ isAdmin: true });
    await t.seed([makeDesignation({ name: 'Acme', list: 'EL' })], 'csl');
    await t.store.recordFailure('ofac-sdn', { at: '2026-05-04T09:00:00.000Z', code: 'unavailable', message: 'HTTP 503' });
    const alert = { id: 'al_x', kind: 'test' as const, source: 'entitywatch', createdAt: NOW.toISOString(), title: 't', priority: 'normal' as const, threadOf: null, notes: [], links: [] };
    await t.store.insertAlerts([{ alert, routes: [{ channel: 'slack:C0GONE', matchKeys: null }, { channel: 'slack:C0OK', matchKeys: null }] }], NOW.toISOString());
    await t.store.markAttemptFailed('al_x', 'slack:C0GONE', NOW.toISOString(), 'slack:C0GONE chat.postMessage: the channel is archived [is_archived]', null);
    const reply = await statusHandler.run(t.ctx, '');
    expect(reply).toEqual({
      kind: 'status',
      ruleCount: 0,
      sources: [
        { id: 'csl', health: 'ok', lastSuccessAt: NOW.toISOString(), lastError: null, consecutiveFailures: 0, designationCount: 1 },
        { id: 'ofac-sdn', health: 'failing', lastSuccessAt: null, lastError: { at: '2026-05-04T09:00:00.000Z', code: 'unavailable', message: 'HTTP 503' }, consecutiveFailures: 1, designationCount: 0 },
      ],
      channels: [{ channel: 'slack:C0GONE', since: NOW.toISOString(), error: 'slack:C0GONE chat.postMessage: the channel is archived [is_archived]', final: true }],
    });
  });

  it('is admin-only', async () => {
    t = handlerContext({ isAdmin: false });
    expect(await statusHandler.run(t.ctx, '')).toMatchObject({ kind: 'refusal' });
  });
});

describe('test-alert handler', () => {
  let t: TestContext;
  afterEach(async () => {
    await t.store.close();
  });

  it('posts a sample alert to the channel and audits it', async () => {
    t = handlerContext({ isAdmin: true, userId: 'U0ADMIN' });
    const reply = await testAlertHandler.run(t.ctx, '');
    expect(t.posted).toHaveLength(1);
    const alert = t.posted[0]!;
    expect(alert).toMatchObject({ kind: 'test', source: 'entitywatch', createdAt: NOW.toISOString(), title: 'entitywatch test alert' });
    expect(reply).toEqual({ kind: 'test-posted', channelId: 'slack:C0TEST', alertId: alert.id });
    expect((await t.store.listAudit(5)).map((a) => [a.actor, a.action, a.detail])).toEqual([['slack:U0ADMIN', 'alert.test', { channel: 'slack:C0TEST', alertId: alert.id }]]);
  });

  it('reports a failed post as an error reply', async () => {
    t = handlerContext({ isAdmin: true });
    t.ctx.postAlert = async () => {
      throw new DeliveryError('slack:C0TEST chat.postMessage: the app is not a member of the channel [not_in_channel]', { retryable: false });
    };
    expect(await testAlertHandler.run(t.ctx, '')).toEqual({
      kind: 'error',
      message: 'The test alert could not be posted: slack:C0TEST chat.postMessage: the app is not a member of the channel [not_in_channel]',
    });
    expect(await t.store.listAudit(5)).toEqual([]);
  });

  it('refuses a non-admin without posting', async () => {
    t = handlerContext({ isAdmin: false });
    expect(await testAlertHandler.run(t.ctx, '')).toMatchObject({ kind: 'refusal' });
    expect(t.posted).toEqual([]);
  });
});
