import { WebClient } from '@slack/web-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../../src/log.js';
import { createAdminCheck } from '../../../src/platforms/slack/admin.js';
import { FAKE_BOT_TOKEN, startFakeSlack, type FakeSlack } from '../../helpers/fake-slack.js';

describe('Slack admin check: made when the command runs, from users.info', () => {
  let slack: FakeSlack;
  beforeAll(async () => {
    slack = await startFakeSlack();
  });
  afterAll(async () => {
    expect(slack.unexpected).toEqual([]);
    await slack.close();
  });

  it('a workspace owner demoted in Slack is refused within a minute (the cache); a listed id never asks Slack', async () => {
    let now = 0;
    const check = createAdminCheck(new WebClient(FAKE_BOT_TOKEN, { slackApiUrl: slack.apiUrl }), ['U0LISTED'], silentLogger(), () => now);
    slack.users.set('U0OWNER', { is_owner: true });
    expect(await check('U0OWNER')).toBe(true);
    slack.users.set('U0OWNER', {});
    now += 30_000;
    expect(await check('U0OWNER')).toBe(true);
    now += 31_000;
    expect(await check('U0OWNER')).toBe(false);
    expect(await check('U0LISTED')).toBe(true);
    expect(slack.calls.filter((c) => c.method === 'users.info').map((c) => c.args.user)).toEqual(['U0OWNER', 'U0OWNER']);
  });

  it('a failed users.info refuses (the safe side)', async () => {
    slack.fail('users.info', { error: 'missing_scope', needed: 'users:read' });
    const check = createAdminCheck(new WebClient(FAKE_BOT_TOKEN, { slackApiUrl: slack.apiUrl, retryConfig: { retries: 0 } }), [], silentLogger());
    slack.users.set('U0ADMIN', { is_admin: true });
    expect(await check('U0ADMIN')).toBe(false);
  });
});
