/**
 * Several instances, one post — on every store: two real worker processes on one database,
 * changes served by the trade.gov stand-in, alerts to the Slack stand-in (answering slowly at
 * times, through a per-instance hop). Every alert is posted exactly once per channel, no change
 * twice, and no source-health alert is raised; a worker killed with SIGKILL mid-delivery is
 * covered by the other, which settles the interrupted row through Slack's history. Each test
 * may take up to 90 s: two worker processes start and poll, and a loaded machine slows both.
 */
import { afterEach, beforeEach, expect, it, onTestFailed } from 'vitest';
import { normaliseName } from '../../src/core/text.js';
import type { Store } from '../../store/types.js';
import { describeStores } from '../store/contract/harness.js';
import { cslJson, manyRows, type CslRowSpec } from '../helpers/csl.js';
import { FAKE_BOT_TOKEN, startFakeSlack, type FakeSlack } from '../helpers/fake-slack.js';
import { snapshotRoute, startFakeServer, type FakeServer } from '../helpers/http.js';
import { startSlackProxy, startWorker, until, type ProxyBehaviour, type SlackProxy, type Worker } from '../helpers/instances.js';

const CHANNELS = ['C0ALERTS', 'C0OTHER'];
const BASE = manyRows(20);
/** The row steps 2 and 3 leave out. */
const REMOVED = BASE[0]!.name;
/** The designation key the CSL source gives an Entity List row of this name. */
const keyOf = (name: string) => `EL:${normaliseName(name)}`;
const STEPS: CslRowSpec[][] = [
  [...BASE, { name: 'Alpha Photonics Co., Ltd.', address: '1 Light Rd' }, { name: 'Beta Drones LLC', address: '2 Sky Rd' }],
  [...BASE.slice(1), { name: 'Alpha Photonics Co., Ltd.', address: '1 Light Rd' }, { name: 'Beta Drones LLC', address: '2 Sky Rd' }, { name: 'Gamma Semiconductor Ltd', address: '3 Chip Rd' }],
  [...BASE.slice(1), { name: 'Alpha Photonics Co., Ltd.', address: '1 Light Rd' }, { name: 'Beta Drones LLC', address: '2 Sky Rd' }, { name: 'Gamma Semiconductor Ltd', address: '3 Chip Rd' }, { name: 'Delta Avionics JSC', address: '4 Wing Rd' }],
];

describeStores('several instances', (ctx) => {
  let csl: FakeServer;
  let route: ReturnType<typeof snapshotRoute>;
  let slack: FakeSlack;
  const proxies: SlackProxy[] = [];
  const workers: Worker[] = [];
  let lastCounts: unknown = null;

  beforeEach(async () => {
    onTestFailed(() => {
      process.stderr.write(`--- outbox: ${JSON.stringify(lastCounts)}; Slack posts: ${slack.posts.length}\n`);
    });
    csl = await startFakeServer();
    route = snapshotRoute();
    route.serve(cslJson(BASE));
    csl.route('GET', '/consolidated.json', route.handler);
    slack = await startFakeSlack();
  });
  afterEach(async () => {
    for (const w of workers.splice(0)) await w.stop();
    for (const p of proxies.splice(0)) await p.close();
    await slack.close();
    await csl.close();
  });

  async function worker(name: string, behaviour: ProxyBehaviour, env: Record<string, string> = {}): Promise<Worker> {
    const proxy = await startSlackProxy(slack.apiUrl, behaviour);
    proxies.push(proxy);
    const w = startWorker(name, {
      ENTITYWATCH_DB: ctx.url,
      CSL_URL: `${csl.url}/consolidated.json`,
      POLL_SCHEDULE: '*/1 * * * * *',
      SLACK_BOT_TOKEN: FAKE_BOT_TOKEN,
      SLACK_SIGNING_SECRET: '0123456789abcdef0123456789abcdef',
      SLACK_PORT: '0',
      SLACK_HOST: '127.0.0.1',
      SLACK_ALERT_CHANNELS: CHANNELS.join(','),
      SLACK_API_URL: proxy.apiUrl,
      DELIVERY_BACKOFF_BASE_SECONDS: '1',
      ...env,
    });
    workers.push(w);
    // On failure, what each worker said: the last lines of its log.
    onTestFailed(() => {
      const lines = w.log().split('\n').filter((l) => !/"status":"not-modified"|poll skipped/.test(l));
      process.stderr.write(`--- worker ${name} (log without routine polls)\n${lines.slice(-40).join('\n')}\n`);
    });
    return w;
  }

  /** Every stored delivery sent (none pending or in flight), and `names` each posted to every channel. */
  async function delivered(store: Store, names: readonly string[]): Promise<boolean> {
    const counts = await store.deliveryCounts();
    lastCounts = counts;
    if (counts.pending > 0 || counts.sending > 0 || counts.failed > 0) return false;
    return names.every((name) => CHANNELS.every((channel) => postsNaming(channel, name) > 0));
  }

  function postsNaming(channel: string, name: string): number {
    return slack.posts.filter((p) => p.channel === channel && JSON.stringify([p.text, p.blocks]).includes(name)).length;
  }

  /** Posts per (channel, alert id), main messages only. */
  function postsByAlert(): Map<string, number> {
    const counts = new Map<string, number>();
    for (const p of slack.posts) {
      if (p.metadata?.event_payload.part !== 0) continue;
      const key = `${p.channel}/${String(p.metadata.event_payload.alert_id)}`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    return counts;
  }

  async function expectEachAlertOnce(): Promise<void> {
    const alerts = (await ctx.store.listAlerts(100)).map((r) => r.alert);
    expect(alerts.filter((a) => a.kind === 'source-health')).toEqual([]);
    const expected = new Map(alerts.flatMap((a) => CHANNELS.map((c): [string, number] => [`${c}/${a.id}`, 1])));
    expect(postsByAlert()).toEqual(expected);
    expect(slack.posts.filter((p) => /needs attention|recovered/i.test(p.text))).toEqual([]);
  }

  it('two workers on one database post every alert exactly once, with no source-health alert', async () => {
    await worker('a', { delayMs: (n) => (n % 3 === 0 ? 1500 : 0) });
    await worker('b', { delayMs: (n) => (n % 2 === 0 ? 700 : 0) });
    await until(async () => (await ctx.store.getSourceState('csl'))?.lastSuccessAt != null, 'the baseline');
    // What each step announces; the removal waits for a download that confirms it (src/core/removals.ts),
    // so it is announced with step 3 or on its own, whichever download confirms it first.
    const announced = [['Alpha Photonics', 'Beta Drones'], ['Gamma Semiconductor'], ['Delta Avionics', REMOVED]];
    for (const [i, rows] of STEPS.entries()) {
      route.serve(cslJson(rows));
      await until(() => delivered(ctx.store, announced[i]!), `step ${i + 1} delivered`);
    }
    await expectEachAlertOnce();
    const changes = (await ctx.store.listAlerts(100)).flatMap((r) => (r.alert.kind === 'designations' ? r.alert.changes.map((c) => `${c.kind} ${c.key}`) : []));
    expect(changes.sort()).toEqual(
      [...['Alpha Photonics Co., Ltd.', 'Beta Drones LLC', 'Gamma Semiconductor Ltd', 'Delta Avionics JSC'].map((n) => `added ${keyOf(n)}`), `removed ${keyOf(REMOVED)}`].sort(),
    );
    // No change announced twice: each name is in one post per channel.
    for (const name of announced.flat()) {
      for (const channel of CHANNELS) expect(postsNaming(channel, name)).toBe(1);
    }
    expect(slack.unexpected).toEqual([]);
  }, 90_000);

  it('a worker killed with SIGKILL mid-delivery: the other finishes, nothing lost or repeated', async () => {
    let held: Worker | null = null;
    const holdFirst = (self: () => Worker): ProxyBehaviour => ({
      hold: () => held === null,
      onHold: () => {
        held = self();
        held.child.kill('SIGKILL');
      },
    });
    const env = { DELIVERY_LEASE_SECONDS: '3' };
    const a: Worker = await worker('a', holdFirst(() => a), env);
    const b: Worker = await worker('b', holdFirst(() => b), env);
    await until(async () => (await ctx.store.getSourceState('csl'))?.lastSuccessAt != null, 'the baseline');
    route.serve(cslJson(STEPS[0]!));
    await until(() => held !== null, 'a post to hold');
    expect(await held!.exited).toBeNull(); // killed by signal, no exit code
    await until(() => delivered(ctx.store, ['Alpha Photonics', 'Beta Drones']), 'the survivor to settle every delivery');
    await expectEachAlertOnce();
    const survivor = held === a ? b : a;
    expect(survivor.log()).toContain('interrupted delivery had arrived; recorded');
  }, 90_000);
});
