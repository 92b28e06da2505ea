import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Alert } from '../../../src/core/alert.js';
import { DeliveryError } from '../../../src/errors.js';
import { silentLogger } from '../../../src/log.js';
import { createSlackNotifier, slackChannel, slackRuleChannels, type SlackNotifier } from '../../../src/notifiers/slack/index.js';
import type { DeliveryRequest } from '../../../src/notifiers/types.js';
import { createDeliverer } from '../../../src/worker/deliver.js';
import { openSqliteStore } from '../../../store/sqlite/index.js';
import { makeDesignation } from '../../helpers/designations.js';
import { FAKE_BOT_TOKEN, startFakeSlack, type FakeSlack } from '../../helpers/fake-slack.js';

function alertWith(count: number, id = 'al_1'): Alert {
  const changes = Array.from({ length: count }, (_, i) => {
    const after = makeDesignation({ name: `<!channel> Acme ${i} <https://evil.example|click>`, list: 'EL', countries: ['CN'] });
    return { kind: 'added' as const, key: after.key, after };
  });
  return {
    id, kind: 'designations', source: 'csl', createdAt: new Date().toISOString(), title: `Entity List — ${count} additions`,
    priority: 'normal', threadOf: null, notes: [], links: [], list: 'EL', listName: 'Entity List', changes,
  };
}

function request(alert: Alert, channelId = 'C0ALERTS'): DeliveryRequest {
  const channel = slackChannel(channelId);
  return { alert, channel, idempotencyKey: `${alert.id}:${channel.id}`, threadRemoteId: null };
}

async function deliveryError(promise: Promise<unknown>): Promise<DeliveryError> {
  const err = await promise.then(() => null, (e: unknown) => e);
  expect(err).toBeInstanceOf(DeliveryError);
  return err as DeliveryError;
}

describe('Slack notifier against a fake Slack Web API', () => {
  let slack: FakeSlack;
  let notifier: SlackNotifier;

  beforeEach(async () => {
    slack = await startFakeSlack();
    notifier = createSlackNotifier({ token: FAKE_BOT_TOKEN, apiUrl: slack.apiUrl, alertChannels: ['C0ALERTS', ' C0ALERTS '], timeoutMs: 5000 });
  });
  afterEach(async () => {
    expect(slack.unexpected).toEqual([]);
    await slack.close();
  });

  it('posts escaped blocks with unfurls off and the idempotency key in metadata', async () => {
    const req = request(alertWith(1));
    const receipt = await notifier.send(req);
    expect(slack.posts).toHaveLength(1);
    const post = slack.posts[0]!;
    expect(receipt).toEqual({ remoteId: post.ts });
    expect(post).toMatchObject({ channel: 'C0ALERTS', unfurl_links: false, unfurl_media: false, text: 'Entity List — 1 additions' });
    expect(post.metadata).toEqual({ event_type: 'entitywatch_alert', event_payload: { idempotency_key: 'al_1:slack:C0ALERTS', alert_id: 'al_1', part: 0 } });
    expect(JSON.stringify(post.blocks)).toContain('*&lt;!channel&gt; Acme 0 &lt;https://evil.example|click&gt;* — added');
    expect(JSON.stringify(post.blocks)).not.toContain('<!channel>');
    expect(slack.calls.find((c) => c.method === 'chat.postMessage')?.args).toMatchObject({ link_names: 'false', parse: 'none' });
  });

  it('posts a summary and thread replies for a long alert, each reply in the thread with its part', async () => {
    const receipt = await notifier.send(request(alertWith(60)));
    expect(slack.posts.map((p) => [p.thread_ts ?? null, p.metadata?.event_payload.part, p.blocks.length])).toEqual([
      // header, the large action's summary by country, the date context, the "in the thread" summary
      [null, 0, 4],
      [receipt.remoteId, 1, 50],
      [receipt.remoteId, 2, 10],
    ]);
  });

  it('never posts twice: a send after a delivered one, and findDelivered, find it by metadata', async () => {
    const req = request(alertWith(1));
    expect(await notifier.findDelivered!(req)).toBeNull();
    const first = await notifier.send(req);
    expect(await notifier.findDelivered!(req)).toEqual(first);
    expect(await notifier.send(req)).toEqual(first);
    expect(slack.posts).toHaveLength(1);
    const history = slack.calls.find((c) => c.method === 'conversations.history');
    expect(history?.args).toMatchObject({ channel: 'C0ALERTS', include_all_metadata: 'true' });
  });

  it('completes a thread interrupted by a 429 after a restart, without reposting what arrived', async () => {
    slack.fail('chat.postMessage', { status: 429, retryAfter: 7 }, 1, 2);
    const req = request(alertWith(60));
    const err = await deliveryError(notifier.send(req));
    expect(err.details.retryAfterMs).toBe(7000);
    expect(slack.posts.map((p) => p.metadata?.event_payload.part)).toEqual([0, 1]);
    // A half-posted thread is not "delivered": recovery resends, and the resend completes it.
    expect(await notifier.findDelivered!(req)).toBeNull();
    const restarted = createSlackNotifier({ token: FAKE_BOT_TOKEN, apiUrl: slack.apiUrl, alertChannels: ['C0ALERTS'] });
    const receipt = await restarted.send(req);
    const main = slack.posts[0]!;
    expect(receipt).toEqual({ remoteId: main.ts });
    expect(slack.posts.map((p) => [p.metadata?.event_payload.part, p.thread_ts ?? null])).toEqual([[0, null], [1, main.ts], [2, main.ts]]);
    expect(await restarted.findDelivered!(req)).toEqual(receipt);
  });

  it("lets the deliverer's recovery settle an interrupted delivery from history, without a second post", async () => {
    const store = openSqliteStore(':memory:');
    const alert = alertWith(1, 'al_rec');
    const at = new Date().toISOString();
    await store.insertAlerts([{ alert, routes: [{ channel: 'slack:C0ALERTS', matchKeys: null }] }], at);
    await store.claimDelivery('al_rec', 'slack:C0ALERTS', { by: 'stopped-instance', at, until: at });
    await notifier.send(request(alert)); // Slack has it; the process died before recording it.
    const deliverer = createDeliverer({ store, log: silentLogger(), now: () => new Date(), notifiers: [notifier], maxAttempts: 3, backoffBaseMs: 1000, backoffMaxMs: 1000 });
    expect(await deliverer.recover()).toBe(1);
    expect(await deliverer.drain()).toBe(0);
    expect(slack.posts).toHaveLength(1);
    expect(await store.getDelivery('al_rec', 'slack:C0ALERTS')).toMatchObject({ state: 'sent', remoteId: slack.posts[0]!.ts });
    await store.close();
  });

  it('maps 429 to a retryable DeliveryError carrying Retry-After', async () => {
    slack.fail('chat.postMessage', { status: 429, retryAfter: 3 });
    const err = await deliveryError(notifier.send(request(alertWith(1))));
    expect(err.details).toEqual({ retryable: true, status: 429, retryAfterMs: 3000 });
    expect(slack.posts).toEqual([]);
  });

  it('maps HTTP 500 to a retryable DeliveryError', async () => {
    slack.fail('chat.postMessage', { status: 500 });
    const err = await deliveryError(notifier.send(request(alertWith(1))));
    expect(err.details).toEqual({ retryable: true, status: 500 });
  });

  it('maps channel_not_found, is_archived and missing_scope to permanent errors an admin can act on', async () => {
    slack.fail('chat.postMessage', { error: 'channel_not_found' });
    const notFound = await deliveryError(notifier.send(request(alertWith(1))));
    expect(notFound.details).toEqual({ retryable: false });
    expect(notFound.message).toBe('slack:C0ALERTS chat.postMessage: the channel does not exist or the app cannot see it (for a private channel, invite the app first) [channel_not_found]');
    slack.fail('chat.postMessage', { error: 'is_archived' });
    expect((await deliveryError(notifier.send(request(alertWith(1))))).message).toMatch(/the channel is archived.*\[is_archived\]$/);
    slack.fail('conversations.history', { error: 'missing_scope', needed: 'channels:history' });
    const scope = await deliveryError(notifier.send(request(alertWith(1))));
    expect(scope.details.retryable).toBe(false);
    expect(scope.message).toBe('slack:C0ALERTS history lookup: the bot token lacks a scope: reinstall the app from slack-app-manifest.yaml (needs channels:history) [missing_scope]');
    expect(slack.posts).toEqual([]);
  });

  it('serves SLACK_ALERT_CHANNELS plus channels that have Slack watch rules', async () => {
    const store = openSqliteStore(':memory:');
    await store.addWatchRule({ channel: 'slack:C0RULES', term: 'huawei', list: null, country: null }, 'slack:U1', '2026-01-01T00:00:00.000Z');
    await store.addWatchRule({ channel: 'webhook:1a2b3c4d', term: 'zte', list: null, country: null }, 'cli:a', '2026-01-01T00:00:00.000Z');
    const withRules = createSlackNotifier({ token: FAKE_BOT_TOKEN, apiUrl: slack.apiUrl, alertChannels: ['C0ALERTS'], ruleChannels: slackRuleChannels(store) });
    expect(withRules.channels().map((c) => c.id)).toEqual(['slack:C0ALERTS']);
    await withRules.refreshChannels();
    expect(withRules.channels()).toEqual([
      { id: 'slack:C0ALERTS', notifier: 'slack', target: 'C0ALERTS' },
      { id: 'slack:C0RULES', notifier: 'slack', target: 'C0RULES' },
    ]);
    expect(notifier.channels().map((c) => c.id)).toEqual(['slack:C0ALERTS']);
    await store.close();
  });
});
