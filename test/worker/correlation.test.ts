/**
 * The replay: a Federal Register filing on public inspection, its publication, then the
 * CSL row it announced give three linked messages in one thread, not three separate
 * announcements. Run through the real app (poll cycle, SQLite, deliverer) against local stand-ins
 * for the Federal Register API and trade.gov; first with a recording notifier, then with the real
 * Slack and Discord notifiers against their fakes.
 */
import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DesignationsAlert } from '../../src/core/alert.js';
import { silentLogger } from '../../src/log.js';
import { createDiscordNotifier, createDiscordRest } from '../../src/notifiers/discord/index.js';
import { createSlackNotifier } from '../../src/notifiers/slack/index.js';
import type { Notifier } from '../../src/notifiers/types.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { cslJson, type CslRowSpec } from '../helpers/csl.js';
import { startFakeDiscord } from '../helpers/fake-discord.js';
import { FAKE_BOT_TOKEN, startFakeSlack } from '../helpers/fake-slack.js';
import { startFakeFederalRegister, type DocSpec, type FakeFederalRegister } from '../helpers/federal-register.js';
import { snapshotRoute, startFakeServer, type FakeServer } from '../helpers/http.js';
import { threadedNotifier } from '../helpers/threaded.js';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/federal-register/feed/${name}`, import.meta.url), 'utf8');

const FILING: DocSpec = {
  documentNumber: '2024-10077',
  title: 'Additions to the Entity List',
  filedAt: '2024-05-08T08:45:00.000-04:00',
  publicationDate: '2024-05-09',
  text: fixture('lattice-public-inspection.txt'),
};
const RULE: DocSpec = { ...FILING, citation: '89 FR 41001', action: 'Final rule.', xml: fixture('lattice-rule.xml'), text: undefined };

const CSL_BEFORE: CslRowSpec[] = [
  { name: 'Alpha Quantum Co., Ltd.', address: '1 Qubit Road', city: 'Hefei' },
  { name: 'Beta Photonics Institute', address: '2 Laser Street', city: 'Wuhan' },
];
const CSL_AFTER: CslRowSpec[] = [
  ...CSL_BEFORE,
  { name: 'LATTICE QUBIT TECHNOLOGIES CO., LTD.', aliases: ['LQT Hefei'], address: '7 Example Qubit Road', city: 'Hefei', citation: '89 FR 41001' },
  { name: 'Gamma Unannounced Sensors Ltd.', address: '3 Camera Lane', city: 'Hangzhou', citation: '89 FR 40000' },
];

describe('Federal Register → CSL correlation (replay)', () => {
  let fr: FakeFederalRegister;
  let trade: FakeServer;
  let csl: ReturnType<typeof snapshotRoute>;
  let t: TestApp | null;

  beforeEach(async () => {
    fr = await startFakeFederalRegister();
    trade = await startFakeServer();
    csl = snapshotRoute();
    trade.route('GET', '/consolidated.json', csl.handler);
    t = null;
  });
  afterEach(async () => {
    expect(fr.server.unexpected).toEqual([]);
    expect(trade.unexpected).toEqual([]);
    await t?.close();
    await fr.close();
    await trade.close();
  });

  async function app(notifiers: Notifier[]): Promise<TestApp> {
    t = await createTestApp(
      { ENABLED_SOURCES: 'federal-register,csl', FEDREG_API_URL: fr.url, CSL_URL: `${trade.url}/consolidated.json`, CONSOLE_ALERTS: 'off' },
      { notifiers },
    );
    return t;
  }

  /** Baselines, then filing → publication → CSL row, delivering after each step. Returns the outcomes per step. */
  async function replay(a: TestApp): Promise<string[][]> {
    const step = async () => {
      const results = await a.app.pollAll();
      await a.app.deliverer.drain();
      return results.map((r) => `${r.source}:${r.outcome.status}`);
    };
    csl.serve(cslJson(CSL_BEFORE));
    fr.filings([]);
    fr.documents([]);
    const steps = [await step()];
    fr.filings([FILING]);
    steps.push(await step());
    fr.documents([RULE]);
    steps.push(await step());
    csl.serve(cslJson(CSL_AFTER));
    steps.push(await step());
    return steps;
  }

  it('public inspection → publication → CSL row: three messages, one thread', async () => {
    const notifier = threadedNotifier();
    const a = await app([notifier]);
    expect(await replay(a)).toEqual([
      ['federal-register:baseline', 'csl:baseline'],
      ['federal-register:items', 'csl:not-modified'],
      ['federal-register:items', 'csl:not-modified'],
      ['federal-register:not-modified', 'csl:changed'],
    ]);

    expect(notifier.sent.map((s) => [s.title, s.threadRemoteId, s.remoteId])).toEqual([
      ['Federal Register — public inspection: Additions to the Entity List', null, 'msg-1'],
      ['Federal Register — published: Additions to the Entity List', 'msg-1', 'msg-2'],
      ['Entity List — 2 additions', 'msg-1', 'msg-3'],
    ]);

    const cslAlert = (await a.app.store.getAlert(notifier.sent[2]!.alertId)) as DesignationsAlert | null;
    expect(cslAlert?.threadOf).toBe(notifier.sent[0]!.alertId);
    expect(cslAlert?.notes).toContain('1 of these was announced in FR 2024-10077 (public inspection, 2024-05-08); FR 2024-10077 (89 FR 41001, 2024-05-09)');
  });

  it('threads the same way on Slack (thread_ts) and Discord (a thread on the first message)', async () => {
    const slack = await startFakeSlack();
    const discord = await startFakeDiscord();
    try {
      const CHANNEL = '222222222222222222';
      const rest = createDiscordRest({ token: 'test-token-0123456789abcdef', apiUrl: discord.apiUrl });
      const a = await app([
        createSlackNotifier({ token: FAKE_BOT_TOKEN, apiUrl: slack.apiUrl, alertChannels: ['C0ALERTS'], timeoutMs: 5000 }),
        createDiscordNotifier({ rest, channelIds: [CHANNEL], log: silentLogger() }),
      ]);
      await replay(a);

      const [root, ...replies] = slack.posts;
      expect(slack.posts).toHaveLength(3);
      expect(root?.thread_ts).toBeUndefined();
      expect(replies.map((p) => p.thread_ts)).toEqual([root!.ts, root!.ts]);
      expect(replies[1]?.text).toContain('Entity List');

      const inChannel = discord.messagesIn(CHANNEL);
      expect(inChannel).toHaveLength(1);
      expect(discord.threads.get(inChannel[0]!.id)?.parent).toBe(CHANNEL);
      expect(discord.messagesIn(inChannel[0]!.id)).toHaveLength(2);
      expect(slack.unexpected).toEqual([]);
      expect(discord.unexpected).toEqual([]);
    } finally {
      await t?.close();
      t = null;
      await slack.close();
      await discord.close();
    }
  });

  it('a removal the Federal Register announced replies in its thread; an addition of another name does not', async () => {
    const notifier = threadedNotifier();
    const a = await app([notifier]);
    const rule: DocSpec = {
      documentNumber: '2024-10500',
      title: 'Additions to and Revisions of Entries on the Entity List',
      publicationDate: '2024-11-26',
      citation: '89 FR 67317',
      xml: readFileSync(new URL('../fixtures/federal-register/alias-forms-rule.xml', import.meta.url), 'utf8'),
    };
    const delta: CslRowSpec = { name: 'Delta Example Engineering (Pvt.) Ltd.', address: '4 Example Road', city: 'Karachi', country: 'PK' };
    const others: CslRowSpec[] = Array.from({ length: 30 }, (_, i) => ({ name: `Unrelated Example ${i} Ltd.`, address: `${i} Road`, city: 'Lahore', country: 'PK' }));
    // Not the file's last row: a missing last row is held as a suspected cut-off (core/removals.ts).
    csl.serve(cslJson([delta, ...others]));
    fr.filings([]);
    fr.documents([]);
    await a.app.pollAll();
    fr.documents([rule]);
    await a.app.pollAll();
    await a.app.deliverer.drain();
    csl.serve(cslJson(others));
    // A removal waits for the next download to agree (core/removals.ts): poll until it is announced.
    for (let i = 0; i < 3 && notifier.sent.length < 2; i++) {
      await a.app.pollAll();
      await a.app.deliverer.drain();
    }
    expect(notifier.sent.map((s) => [s.title, s.threadRemoteId])).toEqual([
      ['Federal Register — published: Additions to and Revisions of Entries on the Entity List', null],
      ['Entity List — 1 removal', 'msg-1'],
    ]);
    const removal = (await a.app.store.getAlert(notifier.sent[1]!.alertId)) as DesignationsAlert | null;
    expect(removal?.notes).toContain('1 of these was announced in FR 2024-10500 (89 FR 67317, 2024-11-26)');
    // The removal names the notice that announced it as a removal.
    expect(removal?.changes.map((c) => (c.kind === 'removed' ? c.notice : null))).toEqual(['FR 2024-10500 (89 FR 67317, 2024-11-26)']);
    const published = await a.app.store.getAlert(notifier.sent[0]!.alertId);
    expect(published?.kind === 'document' ? published.documents[0]?.groups?.map((g) => [g.action, g.country, g.names.length]) : null).toEqual([
      ['added', 'China, Hong Kong', 1],
      ['added', 'China', 1],
      ['added', 'Russia', 2],
      ['revised', 'China', 1],
      ['removed', 'Pakistan', 1],
    ]);
  });
});
