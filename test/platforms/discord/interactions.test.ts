import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Alert } from '../../../src/core/alert.js';
import { MatchIndex } from '../../../src/core/match/index.js';
import { silentLogger } from '../../../src/log.js';
import { buildCompleter } from '../../../src/platforms/discord/completer.js';
import type { DispatchDeps } from '../../../src/platforms/discord/dispatch.js';
import { startInteractionsServer, type InteractionsServer } from '../../../src/platforms/discord/interactions.js';
import type { ReplyMessage } from '../../../src/platforms/discord/reply.js';
import { openSqliteStore } from '../../../store/sqlite/index.js';
import type { Store } from '../../../store/types.js';
import { tempDir } from '../../helpers/app.js';
import { makeDesignation } from '../../helpers/designations.js';
import { seedDesignations } from '../../handlers/context.js';
import {
  ADMIN_ID, APP_ID, CHANNEL_ID, interaction, MEMBER_ID, MEMBER_PERMISSIONS, nowSeconds, ping, postInteraction, postSigned, testKeys, watch, type TestKeys,
} from './interactions-kit.js';

const LONG = `Acme ${'Very Long Name '.repeat(10)}Holdings`;
const DESIGNATIONS = [
  makeDesignation({ name: 'Acme Optics Co., Ltd.', list: 'EL', countries: ['CN'], aliases: ['Acme Optical'] }),
  makeDesignation({ name: 'Acme Trading Limited', list: 'MEU', countries: ['HK'] }),
  makeDesignation({ name: 'Beta Electronics', list: 'EL', countries: ['RU'] }),
  makeDesignation({ name: LONG, list: 'EL' }),
];

describe('Discord HTTP interactions endpoint', () => {
  let keys: TestKeys;
  let dir: ReturnType<typeof tempDir>;
  let store: Store;
  let server: InteractionsServer;
  let posted: Array<{ channelId: string; alert: Alert }>;
  let edits: Array<{ applicationId: string; token: string; message: ReplyMessage }>;
  let rulesChanged: number;
  let indexDelayMs: number;

  async function start(overrides: Partial<DispatchDeps> = {}) {
    const deps: DispatchDeps = {
      store,
      lookupIndex: async () => {
        if (indexDelayMs) await new Promise((resolve) => setTimeout(resolve, indexDelayMs));
        return new MatchIndex(DESIGNATIONS);
      },
      completer: async () => buildCompleter(DESIGNATIONS),
      now: () => new Date('2026-11-21T10:00:00.000Z'),
      log: silentLogger(),
      postAlert: async (channelId, alert) => void posted.push({ channelId, alert }),
      rulesChanged: async () => void rulesChanged++,
      editOriginal: async (applicationId, token, message) => void edits.push({ applicationId, token, message }),
      ...overrides,
    };
    server = await startInteractionsServer({ port: 0, host: '127.0.0.1', publicKey: keys.publicKeyHex, deps, log: silentLogger() });
  }

  beforeEach(async () => {
    keys = testKeys();
    dir = tempDir();
    store = openSqliteStore(`${dir.dir}/discord.db`);
    posted = [];
    edits = [];
    rulesChanged = 0;
    indexDelayMs = 0;
    await seedDesignations(store, DESIGNATIONS);
    await start();
  });
  afterEach(async () => {
    await server.close();
    await store.close();
    dir.cleanup();
  });

  it('a signed PING is answered with PONG (type 1)', async () => {
    expect(await postSigned(server.url, keys, ping())).toEqual({ status: 200, json: { type: 1 } });
  });

  it('forged, tampered, unsigned and stale requests get 401', async () => {
    const body = JSON.stringify(ping());
    const ts = nowSeconds();
    const other = testKeys();
    expect((await postInteraction(server.url, body, { signature: other.sign(ts, body), timestamp: ts })).status).toBe(401);
    expect((await postInteraction(server.url, body.replace('ping-token', 'evil-token'), { signature: keys.sign(ts, body), timestamp: ts })).status).toBe(401);
    expect((await postInteraction(server.url, body, { signature: null, timestamp: null })).status).toBe(401);
    expect((await postInteraction(server.url, body, { signature: 'zz', timestamp: ts })).status).toBe(401);
    const old = String(Number(ts) - 3600);
    expect((await postInteraction(server.url, body, { signature: keys.sign(old, body), timestamp: old })).status).toBe(401);
  });

  it('/entity autocomplete returns the matching current names, ≤ 25, each ≤ 100 characters', async () => {
    const payload = interaction(4, { name: 'entity', options: [{ name: 'name', type: 3, value: 'acme', focused: true }] });
    const { status, json } = await postSigned(server.url, keys, payload);
    expect(status).toBe(200);
    const response = json as { type: number; data: { choices: Array<{ name: string; value: string }> } };
    expect(response.type).toBe(8);
    const values = response.data.choices.map((c) => c.value);
    expect(values).toEqual(expect.arrayContaining(['Acme Optics Co., Ltd.', 'Acme Trading Limited']));
    expect(values).not.toContain('Beta Electronics');
    expect(response.data.choices).toContainEqual({ name: 'Acme Optics Co., Ltd. (EL)', value: 'Acme Optics Co., Ltd.' });
    expect(response.data.choices.length).toBeLessThanOrEqual(25);
    for (const choice of response.data.choices) {
      expect(choice.name.length).toBeLessThanOrEqual(100);
      expect(choice.value.length).toBeLessThanOrEqual(100);
    }
  });

  it('/entity answers with one embed per match, mentions off', async () => {
    const { json } = await postSigned(server.url, keys, interaction(2, { name: 'entity', options: [{ name: 'name', type: 3, value: 'Beta Electronics' }] }));
    const response = json as { type: number; data: ReplyMessage };
    expect(response.type).toBe(4);
    expect(response.data.allowed_mentions).toEqual({ parse: [] });
    expect(response.data.embeds?.[0]?.title).toBe('Beta Electronics');
    expect(response.data.embeds?.[0]?.fields?.[0]?.name).toBe('EL: Beta Electronics');
  });

  it('/entity with nothing loaded refuses instead of saying "no match"', async () => {
    await server.close();
    await store.close();
    store = openSqliteStore(`${dir.dir}/empty.db`);
    await start();
    const { json } = await postSigned(server.url, keys, interaction(2, { name: 'entity', options: [{ name: 'name', type: 3, value: 'Beta Electronics' }] }));
    expect(json).toEqual({
      type: 4,
      data: { content: '⚠️ The lists are not loaded yet: run `entitywatch poll`. Nothing was checked.', allowed_mentions: { parse: [] }, flags: 64 },
    });
  });

  it('/entity says what it checked, and warns first when a source is out of date', async () => {
    await server.close();
    await start({ staleAfterMs: 3_600_000 });
    const body = (await postSigned(server.url, keys, interaction(2, { name: 'entity', options: [{ name: 'name', type: 3, value: 'Zeta Bakery' }] }))).json as { data: ReplyMessage };
    // Seeded 2026-05-04; the test clock says 2026-11-21.
    expect(body.data.content).toBe(
      [
        '⚠️ **WARNING: out of date — csl (last updated 2026-05-04 09:30 UTC): its last successful poll was more than 60 minutes ago. A designation made since then is not in this answer; run `entitywatch status`.**',
        'No match for “Zeta Bakery” on any list.',
        '-# Checked against 4 designations on 2 lists (csl as of 2026-05-04 09:30 UTC).',
      ].join('\n'),
    );
  });

  it('/watch add by a member without Manage Server is refused at run time and writes nothing', async () => {
    const payload = watch('add', [{ name: 'keyword', type: 3, value: 'huawei' }], { userId: MEMBER_ID, permissions: MEMBER_PERMISSIONS });
    const { json } = await postSigned(server.url, keys, payload);
    const response = json as { type: number; data: ReplyMessage };
    expect(response.type).toBe(4);
    expect(response.data.flags).toBe(64);
    expect(response.data.content).toMatch(/^⛔ Only entitywatch admins/);
    expect(await store.listWatchRules()).toEqual([]);
    expect((await store.listAudit(10)).map((a) => [a.actor, a.action, a.detail])).toEqual([
      [`discord:${MEMBER_ID}`, 'command.refused', { command: 'watch.add', channel: `discord:${CHANNEL_ID}`, args: '"huawei"' }],
    ]);
    expect(rulesChanged).toBe(0);
  });

  it('/watch add by an admin writes the rule for this channel and the audit log', async () => {
    const payload = watch('add', [
      { name: 'keyword', type: 3, value: 'huawei technologies' },
      { name: 'list', type: 3, value: 'EL' },
      { name: 'country', type: 3, value: 'cn' },
    ]);
    const { json } = await postSigned(server.url, keys, payload);
    const rules = await store.listWatchRules();
    expect(rules).toEqual([
      expect.objectContaining({ channel: `discord:${CHANNEL_ID}`, term: 'huawei technologies', list: 'EL', country: 'CN', createdBy: `discord:${ADMIN_ID}` }),
    ]);
    const audit = await store.listAudit(10);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actor: `discord:${ADMIN_ID}`, action: 'watch.add' });
    expect(rulesChanged).toBe(1);
    expect((json as { data: ReplyMessage }).data.content).toBe(
      `Added rule \`#${rules[0]!.id}\`.\n\`#${rules[0]!.id}\` “huawei technologies”, list EL, country CN — added by discord:${ADMIN_ID}, ${audit[0]!.at.slice(0, 16).replace('T', ' ')} UTC`,
    );

    await postSigned(server.url, keys, watch('remove', [{ name: 'id', type: 4, value: rules[0]!.id }]));
    expect(await store.listWatchRules()).toEqual([]);
    expect((await store.listAudit(10)).map((a) => a.action).sort()).toEqual(['watch.add', 'watch.remove']);
  });

  it('/watch test posts a sample alert to this channel', async () => {
    const { json } = await postSigned(server.url, keys, watch('test'));
    expect(posted).toHaveLength(1);
    expect(posted[0]).toMatchObject({ channelId: CHANNEL_ID, alert: { kind: 'test' } });
    expect((json as { data: ReplyMessage }).data.content).toBe(`Posted a test alert here (\`${posted[0]!.alert.id}\`).`);
  });

  it('a slow answer is deferred (type 5) and followed up through the interaction webhook', async () => {
    await server.close();
    indexDelayMs = 300;
    await start({ deferAfterMs: 50 });
    const payload = interaction(2, { name: 'entity', options: [{ name: 'name', type: 3, value: 'Acme Optics' }] });
    const { json } = await postSigned(server.url, keys, payload);
    expect(json).toEqual({ type: 5, data: {} });
    expect(edits).toEqual([]);
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect(edits).toHaveLength(1);
    expect(edits[0]).toMatchObject({ applicationId: APP_ID, token: payload.token });
    expect(edits[0]!.message.embeds?.[0]?.title).toBe('Acme Optics Co., Ltd.');
  });

  it('not JSON or not an interaction → 400; other paths → 404', async () => {
    const ts = nowSeconds();
    expect((await postInteraction(server.url, 'nope', { signature: keys.sign(ts, 'nope'), timestamp: ts })).status).toBe(400);
    expect((await postSigned(server.url, keys, { hello: 'world' })).status).toBe(400);
    expect((await fetch(`${server.url}/other`, { method: 'POST' })).status).toBe(404);
  });
});
