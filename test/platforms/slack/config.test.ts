import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../../src/errors.js';
import { redactedSlackConfig, slackConfigFromEnv } from '../../../src/platforms/slack/config.js';

const SECRET = '8f742231b10e8888abcd99eeeeee85a5';

describe('slackConfigFromEnv', () => {
  it('is null when no SLACK_* variable is set (blank counts as unset)', () => {
    expect(slackConfigFromEnv({ WEBHOOK_URLS: 'https://x.example', SLACK_BOT_TOKEN: '  ' })).toBeNull();
  });

  it('reads HTTP mode with defaults', () => {
    expect(slackConfigFromEnv({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: SECRET, SLACK_ALERT_CHANNELS: 'C0AAA, C0BBB,C0AAA' })).toEqual({
      botToken: 'xoxb-1', signingSecret: SECRET, appToken: null, mode: 'http', port: 3000, host: null,
      alertChannels: ['C0AAA', 'C0BBB'], adminUserIds: [], apiUrl: null,
    });
  });

  it('reads Socket Mode, admin ids, port and API URL', () => {
    expect(slackConfigFromEnv({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xapp-1', SLACK_ADMIN_USER_IDS: 'U0ADMIN,W0BOSS', SLACK_PORT: '8080', SLACK_API_URL: 'http://127.0.0.1:9/api' })).toMatchObject({
      mode: 'socket', appToken: 'xapp-1', signingSecret: null, port: 8080, adminUserIds: ['U0ADMIN', 'W0BOSS'], apiUrl: 'http://127.0.0.1:9/api',
    });
  });

  it.each([
    [{ SLACK_SIGNING_SECRET: SECRET }, /SLACK_BOT_TOKEN: required when SLACK_SIGNING_SECRET is set/],
    [{ SLACK_ALERT_CHANNELS: 'C0AAA' }, /SLACK_BOT_TOKEN: required/],
    [{ SLACK_BOT_TOKEN: 'xoxb-1' }, /SLACK_SIGNING_SECRET: required in HTTP mode/],
    [{ SLACK_BOT_TOKEN: 'xoxp-user', SLACK_SIGNING_SECRET: SECRET }, /SLACK_BOT_TOKEN: must be a bot token/],
    [{ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: SECRET, SLACK_ALERT_CHANNELS: '#general' }, /SLACK_ALERT_CHANNELS.*must be channel ids/],
    [{ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: SECRET, SLACK_PORT: 'http' }, /SLACK_PORT/],
    [{ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xoxb-2' }, /SLACK_APP_TOKEN: must be an app-level token/],
  ])('names the variable when half-configured or wrong: %j', (env, message) => {
    expect(() => slackConfigFromEnv(env)).toThrow(ConfigError);
    expect(() => slackConfigFromEnv(env)).toThrow(message);
  });

  it('redacts tokens and secret', () => {
    const config = slackConfigFromEnv({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: SECRET })!;
    expect(JSON.stringify(redactedSlackConfig(config))).not.toMatch(/xoxb-1|8f74/);
  });
});
