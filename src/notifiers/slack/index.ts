/**
 * Slack notifier: posts each alert to every Slack alert channel with Block Kit (render.ts).
 *
 *   const slack = createSlackNotifier({ token, apiUrl, alertChannels: ['C0123'], ruleChannels: slackRuleChannels(store) });
 *   await slack.refreshChannels();   // SLACK_ALERT_CHANNELS + channels that have Slack watch rules
 *
 * Channels are "slack:<channel id>". Every message carries the delivery's idempotency key in
 * Slack message metadata; before posting, the channel's recent history is searched for it
 * (lookup.ts), so a retry or a restart completes a delivery rather than repeating it
 * (recovery 'lookup'). Unfurls and link names are off; source text is escaped (mrkdwn.ts).
 * The client never retries by itself: a 429 becomes a DeliveryError with Retry-After, and the
 * deliverer waits and retries.
 */
import { WebClient } from '@slack/web-api';
import type { Alert } from '../../core/alert.js';
import type { Store } from '../../../store/types.js';
import type { Channel, DeliveryReceipt, DeliveryRequest, Notifier } from '../types.js';
import { toDeliveryError } from './errors.js';
import { findPosted, METADATA_EVENT_TYPE, type Posted } from './lookup.js';
import { renderSlackAlert, type SlackMessage } from './render.js';
import { ruleChannelIds } from '../rule-channels.js';

export const SLACK_PREFIX = 'slack:';

export interface SlackNotifierOptions {
  /** Bot token (xoxb-…). */
  token: string;
  /** Web API base URL (SLACK_API_URL), default https://slack.com/api/. */
  apiUrl?: string | null;
  /** Channel ids from SLACK_ALERT_CHANNELS ("C0123"). */
  alertChannels: readonly string[];
  /** Channel ids that have Slack watch rules, read on `refreshChannels()`. */
  ruleChannels?: () => Promise<string[]>;
  /** Per-request timeout. */
  timeoutMs?: number;
}

export interface SlackNotifier extends Notifier {
  /** Re-read the rule channels; call after a watch rule changed. Returns the channels now served. */
  refreshChannels(): Promise<Channel[]>;
  /** Post an alert to a Slack channel id now, outside the outbox (`/entitywatch test`). */
  post(alert: Alert, channelId: string): Promise<DeliveryReceipt>;
}

/** "slack:C0123" for a Slack channel id. */
export function slackChannel(id: string): Channel {
  return { id: `${SLACK_PREFIX}${id}`, notifier: 'slack', target: id };
}

/** `ruleChannels` for the options: the Slack channel ids of the store's watch rules ("slack:C0123" → "C0123"). */
export function slackRuleChannels(store: Pick<Store, 'listWatchRules'>): () => Promise<string[]> {
  return () => ruleChannelIds(store, SLACK_PREFIX);
}

/** The Web API base URL with its trailing slash, as WebClient wants it; Slack's when none is given. */
export function slackApiBase(apiUrl?: string | null): string {
  return apiUrl ? `${apiUrl.replace(/\/+$/, '')}/` : 'https://slack.com/api/';
}

/** A client that never retries or waits by itself: failures surface as errors at once. */
export function slackWebClient(token: string, apiUrl?: string | null, timeoutMs = 30_000): WebClient {
  return new WebClient(token, {
    slackApiUrl: slackApiBase(apiUrl),
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
    timeout: timeoutMs,
  });
}

export function isSlackNotifier(notifier: Notifier): notifier is SlackNotifier {
  return notifier.id === 'slack' && 'refreshChannels' in notifier && 'post' in notifier;
}

export function createSlackNotifier(options: SlackNotifierOptions): SlackNotifier {
  const client = slackWebClient(options.token, options.apiUrl, options.timeoutMs);
  let channels = unique(options.alertChannels).map(slackChannel);

  function unique(ids: Iterable<string>): string[] {
    return [...new Set([...ids].map((id) => id.trim()).filter(Boolean))];
  }

  function lookup({ alert, channel, idempotencyKey, threadRemoteId }: DeliveryRequest): Promise<Posted> {
    return findPosted(client, { channel: channel.target, idempotencyKey, createdAt: alert.createdAt, threadTs: threadRemoteId });
  }

  async function postPart(req: DeliveryRequest, message: SlackMessage, part: number, threadTs: string | null): Promise<string> {
    const what = `${req.channel.id} chat.postMessage`;
    try {
      const result = await client.chat.postMessage({
        channel: req.channel.target,
        text: message.text,
        blocks: message.blocks,
        ...(threadTs ? { thread_ts: threadTs } : {}),
        unfurl_links: false,
        unfurl_media: false,
        link_names: false,
        parse: 'none',
        metadata: {
          event_type: METADATA_EVENT_TYPE,
          event_payload: { idempotency_key: req.idempotencyKey, alert_id: req.alert.id, part },
        },
      });
      if (!result.ts) throw new Error('Slack accepted the message but returned no ts');
      return result.ts;
    } catch (err) {
      throw toDeliveryError(err, what);
    }
  }

  async function send(req: DeliveryRequest): Promise<DeliveryReceipt> {
    const { main, thread } = renderSlackAlert(req.alert);
    let posted: Posted;
    try {
      posted = await lookup(req);
    } catch (err) {
      throw toDeliveryError(err, `${req.channel.id} history lookup`);
    }
    const mainTs = posted.mainTs ?? (await postPart(req, main, 0, req.threadRemoteId));
    for (const [i, message] of thread.entries()) {
      if (!posted.parts.has(i + 1)) await postPart(req, message, i + 1, req.threadRemoteId ?? mainTs);
    }
    return { remoteId: mainTs };
  }

  return {
    id: 'slack',
    recovery: 'lookup',
    channels: () => channels,
    send,
    async findDelivered(req) {
      let posted: Posted;
      try {
        posted = await lookup(req);
      } catch (err) {
        throw toDeliveryError(err, `${req.channel.id} history lookup`);
      }
      if (!posted.mainTs) return null;
      // A thread left half-posted is not delivered: `send` completes it without reposting.
      const { thread } = renderSlackAlert(req.alert);
      return thread.every((_, i) => posted.parts.has(i + 1)) ? { remoteId: posted.mainTs } : null;
    },
    async refreshChannels() {
      const fromRules = options.ruleChannels ? await options.ruleChannels() : [];
      channels = unique([...options.alertChannels, ...fromRules]).map(slackChannel);
      return channels;
    },
    post(alert, channelId) {
      const channel = slackChannel(channelId);
      return send({ alert, channel, idempotencyKey: `${alert.id}:${channel.id}`, threadRemoteId: null });
    },
  };
}
