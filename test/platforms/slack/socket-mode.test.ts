/**
 * Slack Socket Mode through its protocol: the real Bolt SocketModeReceiver against the local
 * stand-in (apps.connections.open → ws:// → hello → envelopes → acks by envelope_id).
 * Reconnects, redeliveries and the 3-second ack; the commands themselves are in every-command.test.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../helpers/app.js';
import { makeDesignation } from '../../helpers/designations.js';
import { startFakeSlack, type FakeSlack } from '../../helpers/fake-slack.js';
import { seedDesignations } from '../../handlers/context.js';
import { slashCommand } from './signed.js';
import { startSlackTransport, waitFor, type SlackTransport } from './transports.js';

/** Slack's limit for acknowledging an envelope. */
const ACK_LIMIT_MS = 3000;
const settle = () => new Promise((resolve) => setTimeout(resolve, 400));

describe('Slack Socket Mode: the real Bolt receiver against a Socket Mode stand-in', () => {
  let slack: FakeSlack;
  let test: TestApp;
  let t: SlackTransport;

  beforeAll(async () => {
    slack = await startFakeSlack();
    slack.users.set('U0MEMBER', {});
    // The fixtures are dated months apart from the clock: freshness warnings are tested in
    // test/platforms/*/basis tests, not here.
    test = await createTestApp({ STALE_AFTER_PERIODS: '1000', POLL_SCHEDULE: '0 0 1 * *' }, { notifiers: [] });
    await seedDesignations(test.app.store, [makeDesignation({ name: 'Hangzhou Hikvision Digital Technology Co., Ltd.', list: 'EL', aliases: ['Hikvision'], countries: ['CN'] })]);
    t = await startSlackTransport('socket', { app: test.app, slack, adminUserIds: ['U0LISTED'] });
  });
  afterAll(async () => {
    await t?.stop();
    await test?.close();
    expect(slack.unexpected).toEqual([]);
    expect(t.socket!.unexpected).toEqual([]);
    await slack.close();
  });

  it('opens the connection with the app token, gets hello, and acks each envelope by its id within 3 s', async () => {
    expect(t.socket!.opens).toBe(1);
    expect(t.socket!.connections).toBe(1);
    const reply = await t.command('/entity', 'hikvision', 'U0MEMBER');
    expect(reply).toMatchObject({ response_type: 'ephemeral', text: '1 match for “hikvision”' });
    const [envelope] = t.socket!.envelopes;
    expect(t.socket!.acks).toEqual([{ envelope_id: envelope!.envelope_id, payload: {} }]);
    expect(envelope!.ackMs).toBeLessThan(ACK_LIMIT_MS);
  });

  it('acks within 3 s even when the command itself takes longer (users.info slow), and answers after', async () => {
    slack.delay('users.info', 3500);
    const { id, envelope } = await t.send('/entitywatch', 'list', 'U0MEMBER');
    await envelope!.acked;
    expect(envelope!.ackMs).toBeLessThan(ACK_LIMIT_MS);
    expect(slack.responses.get(id)).toBeUndefined();
    const answer = await waitFor(() => slack.responses.get(id)?.[0], 'the late answer', 8000);
    expect(JSON.stringify(answer.blocks)).toContain(':no_entry: Only entitywatch admins can do that.');
  });

  it('an envelope delivered twice (Slack retrying) is acknowledged twice and answered once', async () => {
    const { id, envelope } = await t.send('/entitywatch', 'add huawei', 'U0LISTED');
    await envelope!.acked;
    t.socket!.redeliver(envelope!);
    await waitFor(() => (t.socket!.acks.filter((a) => a.envelope_id === envelope!.envelope_id).length === 2 ? true : undefined), 'the second ack');
    await settle();
    expect(slack.responses.get(id)).toHaveLength(1);
    expect((await test.app.store.listWatchRules()).map((r) => r.term)).toEqual(['huawei']);
  });

  it('reconnects after a disconnect (refresh_requested) and serves the next command', async () => {
    t.socket!.disconnect('refresh_requested');
    await t.socket!.waitForConnections(2);
    expect(t.socket!.opens).toBe(2);
    const reply = await t.command('/entity', 'hikvision', 'U0MEMBER');
    expect(reply.text).toBe('1 match for “hikvision”');
  });

  it('a dropped socket: a command sent meanwhile is delivered after the reconnect, answered once', async () => {
    const before = t.socket!.connections;
    t.socket!.drop();
    const { id, envelope } = await t.send('/entitywatch', 'add zte', 'U0LISTED');
    await t.socket!.waitForConnections(before + 1);
    await envelope!.acked;
    const answer = await waitFor(() => slack.responses.get(id)?.[0], 'the answer after the reconnect');
    expect(answer.text).toBe('Added rule #2.');
    await settle();
    expect(slack.responses.get(id)).toHaveLength(1);
    expect((await test.app.store.listWatchRules()).map((r) => r.term)).toEqual(['huawei', 'zte']);
  });

  it('an envelope in flight when the socket drops comes again with retry_attempt and is not run twice', async () => {
    const id = 'inflight';
    slack.delay('users.info', 0);
    const envelope = t.socket!.deliver('slash_commands', Object.fromEntries(new URLSearchParams(slashCommand('/entitywatch', 'add sugon', { user: 'U0LISTED', channel: 'C0COMPLY', responseUrl: slack.responseUrl(id) }))));
    await envelope.acked;
    // Slack did not see the ack (say, lost with the socket) and delivers it again after reconnecting.
    const before = t.socket!.connections;
    t.socket!.drop();
    await t.socket!.waitForConnections(before + 1);
    t.socket!.redeliver(envelope);
    await waitFor(() => (t.socket!.acks.filter((a) => a.envelope_id === envelope.envelope_id).length === 2 ? true : undefined), 'the ack of the retry');
    await settle();
    expect(slack.responses.get(id)).toHaveLength(1);
    expect((await test.app.store.listWatchRules()).map((r) => r.term)).toEqual(['huawei', 'zte', 'sugon']);
  });
});
