/**
 * Start Slack beside the worker: check the bot token, learn the alert channels, then serve
 * commands over HTTP (POST /slack/events on SLACK_PORT, every request's signature checked) or
 * Socket Mode (SLACK_APP_TOKEN).
 *
 *   const slack = slackConfigFromEnv(process.env);
 *   const platform = slack ? await startSlackPlatform(app.platformDeps, slack) : null;
 *   …
 *   await platform?.stop();
 *
 * The Slack notifier that delivers alerts is the app's (deps.notifiers, id "slack"), so a watch
 * command's new channel reaches the deliverer's notifier; without one, test alerts use a private one.
 */
import { ConfigError, describeError } from '../../errors.js';
import { slackErrorCode } from '../../notifiers/slack/errors.js';
import { createSlackNotifier, isSlackNotifier, slackRuleChannels, slackWebClient, type SlackNotifier } from '../../notifiers/slack/index.js';
import type { PlatformDeps } from '../deps.js';
import { createSlackApp, EVENTS_PATH } from './app.js';
import type { SlackConfig } from './config.js';

export interface SlackPlatform {
  /** HTTP mode: the events URL actually listened on (port 0 resolved); null in Socket Mode. */
  eventsUrl: string | null;
  stop(): Promise<void>;
}

/** Token errors no retry can fix: refuse to start rather than run deaf. */
const BAD_TOKEN = new Set(['invalid_auth', 'not_authed', 'token_revoked', 'account_inactive', 'token_expired']);

export function findSlackNotifier(deps: Pick<PlatformDeps, 'notifiers' | 'store'>, config: SlackConfig): SlackNotifier {
  const existing = deps.notifiers.find(isSlackNotifier);
  if (existing) return existing;
  return createSlackNotifier({ token: config.botToken, apiUrl: config.apiUrl, alertChannels: config.alertChannels, ruleChannels: slackRuleChannels(deps.store) });
}

export async function startSlackPlatform(deps: PlatformDeps, config: SlackConfig, options: { socketPingTimeoutMs?: number } = {}): Promise<SlackPlatform> {
  const { log } = deps;
  try {
    const auth = await slackWebClient(config.botToken, config.apiUrl).auth.test();
    log.info({ team: auth.team_id, bot: auth.user_id }, 'slack bot token accepted');
  } catch (err) {
    const code = slackErrorCode(err);
    if (code && BAD_TOKEN.has(code)) throw new ConfigError(`SLACK_BOT_TOKEN was refused by Slack (${code}): copy the Bot User OAuth Token again`, { cause: err });
    log.warn({ reason: describeError(err) }, 'slack auth.test failed; starting anyway');
  }
  const notifier = findSlackNotifier(deps, config);
  const channels = await notifier.refreshChannels();
  log.info({ channels: channels.map((c) => c.id) }, 'slack alert channels');
  // Build the name index now, so the first /entity does not pay for it.
  void deps.lookupIndex().catch((err: unknown) => log.warn({ reason: describeError(err) }, 'lookup index build failed'));

  const bolt = createSlackApp({ ...deps, config, notifier, socketPingTimeoutMs: options.socketPingTimeoutMs });
  if (config.mode === 'socket') {
    await bolt.start();
    log.info('slack connected in Socket Mode');
    return { eventsUrl: null, stop: async () => void (await bolt.stop()) };
  }
  const server = await bolt.start({ port: config.port, ...(config.host ? { host: config.host } : {}) });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const eventsUrl = `http://${config.host ?? 'localhost'}:${port}${EVENTS_PATH}`;
  log.info({ port, path: EVENTS_PATH }, 'slack listening for commands');
  return { eventsUrl, stop: async () => void (await bolt.stop()) };
}
