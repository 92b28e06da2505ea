import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDesignationAlerts } from '../../../src/core/alerts.js';
import { routeAlert } from '../../../src/core/watch.js';
import { createSlackNotifier, slackRuleChannels, type SlackNotifier } from '../../../src/notifiers/slack/index.js';
import { slackConfigFromEnv } from '../../../src/platforms/slack/config.js';
import { startSlackPlatform, type SlackPlatform } from '../../../src/platforms/slack/start.js';
import { createTestApp, type TestApp } from '../../helpers/app.js';
import { makeDesignation } from '../../helpers/designations.js';
import { FAKE_BOT_TOKEN, startFakeSlack, type FakeSlack } from '../../helpers/fake-slack.js';
import { seedDesignations } from '../../handlers/context.js';
import { buttonAction, postSigned, SIGNING_SECRET, slashCommand } from './signed.js';

const NOW = new Date('2026-05-04T09:30:00.000Z');
const EVIL = '<!channel> Acme <https://evil.example|click>';

async function waitFor<T>(read: () => T | undefined, what: string, ms = 5000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const value = read();
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Give a wrongly accepted request time to show its side effects. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 300));

// One app for the whole file; the tests run in order and later ones build on the rule added earlier.
describe('Slack platform over HTTP: a real Bolt app on 127.0.0.1 against a fake Slack', () => {
  let slack: FakeSlack;
  let test: TestApp;
  let notifier: SlackNotifier;
  let platform: SlackPlatform;
  let url: string;
  /** Each request gets its own response URL. */
  let seq = 0;

  beforeAll(async () => {
    slack = await startFakeSlack();
    slack.users.set('U0OWNER', { is_owner: true });
    slack.users.set('U0WSADMIN', { is_admin: true });
    slack.users.set('U0MEMBER', {});
    const config = slackConfigFromEnv({
      SLACK_BOT_TOKEN: FAKE_BOT_TOKEN, SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_PORT: '0', SLACK_HOST: '127.0.0.1',
      SLACK_API_URL: slack.apiUrl, SLACK_ALERT_CHANNELS: 'C0ALERTS', SLACK_ADMIN_USER_IDS: 'U0LISTED',
    })!;
    test = await createTestApp({}, { notifiers: [] });
    notifier = createSlackNotifier({ token: config.botToken, apiUrl: config.apiUrl, alertChannels: config.alertChannels, ruleChannels: slackRuleChannels(test.app.store) });
    test.app.notifiers.push(notifier);
    await seedDesignations(test.app.store, [
      makeDesignation({ name: 'Hangzhou Hikvision Digital Technology Co., Ltd.', list: 'EL', aliases: ['Hikvision'], countries: ['CN'], frCitation: '84 FR 54002', startDate: '2019-10-09', licenseRequirement: 'For all items subject to the EAR.', licensePolicy: 'Case-by-case review.', addresses: ['No. 555 Qianmo Road, Hangzhou, CN'] }),
      makeDesignation({ name: EVIL, list: 'EL', countries: ['CN'] }),
    ]);
    platform = await startSlackPlatform({ ...test.app.platformDeps, now: () => NOW }, config);
    url = platform.eventsUrl!;
  });
  afterAll(async () => {
    await platform?.stop();
    await test?.close();
    expect(slack.unexpected).toEqual([]);
    await slack.close();
  });
  function command(name: string, text: string, user: string, channel = 'C0COMPLY') {
    const id = `r${++seq}`;
    return { id, body: slashCommand(name, text, { user, channel, responseUrl: slack.responseUrl(id) }) };
  }

  async function run(name: string, text: string, user: string, channel?: string): Promise<Record<string, unknown>> {
    const { id, body } = command(name, text, user, channel);
    const res = await postSigned(url, body);
    expect(res.status).toBe(200);
    return waitFor(() => slack.responses.get(id)?.[0], `the response to ${name} ${text}`);
  }

  it('answers /entity with the match, the alias that matched and its lists, ephemeral with a share button', async () => {
    const reply = await run('/entity', 'hikvision', 'U0MEMBER');
    expect(reply).toMatchObject({ response_type: 'ephemeral', text: '1 match for “hikvision”' });
    const blocks = reply.blocks as Array<{ type: string; text?: { text: string }; elements?: Array<Record<string, unknown>> }>;
    const [first, ...rest] = blocks[1]!.text!.text.split('\n');
    expect(first).toMatch(/^\*Hangzhou Hikvision Digital Technology Co\., Ltd\.\* \(CN\) — matched “Hikvision” · score (0\.\d\d|1\.00)$/);
    expect(rest).toEqual([
      '• *Entity List* (EL) since 2019-10-09 — <https://www.federalregister.gov/citation/84-FR-54002|84 FR 54002>',
      '   *Also known as:* Hikvision',
      '   *Country:* CN',
      '   *Address:* No. 555 Qianmo Road, Hangzhou, CN',
      '   *License requirement:* For all items subject to the EAR.',
      '   *License review policy:* Case-by-case review.',
      '   History: no change seen — listed before entitywatch began watching',
    ]);
    expect(blocks.at(-1)).toEqual({ type: 'actions', elements: [{ type: 'button', action_id: 'entity_share', value: 'hikvision', text: { type: 'plain_text', text: 'Share in channel' } }] });
  });

  it('says "no match" plainly', async () => {
    const reply = await run('/entity', 'Completely Unrelated Bakery', 'U0MEMBER');
    expect(reply).toMatchObject({ response_type: 'ephemeral', text: 'No match for “Completely Unrelated Bakery” on any list.' });
  });

  it('renders a hostile designation name as inert text', async () => {
    const reply = await run('/entity', 'acme evil example click', 'U0MEMBER');
    const json = JSON.stringify(reply.blocks);
    expect(json).toContain('*&lt;!channel&gt; Acme &lt;https://evil.example|click&gt;*');
    expect(json).not.toContain('<!channel>');
  });

  it('shares an answer to the channel from the button', async () => {
    const id = `share${++seq}`;
    const res = await postSigned(url, buttonAction('entity_share', 'hikvision', { user: 'U0MEMBER', channel: 'C0COMPLY', responseUrl: slack.responseUrl(id) }));
    expect(res.status).toBe(200);
    const shared = await waitFor(() => slack.responses.get(id)?.[0], 'the shared answer');
    expect(shared).toMatchObject({ response_type: 'in_channel', replace_original: false, text: '1 match for “hikvision”' });
    expect(JSON.stringify(shared.blocks)).toContain('Shared by <@U0MEMBER>.');
    expect(JSON.stringify(shared.blocks)).not.toContain('entity_share');
  });

  it('refuses a forged signature with 401 and does nothing', async () => {
    const { id, body } = command('/entitywatch', 'add forged', 'U0LISTED');
    const res = await postSigned(url, body, { secret: 'ffffffffffffffffffffffffffffffff' });
    expect(res.status).toBe(401);
    await settle();
    expect(slack.responses.get(id)).toBeUndefined();
    expect(await test.app.store.listWatchRules()).toEqual([]);
    expect(await test.app.store.listAudit(10)).toEqual([]);
  });

  it('refuses a correctly signed request older than 5 minutes with 401', async () => {
    const { id, body } = command('/entitywatch', 'add stale', 'U0LISTED');
    const res = await postSigned(url, body, { timestamp: Math.floor(Date.now() / 1000) - 6 * 60 });
    expect(res.status).toBe(401);
    await settle();
    expect(slack.responses.get(id)).toBeUndefined();
    expect(await test.app.store.listWatchRules()).toEqual([]);
  });

  it('refuses /entitywatch add from a member and writes nothing', async () => {
    const reply = await run('/entitywatch', 'add huawei list:EL', 'U0MEMBER');
    expect(reply).toMatchObject({ response_type: 'ephemeral' });
    expect(JSON.stringify(reply.blocks)).toContain(':no_entry: Only entitywatch admins can do that.');
    expect(await test.app.store.listWatchRules()).toEqual([]);
    expect((await test.app.store.listAudit(10)).map(({ actor, action }) => [actor, action])).toEqual([['slack:U0MEMBER', 'command.refused']]);
  });

  it('lets a listed admin add a rule for the channel: rule, audit row, and the channel becomes an alert channel', async () => {
    const reply = await run('/entitywatch', 'add huawei list:EL country:CN', 'U0LISTED');
    expect(reply.text).toBe('Added rule #1.');
    const rule = { id: 1, channel: 'slack:C0COMPLY', term: 'huawei', list: 'EL', country: 'CN', createdBy: 'slack:U0LISTED', createdAt: NOW.toISOString() };
    expect(await test.app.store.listWatchRules()).toEqual([rule]);
    expect((await test.app.store.listAudit(1)).map(({ actor, action, at }) => ({ actor, action, at }))).toEqual([{ actor: 'slack:U0LISTED', action: 'watch.add', at: NOW.toISOString() }]);
    expect(notifier.channels().map((c) => c.id)).toEqual(['slack:C0ALERTS', 'slack:C0COMPLY']);
  });

  it('delivers to a channel that got a rule only the rows it matches, through the real deliverer', async () => {
    const channels = test.app.pollDeps.channels();
    expect(channels).toEqual(expect.arrayContaining(['slack:C0ALERTS', 'slack:C0COMPLY']));
    const [alert] = buildDesignationAlerts({
      source: 'csl', createdAt: new Date().toISOString(), newId: () => 'al_rules',
      diff: { added: [makeDesignation({ name: 'Huawei Cloud Beijing', list: 'EL', countries: ['CN'] }), makeDesignation({ name: 'Other Co', list: 'EL', countries: ['RU'] })], removed: [], amended: [] },
    });
    const routes = routeAlert(alert!, channels.filter((c) => c.startsWith('slack:')), await test.app.store.listWatchRules());
    await test.app.store.insertAlerts([{ alert: alert!, routes }], new Date().toISOString());
    const before = slack.posts.length;
    expect(await test.app.deliverer.drain()).toBe(2);
    const posted = slack.posts.slice(before).map((p) => [p.channel, p.text, JSON.stringify(p.blocks).includes('Other Co')]);
    expect(posted.sort()).toEqual([
      ['C0ALERTS', 'Entity List — 2 additions', true],
      ['C0COMPLY', 'Entity List — 1 addition', false],
    ]);
  });

  it('treats workspace owners and admins (users.info) as admins', async () => {
    expect((await run('/entitywatch', 'list', 'U0OWNER')).text).toBe('Watch rules for this channel');
    expect((await run('/entitywatch', 'list', 'U0WSADMIN')).text).toBe('Watch rules for this channel');
    const infos = slack.calls.filter((c) => c.method === 'users.info').map((c) => c.args.user);
    expect(infos).toEqual(expect.arrayContaining(['U0OWNER', 'U0WSADMIN']));
  });

  it('posts a test alert to the channel with the idempotency key in metadata, and shows status', async () => {
    const before = slack.posts.length;
    const reply = await run('/entitywatch', 'test', 'U0OWNER');
    expect(reply.text).toBe('Posted a test alert to this channel.');
    const post = slack.posts[before]!;
    expect(post).toMatchObject({ channel: 'C0COMPLY', unfurl_links: false, unfurl_media: false, text: 'entitywatch test alert' });
    expect(post.metadata?.event_payload.idempotency_key).toMatch(/^al_test_[0-9a-z]+_[0-9a-f]{8}:slack:C0COMPLY$/);
    const status = await run('/entitywatch', 'status', 'U0OWNER');
    expect(JSON.stringify(status.blocks)).toContain(':white_check_mark: *csl* ok — 2 designations');
  });

  it('answers help for an unknown subcommand, to anyone', async () => {
    const reply = await run('/entitywatch', 'frobnicate', 'U0MEMBER');
    expect(String(reply.text)).toMatch(/^Unknown subcommand "frobnicate"\.\nUsage \(admins only\):/);
  });
});
