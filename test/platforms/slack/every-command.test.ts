/**
 * Every Slack command over both ways in — HTTP (signed requests) and Socket Mode (envelopes) —
 * through the real Bolt app and the local stand-ins: /entity and its share button, and every
 * /entitywatch subcommand, refused for a member (and the refusal audited) and done for an admin.
 * The transport-specific protocol (signatures; reconnects, redeliveries, acks) is in http.test.ts
 * and socket-mode.test.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSlackNotifier, slackRuleChannels } from '../../../src/notifiers/slack/index.js';
import { createTestApp, type TestApp } from '../../helpers/app.js';
import { makeDesignation } from '../../helpers/designations.js';
import { FAKE_BOT_TOKEN, startFakeSlack, type FakeSlack } from '../../helpers/fake-slack.js';
import { attachFiles, type FakeSlackFiles } from '../../helpers/fake-slack-files.js';
import { commitChanges, seedDesignations } from '../../handlers/context.js';
import { startSlackTransport, waitFor, type SlackTransport, type TransportName } from './transports.js';

const NOW = new Date('2026-05-04T09:30:00.000Z');
const SUPPLIERS = 'name,country,reference\r\nHikvision,CN,SUP-0042\r\n"Acme Trading, Inc.",DE,SUP-0043\r\n';

/** Every admin subcommand, as typed by someone who may not run it. */
const ADMIN_SUBCOMMANDS: Array<[string, string]> = [
  ['add huawei list:EL', 'watch.add'],
  ['remove 1', 'watch.remove'],
  ['list', 'watch.list'],
  ['status', 'status'],
  ['test', 'test'],
  ['watchlist list', 'watchlist'],
  ['watchlist import suppliers', 'watchlist'],
  ['watchlist screen suppliers', 'watchlist'],
  ['watchlist remove suppliers', 'watchlist'],
];

const blocksText = (reply: Record<string, unknown>) => JSON.stringify(reply.blocks);

describe.each<TransportName>(['http', 'socket'])('Slack commands over %s', (transport) => {
  let slack: FakeSlack;
  let files: FakeSlackFiles;
  let test: TestApp;
  let t: SlackTransport;

  beforeAll(async () => {
    slack = await startFakeSlack();
    files = attachFiles(slack);
    slack.users.set('U0MEMBER', {});
    // The fixtures are dated months apart from the clock: freshness warnings are tested in
    // test/platforms/*/basis tests, not here.
    test = await createTestApp({ STALE_AFTER_PERIODS: '1000', POLL_SCHEDULE: '0 0 1 * *' }, { notifiers: [], now: () => NOW });
    test.app.notifiers.push(createSlackNotifier({ token: FAKE_BOT_TOKEN, apiUrl: slack.apiUrl, alertChannels: [], ruleChannels: slackRuleChannels(test.app.store) }));
    const hik = makeDesignation({ name: 'Hangzhou Hikvision Digital Technology Co., Ltd.', list: 'EL', aliases: ['Hikvision'], countries: ['CN'], frCitation: '84 FR 54002', startDate: '2019-10-09' });
    await seedDesignations(test.app.store, [hik]);
    // A later addition, so /entity has history to show.
    const acme = makeDesignation({ name: 'Acme Optics Co., Ltd.', list: 'EL', countries: ['CN'], frCitation: '91 FR 1234' });
    await commitChanges(test.app.store, '2026-05-01T10:00:00.000Z', { added: [acme], removed: [], amended: [] }, [hik, acme]);
    t = await startSlackTransport(transport, { app: test.app, slack, adminUserIds: ['U0LISTED'], now: () => NOW });
  });
  afterAll(async () => {
    // Socket Mode: every envelope of the run was acknowledged by its id, each within Slack's 3 s.
    for (const envelope of t?.socket?.envelopes ?? []) expect(envelope.ackMs, envelope.envelope_id).not.toBeNull();
    expect((t?.socket?.envelopes ?? []).filter((e) => (e.ackMs ?? 0) >= 3000)).toEqual([]);
    await t?.stop();
    await test?.close();
    expect(slack.unexpected).toEqual([]);
    expect(files.unexpected).toEqual([]);
    expect(t.socket?.unexpected ?? []).toEqual([]);
    await slack.close();
  });

  it('/entity answers anyone, ephemeral, with the share button; the button shares it in the channel', async () => {
    const reply = await t.command('/entity', 'hikvision', 'U0MEMBER');
    expect(reply).toMatchObject({ response_type: 'ephemeral', text: '1 match for “hikvision”' });
    expect((reply.blocks as unknown[]).at(-1)).toMatchObject({ type: 'actions', elements: [{ action_id: 'entity_share', value: 'hikvision' }] });
    const shared = await t.button('entity_share', 'hikvision', 'U0MEMBER');
    expect(shared).toMatchObject({ response_type: 'in_channel', replace_original: false, text: '1 match for “hikvision”' });
    expect(blocksText(shared)).toContain('Shared by <@U0MEMBER>.');
  });

  it('/entity shows each designation\'s history: added when, by which notice', async () => {
    const reply = await t.command('/entity', 'acme optics', 'U0MEMBER');
    expect(blocksText(reply)).toContain('History: added 2026-05-01 (91 FR 1234)');
    expect(blocksText(await t.command('/entity', 'hikvision', 'U0MEMBER'))).toContain('History: no change seen — listed before entitywatch began watching');
  });

  it('refuses every admin subcommand to a member, audits each refusal, and does nothing else', async () => {
    const posts = slack.posts.length;
    for (const [text] of ADMIN_SUBCOMMANDS) {
      const reply = await t.command('/entitywatch', text, 'U0MEMBER');
      expect(blocksText(reply), text).toContain(':no_entry: Only entitywatch admins can do that.');
    }
    const audit = (await test.app.store.listAudit(50)).reverse();
    expect(audit.map((a) => ({ actor: a.actor, action: a.action, detail: a.detail, at: a.at }))).toEqual(
      ADMIN_SUBCOMMANDS.map(([text, command]) => ({ actor: 'slack:U0MEMBER', action: 'command.refused', detail: { command, channel: 'slack:C0COMPLY', args: text.replace(/^\S+\s*/, '') }, at: NOW.toISOString() })),
    );
    expect(await test.app.store.listWatchRules()).toEqual([]);
    expect(await test.app.store.listWatchlists()).toEqual([]);
    expect(slack.posts.length).toBe(posts);
    expect(files.downloads).toEqual([]);
    expect(files.uploads).toEqual([]);
  });

  it('add, then list shows who added each rule and when, from the audit log', async () => {
    expect((await t.command('/entitywatch', 'add huawei list:EL', 'U0LISTED')).text).toBe('Added rule #1.');
    const list = await t.command('/entitywatch', 'list', 'U0LISTED');
    expect(list.text).toBe('Watch rules for this channel');
    expect(blocksText(list)).toContain('*#1* “huawei”, list EL — added by slack:U0LISTED, 2026-05-04 09:30 UTC');
  });

  it('remove takes the rule away (audited)', async () => {
    const reply = await t.command('/entitywatch', 'remove 1', 'U0LISTED');
    expect(reply.text).toBe('Removed rule #1.');
    expect(await test.app.store.listWatchRules()).toEqual([]);
    expect((await test.app.store.listAudit(1))[0]).toMatchObject({ actor: 'slack:U0LISTED', action: 'watch.remove' });
  });

  it('status and test', async () => {
    expect(blocksText(await t.command('/entitywatch', 'status', 'U0LISTED'))).toContain(':white_check_mark: *csl* ok — 2 designations');
    const posts = slack.posts.length;
    expect((await t.command('/entitywatch', 'test', 'U0LISTED')).text).toBe('Posted a test alert to this channel.');
    expect(slack.posts.slice(posts).map((p) => [p.channel, p.text])).toEqual([['C0COMPLY', 'entitywatch test alert']]);
  });

  it('watchlist import reads the CSV the admin shared (files.list → files.info URL → download with the bot token), audited', async () => {
    files.share({ name: 'suppliers.csv', user: 'U0LISTED', channel: 'C0COMPLY', bytes: SUPPLIERS });
    const reply = await t.command('/entitywatch', 'watchlist import suppliers', 'U0LISTED');
    expect(reply.text).toBe('Imported 2 counterparties from suppliers.csv into watchlist suppliers. Every list change is screened against it.');
    expect((await test.app.store.watchlistMembers('suppliers')).map((m) => [m.name, m.country, m.reference])).toEqual([
      ['Hikvision', 'CN', 'SUP-0042'],
      ['Acme Trading, Inc.', 'DE', 'SUP-0043'],
    ]);
    expect((await test.app.store.listAudit(1))[0]).toMatchObject({ actor: 'slack:U0LISTED', action: 'watchlist.import', detail: { name: 'suppliers', count: 2 } });
    expect(files.downloads.at(-1)).toMatchObject({ authorised: true });
  });

  it('watchlist import by file link, --replace; a file with one bad line imports nothing', async () => {
    const good = files.share({ name: 'v2.csv', user: 'U0LISTED', channel: 'C0COMPLY', bytes: 'name\nHikvision\n' });
    const replaced = await t.command('/entitywatch', `watchlist import suppliers --replace https://example.slack.com/files/U0LISTED/${good}/v2.csv`, 'U0LISTED');
    expect(replaced.text).toBe('Imported 1 counterparty from v2.csv into watchlist suppliers (replacing 2 counterparties). Every list change is screened against it.');
    const bad = files.share({ name: 'bad.csv', user: 'U0LISTED', channel: 'C0COMPLY', bytes: 'name,country\nAcme,CN\n,DE\n' });
    const refused = await t.command('/entitywatch', `watchlist import other ${bad}`, 'U0LISTED');
    expect(String(refused.text)).toMatch(/^bad\.csv: nothing imported: line 3/);
    expect((await test.app.store.listWatchlists()).map((w) => [w.name, w.count])).toEqual([['suppliers', 1]]);
  });

  it('watchlist import refuses a web page instead of the file, and an existing name without --replace', async () => {
    const page = files.share({ name: 'page.csv', user: 'U0LISTED', channel: 'C0COMPLY', bytes: 'x', html: true });
    const html = await t.command('/entitywatch', `watchlist import other ${page}`, 'U0LISTED');
    expect(String(html.text)).toContain('Slack sent a web page instead of page.csv: the app needs the files:read scope');
    const csv = files.share({ name: 'v3.csv', user: 'U0LISTED', channel: 'C0COMPLY', bytes: 'name\nMegvii\n' });
    const again = await t.command('/entitywatch', `watchlist import suppliers ${csv}`, 'U0LISTED');
    expect(String(again.text)).toContain('a watchlist named "suppliers" exists already');
    expect((await test.app.store.listWatchlists()).map((w) => [w.name, w.count])).toEqual([['suppliers', 1]]);
  });

  it('watchlist screen answers the best hits and uploads every hit as CSV to the admin (external upload flow)', async () => {
    const reply = await t.command('/entitywatch', 'watchlist screen suppliers', 'U0LISTED');
    expect(String(reply.text)).toMatch(/^Screened 1 counterparty of suppliers against today's lists: 1 hit\.\n• \d\.\d\d Hikvision ↔ EL: Hangzhou Hikvision/);
    expect(blocksText(reply)).toContain('screen-suppliers-2026-05-04.csv is in your direct messages with entitywatch.');
    const upload = files.uploads.at(-1)!;
    expect({ ...upload, bytes: undefined }).toEqual({ file_id: expect.stringMatching(/^F9/), filename: 'screen-suppliers-2026-05-04.csv', bytes: undefined, channel: 'D0LISTED', initial_comment: 'screen-suppliers-2026-05-04.csv, requested in <#C0COMPLY>.', title: 'screen-suppliers-2026-05-04.csv' });
    const [header, row, end] = upload.bytes.toString('utf8').split('\n');
    expect(header).toBe('watchlist,counterparty,reference,list,designation,matched_name,score');
    expect(row).toMatch(/^suppliers,Hikvision,,EL,"Hangzhou Hikvision Digital Technology Co\., Ltd\.",Hikvision,(0\.\d+|1)$/);
    expect(end).toBe('');
  });

  it('watchlist screen without files:write still answers the hits, and says why the file did not come', async () => {
    slack.fail('files.getUploadURLExternal', { error: 'missing_scope', needed: 'files:write' });
    const uploads = files.uploads.length;
    const reply = await t.command('/entitywatch', 'watchlist screen suppliers', 'U0LISTED');
    expect(String(reply.text)).toMatch(/^Screened 1 counterparty of suppliers/);
    expect(blocksText(reply)).toContain(':warning: screen-suppliers-2026-05-04.csv could not be sent');
    expect(blocksText(reply)).toContain('the app needs the files:write and im:write scopes.');
    expect(files.uploads.length).toBe(uploads);
  });

  it('watchlist list and remove', async () => {
    expect(String((await t.command('/entitywatch', 'watchlist list', 'U0LISTED')).text)).toMatch(/^Watchlists, screened against every list change:\n• suppliers — 1 counterparty \(imported by slack:U0LISTED/);
    expect((await t.command('/entitywatch', 'watchlist remove suppliers', 'U0LISTED')).text).toBe('Removed watchlist suppliers (1 counterparty).');
    expect(await test.app.store.listWatchlists()).toEqual([]);
  });

  it('acknowledges within 3 s even when the command is slow (users.info 3.5 s), and answers after', async () => {
    slack.users.set('U0SLOW', { is_admin: true });
    slack.delay('users.info', 3500);
    const { id, ackMs } = await t.send('/entitywatch', 'list', 'U0SLOW');
    expect(ackMs).toBeLessThan(3000);
    expect(slack.responses.get(id)).toBeUndefined();
    const answer = await waitFor(() => slack.responses.get(id)?.[0], 'the late answer');
    expect(answer.text).toBe('Watch rules for this channel');
  });

  it('a command delivered twice (same trigger id) is acknowledged and answered once', async () => {
    const { id } = await t.send('/entitywatch', 'add zte', 'U0LISTED');
    await waitFor(() => slack.responses.get(id)?.[0], 'the answer');
    await t.repeatLast();
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(slack.responses.get(id)).toHaveLength(1);
    expect((await test.app.store.listWatchRules()).map((r) => r.term)).toEqual(['zte']);
  });

  it('help for an empty or unknown subcommand, to anyone, names every subcommand', async () => {
    const help = String((await t.command('/entitywatch', '', 'U0MEMBER')).text);
    for (const sub of ['add', 'remove', 'list', 'status', 'test', 'watchlist']) expect(help).toContain(`/entitywatch ${sub}`);
  });
});
