/**
 * A long Federal Register early warning through the real app and the real Slack notifier against
 * the fake Slack API: the channel gets a summary, the thread every name — none cut, none "+N more".
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSlackNotifier } from '../../src/notifiers/slack/index.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { FAKE_BOT_TOKEN, startFakeSlack, type FakeSlack } from '../helpers/fake-slack.js';
import { startFakeFederalRegister, type FakeFederalRegister } from '../helpers/federal-register.js';

const NAMES = Array.from({ length: 120 }, (_, i) => `Example Quantum Company ${String(i + 1).padStart(3, '0')} Co., Ltd.`);

/** A filing's plain text whose instruction adds 120 entities under China and removes one under Pakistan (invented). */
function filingText(): string {
  const quoted = NAMES.map((name) => `“${name}”`);
  return [
    'Additions to the Entity List',
    '1. Supplement no. 4 to part 744 is amended:',
    `a. Under CHINA, PEOPLE’S REPUBLIC OF, by adding, in alphabetical order, entries for ${quoted.slice(0, -1).join(', ')} and ${quoted.at(-1)}; and`,
    'b. Under PAKISTAN, by removing the entry for “Example Removed Engineering (Pvt.) Ltd.”.',
  ].join('\n\n');
}

describe('a long early warning on Slack', () => {
  let fr: FakeFederalRegister;
  let slack: FakeSlack;
  let t: TestApp;

  beforeEach(async () => {
    fr = await startFakeFederalRegister();
    slack = await startFakeSlack();
    t = await createTestApp(
      { ENABLED_SOURCES: 'federal-register', FEDREG_API_URL: fr.url, CONSOLE_ALERTS: 'off' },
      { notifiers: [createSlackNotifier({ token: FAKE_BOT_TOKEN, apiUrl: slack.apiUrl, alertChannels: ['C0ALERTS'], timeoutMs: 5000 })] },
    );
  });
  afterEach(async () => {
    expect(fr.server.unexpected).toEqual([]);
    expect(slack.unexpected).toEqual([]);
    await t.close();
    await slack.close();
    await fr.close();
  });

  it('posts a summary in the channel and every name, grouped, in its thread', async () => {
    fr.filings([]);
    fr.documents([]);
    await t.app.pollAll();
    fr.filings([{ documentNumber: '2024-12345', title: 'Additions to the Entity List', text: filingText() }]);
    await t.app.pollAll();
    await t.app.deliverer.drain();

    const [main, ...replies] = slack.posts;
    expect(main?.thread_ts).toBeUndefined();
    expect(replies.length).toBeGreaterThan(0);
    expect(replies.every((reply) => reply.thread_ts === main!.ts)).toBe(true);
    const text = JSON.stringify(slack.posts.map((post) => post.blocks));
    for (const name of NAMES) expect(text).toContain(`• ${name}`);
    expect(text).toContain('*Added to the Entity List — China (120):*');
    expect(text).toContain('*Removed from the Entity List — Pakistan (1):*');
    expect(text).not.toMatch(/\+\d+ more/);
  });
});
