/**
 * The SLACK_* settings. Slack is off when none of them is set; set some, and the ones it needs
 * must be valid, or start-up fails with a ConfigError naming the variable.
 *
 *   SLACK_BOT_TOKEN=xoxb-…            required (chat:write, commands, history, users:read, files:read|write, im:write)
 *   SLACK_SIGNING_SECRET=…            required for HTTP mode: every request's signature is checked
 *   SLACK_APP_TOKEN=xapp-…            optional: Socket Mode instead of HTTP (no public URL needed)
 *   SLACK_PORT=3000                   HTTP mode: port of POST /slack/events;  SLACK_HOST: listen address
 *   SLACK_ALERT_CHANNELS=C0123,C0456  channels that get every alert (watch commands add more)
 *   SLACK_ADMIN_USER_IDS=U0123        who may run /entitywatch, besides workspace admins and owners
 *   SLACK_API_URL=https://slack.com/api/   Web API base URL (tests, proxies)
 *
 *   const slack = slackConfigFromEnv(process.env);   // null: Slack not configured
 */
import { z } from 'zod';
import { ConfigError } from '../../errors.js';

/** A comma-separated list whose items must each match `item`. */
function csvOf(item: z.ZodString) {
  return z
    .string()
    .optional()
    .transform((value) => (value ?? '').split(',').map((part) => part.trim()).filter(Boolean))
    .pipe(z.array(item));
}

const SlackEnv = z.object({
  SLACK_BOT_TOKEN: z.string().startsWith('xoxb-', 'must be a bot token starting with "xoxb-"').optional(),
  SLACK_SIGNING_SECRET: z.string().regex(/^[0-9a-f]{16,}$/i, 'must be the app\'s Signing Secret (hex)').optional(),
  SLACK_APP_TOKEN: z.string().startsWith('xapp-', 'must be an app-level token starting with "xapp-"').optional(),
  SLACK_PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  SLACK_HOST: z.string().min(1).optional(),
  SLACK_ALERT_CHANNELS: csvOf(z.string().regex(/^[CGD][A-Z0-9]{2,}$/, 'must be channel ids such as C0123ABCD')),
  SLACK_ADMIN_USER_IDS: csvOf(z.string().regex(/^[UW][A-Z0-9]{2,}$/, 'must be user ids such as U0123ABCD')),
  SLACK_API_URL: z.url({ protocol: /^https?$/ }).optional(),
});

export interface SlackConfig {
  botToken: string;
  /** HTTP mode's request-signing secret; null in Socket Mode. */
  signingSecret: string | null;
  /** Socket Mode when set. */
  appToken: string | null;
  mode: 'http' | 'socket';
  port: number;
  /** Listen address for HTTP mode; null = every interface. */
  host: string | null;
  alertChannels: string[];
  adminUserIds: string[];
  /** Web API base URL; null = Slack's. */
  apiUrl: string | null;
}

/** Slack settings from the environment: null when no SLACK_* variable is set. Throws ConfigError. */
export function slackConfigFromEnv(env: Record<string, string | undefined>): SlackConfig | null {
  const set = Object.fromEntries(Object.entries(env).filter(([key, value]) => key.startsWith('SLACK_') && value !== undefined && value.trim() !== ''));
  if (Object.keys(set).length === 0) return null;
  const parsed = SlackEnv.safeParse(Object.fromEntries(Object.entries(set).map(([k, v]) => [k, v?.trim()])));
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.') || '(env)'}: ${issue.message}`);
    throw new ConfigError(`invalid Slack configuration — ${problems.join('; ')}`);
  }
  const e = parsed.data;
  if (!e.SLACK_BOT_TOKEN) {
    throw new ConfigError(`invalid Slack configuration — SLACK_BOT_TOKEN: required when ${Object.keys(set).sort().join(', ')} ${Object.keys(set).length === 1 ? 'is' : 'are'} set`);
  }
  if (!e.SLACK_APP_TOKEN && !e.SLACK_SIGNING_SECRET) {
    throw new ConfigError('invalid Slack configuration — SLACK_SIGNING_SECRET: required in HTTP mode (or set SLACK_APP_TOKEN for Socket Mode)');
  }
  return {
    botToken: e.SLACK_BOT_TOKEN,
    signingSecret: e.SLACK_SIGNING_SECRET ?? null,
    appToken: e.SLACK_APP_TOKEN ?? null,
    mode: e.SLACK_APP_TOKEN ? 'socket' : 'http',
    port: e.SLACK_PORT,
    host: e.SLACK_HOST ?? null,
    alertChannels: [...new Set(e.SLACK_ALERT_CHANNELS)],
    adminUserIds: [...new Set(e.SLACK_ADMIN_USER_IDS)],
    apiUrl: e.SLACK_API_URL ?? null,
  };
}

/** The config safe to log or print: tokens and secret replaced. */
export function redactedSlackConfig(config: SlackConfig): SlackConfig {
  const hide = (value: string | null) => (value === null ? null : '[redacted]');
  return { ...config, botToken: '[redacted]', signingSecret: hide(config.signingSecret), appToken: hide(config.appToken) };
}
