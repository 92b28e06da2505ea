/**
 * `/entity` through a real Bolt app against the fake Slack: with nothing loaded it refuses
 * rather than say "no match"; once loaded it says what it checked, and warns first when the
 * lists are out of date (the platform's clock a day after the last poll).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { slackConfigFromEnv } from '../../../src/platforms/slack/config.js';
import { startSlackPlatform, type SlackPlatform } from '../../../src/platforms/slack/start.js';
import { seedDesignations } from '../../handlers/context.js';
import { createTestApp, type TestApp } from '../../helpers/app.js';
import { makeDesignation } from '../../helpers/designations.js';
import { FAKE_BOT_TOKEN, startFakeSlack, type FakeSlack } from '../../helpers/fake-slack.js';
import { postSigned, SIGNING_SECRET, slashCommand } from './signed.js';

const SEEDED = new Date('2026-05-04T09:30:00.000Z');
let clock = SEEDED;

describe('/entity states its basis (Slack over HTTP)', () => {
  let slack: FakeSlack;
  let test: TestApp;
  let platform: SlackPlatform;
  let seq = 0;

  beforeAll(async () => {
    slack = await startFakeSlack();
    const config = slackConfigFromEnv({
      SLACK_BOT_TOKEN: FAKE_BOT_TOKEN, SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_PORT: '0', SLACK_HOST: '127.0.0.1', SLACK_API_URL: slack.apiUrl, SLACK_ALERT_CHANNELS: 'C0ALERTS',
    })!;
    test = await createTestApp({}, { notifiers: [] });
    platform = await startSlackPlatform({ ...test.app.platformDeps, now: () => clock }, config);
  });
  afterAll(async () => {
    await platform?.stop();
    await test?.close();
    expect(slack.unexpected).toEqual([]);
    await slack.close();
  });

  async function entity(text: string): Promise<{ text: string; blocks: unknown[] }> {
    const id = `r${++seq}`;
    const res = await postSigned(platform.eventsUrl!, slashCommand('/entity', text, { user: 'U0MEMBER', channel: 'C0COMPLY', responseUrl: slack.responseUrl(id) }));
    expect(res.status).toBe(200);
    for (let i = 0; i < 250; i++) {
      const reply = slack.responses.get(id)?.[0];
      if (reply) return reply as { text: string; blocks: unknown[] };
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    throw new Error('no response');
  }

  it('refuses on an empty store instead of answering "no match"', async () => {
    const reply = await entity('Hikvision');
    expect(reply.text).toBe('The lists are not loaded yet: run `entitywatch poll`. Nothing was checked.');
    expect(JSON.stringify(reply.blocks)).not.toContain('No match');
  });

  it('says what it was checked against', async () => {
    await seedDesignations(test.app.store, [makeDesignation({ name: 'Hangzhou Hikvision Digital Technology Co., Ltd.', list: 'EL', aliases: ['Hikvision'] })]);
    const reply = await entity('Completely Unrelated Bakery');
    expect(reply.text).toBe('No match for “Completely Unrelated Bakery” on any list.');
    expect(reply.blocks.at(-1)).toEqual({
      type: 'context',
      elements: [{ type: 'mrkdwn', text: 'Checked against 1 designation on 1 list (csl as of 2026-05-04 09:30 UTC).', verbatim: true }],
    });
  });

  it('leads with a warning when the last successful poll is older than STALE_AFTER_PERIODS × the schedule', async () => {
    clock = new Date(SEEDED.getTime() + 24 * 3600_000);
    const reply = await entity('Hikvision');
    expect(reply.text).toBe('1 match for “Hikvision” (lists out of date)');
    // Default schedule: every 15 minutes, 3 periods, plus 30 s of jitter.
    expect(reply.blocks[0]).toEqual({
      type: 'section',
      text: {
        type: 'mrkdwn',
        text: ':warning: *WARNING: out of date — csl (last updated 2026-05-04 09:30 UTC): its last successful poll was more than 46 minutes ago. A designation made since then is not in this answer; run `entitywatch status`.*',
        verbatim: true,
      },
    });
  });
});
