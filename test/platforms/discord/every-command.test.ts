/**
 * Every Discord command over both ways in — the HTTP interactions endpoint (signed POSTs) and the
 * gateway (INTERACTION_CREATE, answered through the REST callback) — through the real platform
 * and the local stand-ins: /entity with autocomplete, and every /watch subcommand, refused for a
 * member without Manage Server (checked at run time, the refusal audited) and done for an admin.
 * Gateway protocol details (heartbeats, RESUME, INVALID_SESSION) are in gateway.test.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../../src/log.js';
import { createDiscordNotifier, createDiscordRest } from '../../../src/notifiers/discord/index.js';
import { createTestApp, type TestApp } from '../../helpers/app.js';
import { makeDesignation } from '../../helpers/designations.js';
import { startFakeDiscord, type FakeDiscord } from '../../helpers/fake-discord.js';
import { commitChanges, seedDesignations } from '../../handlers/context.js';
import { ADMIN_ID, CHANNEL_ID, interaction, MEMBER_ID, MEMBER_PERMISSIONS, watch, type Option } from './interactions-kit.js';
import { BOT_TOKEN, startDiscordTransport, type DiscordTransport, type TransportName } from './transports.js';

const SUPPLIERS = 'name,country,reference\r\nHikvision,CN,SUP-0042\r\n"Acme Trading, Inc.",DE,SUP-0043\r\n';
const MEMBER = { userId: MEMBER_ID, permissions: MEMBER_PERMISSIONS };

let attachments = 0;

/** `/watch watchlist` with options, and a CSV attached as `file` (served by the fake CDN) when given. */
function watchlist(discord: FakeDiscord, options: Record<string, string | boolean>, csv?: { name: string; text: string }, who?: typeof MEMBER) {
  const opts: Option[] = Object.entries(options).map(([name, value]) => ({ name, type: typeof value === 'boolean' ? 5 : 3, value }));
  let resolved: Record<string, unknown> | undefined;
  if (csv) {
    const id = String(1300000000000000000n + BigInt(++attachments));
    const path = `/attachments/${CHANNEL_ID}/${id}/${csv.name}`;
    discord.files.set(path, { contentType: 'text/csv; charset=utf-8', bytes: Buffer.from(csv.text, 'utf8') });
    opts.push({ name: 'file', type: 11, value: id });
    resolved = { attachments: { [id]: { id, filename: csv.name, size: Buffer.byteLength(csv.text), url: `${discord.url}${path}?ex=1&is=2&hm=3`, content_type: 'text/csv; charset=utf-8' } } };
  }
  return interaction(2, { name: 'watch', options: [{ name: 'watchlist', type: 1, options: opts }], ...(resolved ? { resolved } : {}) }, who);
}

const content = (a: { final: Record<string, unknown> }) => String(a.final.content ?? '');

describe.each<TransportName>(['http', 'gateway'])('Discord commands over %s', (transport) => {
  let discord: FakeDiscord;
  let test: TestApp;
  let t: DiscordTransport;

  beforeAll(async () => {
    discord = await startFakeDiscord();
    const notifier = createDiscordNotifier({ rest: createDiscordRest({ token: BOT_TOKEN, apiUrl: discord.apiUrl }), channelIds: [], log: silentLogger() });
    // The fixtures are dated months apart from the clock: freshness warnings are tested in
    // test/platforms/*/basis tests, not here.
    test = await createTestApp({ CONSOLE_ALERTS: 'off', STALE_AFTER_PERIODS: '1000', POLL_SCHEDULE: '0 0 1 * *' }, { notifiers: [notifier] });
    const seeded = [
      makeDesignation({ name: 'Hangzhou Hikvision Digital Technology Co., Ltd.', list: 'EL', aliases: ['Hikvision'], countries: ['CN'] }),
      makeDesignation({ name: 'Hikari Trading LLC', list: 'SDN', countries: ['AE'] }),
    ];
    await seedDesignations(test.app.store, seeded);
    const acme = makeDesignation({ name: 'Acme Optics Co., Ltd.', list: 'EL', countries: ['CN'], frCitation: '91 FR 1234' });
    await commitChanges(test.app.store, '2026-05-01T10:00:00.000Z', { added: [acme], removed: [], amended: [] }, [...seeded, acme]);
    t = await startDiscordTransport(transport, { app: test.app, discord });
  });
  afterAll(async () => {
    await t?.stop();
    await test?.close();
    expect(discord.unexpected.map((r) => `${r.method} ${r.path}`)).toEqual([]);
    expect(t.gateway?.unexpected ?? []).toEqual([]);
    await discord.close();
  });

  it('/entity autocomplete offers the current names that begin with what is typed', async () => {
    const answer = await t.interact(interaction(4, { name: 'entity', options: [{ name: 'name', type: 3, value: 'hik', focused: true }] }, MEMBER));
    expect(answer.type).toBe(8);
    expect(answer.data).toEqual({ choices: [{ name: 'Hikari Trading LLC (SDN)', value: 'Hikari Trading LLC' }, { name: 'Hangzhou Hikvision Digital Technology Co., Ltd. (EL)', value: 'Hangzhou Hikvision Digital Technology Co., Ltd.' }] });
  });

  it('/entity answers anyone with one embed per match, mentions off', async () => {
    const answer = await t.interact(interaction(2, { name: 'entity', options: [{ name: 'name', type: 3, value: 'hikvision' }] }, MEMBER));
    expect(answer.type).toBe(4);
    expect(answer.data).toMatchObject({ content: expect.stringMatching(/^Matches for “hikvision”:\n-# Checked against 3 designations on 2 lists/), allowed_mentions: { parse: [] } });
    expect((answer.data.embeds as Array<{ title: string }>).map((e) => e.title)).toEqual(['Hangzhou Hikvision Digital Technology Co., Ltd.']);
  });

  it('/entity shows each designation\'s history: added when, by which notice', async () => {
    const answer = await t.interact(interaction(2, { name: 'entity', options: [{ name: 'name', type: 3, value: 'acme optics' }] }, MEMBER));
    const [field] = (answer.data.embeds as Array<{ fields: Array<{ value: string }> }>)[0]!.fields;
    expect(field!.value.split('\n').at(-1)).toBe('History: added 2026-05-01 (91 FR 1234)');
  });

  it('refuses every /watch subcommand to a member without Manage Server, at run time, auditing each refusal', async () => {
    const cases: Array<[ReturnType<typeof watch>, string]> = [
      [watch('add', [{ name: 'keyword', type: 3, value: 'huawei' }], MEMBER), 'watch.add'],
      [watch('remove', [{ name: 'id', type: 4, value: 1 }], MEMBER), 'watch.remove'],
      [watch('list', [], MEMBER), 'watch.list'],
      [watch('status', [], MEMBER), 'status'],
      [watch('test', [], MEMBER), 'test'],
      [watchlist(discord, { action: 'list' }, undefined, MEMBER), 'watchlist'],
      [watchlist(discord, { action: 'import', name: 'suppliers' }, { name: 'suppliers.csv', text: SUPPLIERS }, MEMBER), 'watchlist'],
      [watchlist(discord, { action: 'screen', name: 'suppliers' }, undefined, MEMBER), 'watchlist'],
      [watchlist(discord, { action: 'remove', name: 'suppliers' }, undefined, MEMBER), 'watchlist'],
    ];
    for (const [payload] of cases) {
      const answer = await t.interact(payload);
      expect(answer.type).toBe(4);
      expect(answer.data).toMatchObject({ content: expect.stringMatching(/^⛔ Only entitywatch admins/), flags: 64 });
    }
    const audit = (await test.app.store.listAudit(50)).reverse();
    expect(audit.map((a) => [a.actor, a.action, a.detail.command, a.detail.channel])).toEqual(cases.map(([, command]) => [`discord:${MEMBER_ID}`, 'command.refused', command, `discord:${CHANNEL_ID}`]));
    expect(await test.app.store.listWatchRules()).toEqual([]);
    expect(await test.app.store.listWatchlists()).toEqual([]);
    expect(discord.messagesIn(CHANNEL_ID)).toEqual([]);
    expect(discord.requests.filter((r) => r.path.startsWith('/attachments/'))).toEqual([]);
  });

  it('add, then list shows who added each rule and when, from the audit log', async () => {
    const added = await t.interact(watch('add', [{ name: 'keyword', type: 3, value: 'huawei' }, { name: 'list', type: 3, value: 'EL' }]));
    const [rule] = await test.app.store.listWatchRules();
    const when = rule!.createdAt.slice(0, 16).replace('T', ' ');
    expect(content(added)).toBe(`Added rule \`#${rule!.id}\`.\n\`#${rule!.id}\` “huawei”, list EL — added by discord:${ADMIN_ID}, ${when} UTC`);
    expect(content(await t.interact(watch('list')))).toBe(`Watch rules for this channel:\n\`#${rule!.id}\` “huawei”, list EL — added by discord:${ADMIN_ID}, ${when} UTC`);
  });

  it('remove, status and test', async () => {
    const [rule] = await test.app.store.listWatchRules();
    expect(content(await t.interact(watch('remove', [{ name: 'id', type: 4, value: rule!.id }])))).toMatch(/^Removed rule `#\d+`\./);
    expect(await test.app.store.listWatchRules()).toEqual([]);
    expect(content(await t.interact(watch('status')))).toMatch(/^\*\*Sources\*\*\n• \*\*csl\*\*: ok, 3 designations/);
    expect(content(await t.interact(watch('test')))).toMatch(/^Posted a test alert here \(`al_test_/);
    expect(discord.messagesIn(CHANNEL_ID)).toHaveLength(1);
  });

  it('watchlist import reads the attached CSV from the CDN, as the CLI would, audited', async () => {
    const answer = await t.interact(watchlist(discord, { action: 'import', name: 'suppliers' }, { name: 'suppliers.csv', text: SUPPLIERS }));
    expect(content(answer)).toBe('Imported 2 counterparties from suppliers.csv into watchlist suppliers. Every list change is screened against it.');
    expect((await test.app.store.watchlistMembers('suppliers')).map((m) => [m.name, m.country, m.reference])).toEqual([
      ['Hikvision', 'CN', 'SUP-0042'],
      ['Acme Trading, Inc.', 'DE', 'SUP-0043'],
    ]);
    expect((await test.app.store.listAudit(1))[0]).toMatchObject({ actor: `discord:${ADMIN_ID}`, action: 'watchlist.import', detail: { name: 'suppliers', count: 2 } });
  });

  it('watchlist import: no file, a file with one bad line, a name taken without replace — nothing imported; replace swaps', async () => {
    expect(content(await t.interact(watchlist(discord, { action: 'import', name: 'other' })))).toBe('⚠️ attach the CSV in the `file` option of /watch watchlist (a header with a name column)');
    const bad = await t.interact(watchlist(discord, { action: 'import', name: 'other' }, { name: 'bad.csv', text: 'name,country\nAcme,CN\n,DE\n' }));
    expect(content(bad)).toMatch(/^⚠️ bad\.csv: nothing imported: line 3/);
    const taken = await t.interact(watchlist(discord, { action: 'import', name: 'suppliers' }, { name: 'v2.csv', text: 'name\nHikvision\n' }));
    expect(content(taken)).toContain('a watchlist named "suppliers" exists already');
    expect((await test.app.store.listWatchlists()).map((w) => [w.name, w.count])).toEqual([['suppliers', 2]]);
    const replaced = await t.interact(watchlist(discord, { action: 'import', name: 'suppliers', replace: true }, { name: 'v2.csv', text: 'name\nHikvision\n' }));
    expect(content(replaced)).toBe('Imported 1 counterparty from v2.csv into watchlist suppliers (replacing 2 counterparties). Every list change is screened against it.');
  });

  it('watchlist screen: a deferred answer whose edit carries every hit as an attached CSV', async () => {
    const answer = await t.interact(watchlist(discord, { action: 'screen', name: 'suppliers' }));
    expect(answer).toMatchObject({ type: 5, data: { flags: 64 } });
    expect(content(answer)).toMatch(/^Screened 1 counterparty of suppliers against today's lists: 1 hit\.\n• \d\.\d\d Hikvision ↔ EL: Hangzhou Hikvision/);
    expect(answer.final.attachments).toEqual([{ id: 0, filename: 'screen-suppliers-' + new Date().toISOString().slice(0, 10) + '.csv' }]);
    expect(answer.uploads.map((u) => [u.field, u.name])).toEqual([['files[0]', (answer.final.attachments as Array<{ filename: string }>)[0]!.filename]]);
    const [header, row, end] = answer.uploads[0]!.bytes.toString('utf8').split('\n');
    expect(header).toBe('watchlist,counterparty,reference,list,designation,matched_name,score');
    expect(row).toMatch(/^suppliers,Hikvision,,EL,"Hangzhou Hikvision Digital Technology Co\., Ltd\.",/);
    expect(end).toBe('');
  });

  it('watchlist list and remove', async () => {
    expect(content(await t.interact(watchlist(discord, { action: 'list' })))).toMatch(/^Watchlists, screened against every list change:\n• suppliers — 1 counterparty \(imported by discord:/);
    expect(content(await t.interact(watchlist(discord, { action: 'remove', name: 'suppliers' })))).toBe('Removed watchlist suppliers (1 counterparty).');
    expect(await test.app.store.listWatchlists()).toEqual([]);
  });

  it('an interaction delivered twice is answered once', async () => {
    const payload = watch('add', [{ name: 'keyword', type: 3, value: 'zte' }]);
    await t.interact(payload);
    const again = await t.deliver(payload);
    // HTTP: the repeat is told it was answered already (Discord would refuse a second answer).
    if (transport === 'http') expect(again).toEqual({ error: 'interaction already answered' });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(discord.interactionReplies.filter((r) => r.path.includes(payload.id) || r.path.includes(payload.token))).toHaveLength(transport === 'gateway' ? 1 : 0);
    expect((await test.app.store.listWatchRules()).map((r) => r.term)).toEqual(['zte']);
  });
});
