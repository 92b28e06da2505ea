/**
 * Every notifier entitywatch knows, built from config. Console is the default channel: on when
 * CONSOLE_ALERTS=on, or when it is "auto" and no other notifier is configured.
 */
import type { Writable } from 'node:stream';
import type { Logger } from 'pino';
import type { Config } from '../config.js';
import type { Store } from '../../store/types.js';
import { createConsoleNotifier } from './console/index.js';
import { ruleChannelIds } from './rule-channels.js';
import type { Notifier } from './types.js';
import { createWebhookNotifier } from './webhook/index.js';

/** Notifier folders; `discord` also provides the webhook-only `discord-webhook` notifier. */
export const NOTIFIER_IDS = ['console', 'webhook', 'slack', 'discord'] as const;

export interface NotifierEnv {
  /** Where the console notifier prints. */
  stdout: Writable;
  log: Logger;
  /** Chat notifiers read the channels that have watch rules from the store. */
  store: Pick<Store, 'listWatchRules'>;
}


/**
 * The configured notifiers. Chat platform modules (Slack's and Discord's SDKs, ~70 MB and
 * ~0.6 s to load) are imported only when that platform is configured.
 */
export async function buildNotifiers(config: Config, env: NotifierEnv): Promise<Notifier[]> {
  const notifiers: Notifier[] = [];
  if (config.notifiers.webhookUrls.length > 0) {
    notifiers.push(
      createWebhookNotifier({ urls: config.notifiers.webhookUrls, timeoutMs: config.http.timeoutMs, userAgent: config.http.userAgent }),
    );
  }
  if (config.slack) {
    const { createSlackNotifier, slackRuleChannels } = await import('./slack/index.js');
    const slack = createSlackNotifier({
        token: config.slack.botToken,
        apiUrl: config.slack.apiUrl,
        alertChannels: config.slack.alertChannels,
        ruleChannels: slackRuleChannels(env.store),
        timeoutMs: config.http.timeoutMs,
      });
    notifiers.push(Object.assign(slack, { syncChannels: async () => void (await slack.refreshChannels()) }));
  }
  // The bot notifier exists whenever there is a token, even with no alert channels yet:
  // channels added by /watch commands and `/watch test` post through it.
  if (config.discord?.token || config.discord?.webhookUrl) {
    const discordModule = await import('./discord/index.js');
    if (config.discord.token) {
      const discord = discordModule.createDiscordNotifier({
        rest: discordModule.createDiscordRest({ token: config.discord.token, apiUrl: config.discord.apiUrl }),
        channelIds: config.discord.alertChannels,
        log: env.log,
      });
      const syncChannels = async () => discord.syncWatchChannels(await ruleChannelIds(env.store, 'discord:'));
      notifiers.push(Object.assign(discord, { syncChannels }));
    }
    if (config.discord.webhookUrl) {
      notifiers.push(discordModule.createDiscordWebhookNotifier(config.discord.webhookUrl, { timeoutMs: config.http.timeoutMs }));
    }
  }
  const consoleOn = config.notifiers.console === 'on' || (config.notifiers.console === 'auto' && notifiers.length === 0);
  if (consoleOn) notifiers.push(createConsoleNotifier(env.stdout));
  return notifiers;
}
