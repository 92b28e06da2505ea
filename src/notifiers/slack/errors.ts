/**
 * Slack Web API failures → DeliveryError, with a message an admin can act on.
 *
 * Retryable: 429 (Retry-After honoured), HTTP 5xx, network errors, Slack's own transient
 * errors. Permanent: everything that needs a person — a wrong channel, an archived channel,
 * a missing scope, a revoked token — so the deliverer stops and `status` shows why.
 */
import { ErrorCode, type WebAPICallError } from '@slack/web-api';
import { DeliveryError } from '../../errors.js';

/** Slack error codes that clear up by themselves. */
const TRANSIENT = new Set(['ratelimited', 'internal_error', 'fatal_error', 'service_unavailable', 'request_timeout', 'team_added_to_org']);

/** What an admin must do, per Slack error code. */
const ADVICE: Record<string, string> = {
  channel_not_found: 'the channel does not exist or the app cannot see it (for a private channel, invite the app first)',
  is_archived: 'the channel is archived: unarchive it, or remove it from SLACK_ALERT_CHANNELS and its watch rules',
  not_in_channel: 'the app is not a member of the channel: type `/invite @entitywatch` there',
  missing_scope: 'the bot token lacks a scope: reinstall the app from slack-app-manifest.yaml',
  invalid_auth: 'SLACK_BOT_TOKEN is not valid: copy the Bot User OAuth Token again',
  not_authed: 'no SLACK_BOT_TOKEN was sent',
  token_revoked: 'SLACK_BOT_TOKEN was revoked: reinstall the app and set the new token',
  account_inactive: 'the app was uninstalled or its token deactivated: reinstall the app',
  restricted_action: 'a workspace setting forbids the app to post in this channel',
  msg_too_long: 'Slack refused the message as too long (a bug in entitywatch: please report it)',
  invalid_blocks: 'Slack refused the message blocks (a bug in entitywatch: please report it)',
};

function isWebApiError(err: unknown): err is WebAPICallError {
  return err instanceof Error && 'code' in err && typeof err.code === 'string' && err.code.startsWith('slack_webapi_');
}

/** The Slack error code of a platform error ("channel_not_found"), else null. */
export function slackErrorCode(err: unknown): string | null {
  return isWebApiError(err) && err.code === ErrorCode.PlatformError ? err.data.error : null;
}

/** `what` names the call for the message, e.g. "slack:C0123 chat.postMessage". */
export function toDeliveryError(err: unknown, what: string): DeliveryError {
  if (err instanceof DeliveryError) return err;
  if (!isWebApiError(err)) return new DeliveryError(`${what} failed`, { retryable: true }, { cause: err });
  switch (err.code) {
    case ErrorCode.RateLimitedError:
      return new DeliveryError(`${what}: rate limited by Slack`, { retryable: true, status: 429, retryAfterMs: err.retryAfter * 1000 }, { cause: err });
    case ErrorCode.HTTPError:
      return new DeliveryError(`${what}: Slack answered HTTP ${err.statusCode}`, { retryable: err.statusCode >= 500 || err.statusCode === 408, status: err.statusCode }, { cause: err });
    case ErrorCode.RequestError:
      return new DeliveryError(`${what}: Slack unreachable`, { retryable: true }, { cause: err });
    case ErrorCode.PlatformError: {
      const code = err.data.error;
      const needs: unknown = Reflect.get(err.data, 'needed');
      const needed = typeof needs === 'string' ? ` (needs ${needs})` : '';
      const advice = ADVICE[code] ?? 'Slack refused the call';
      return new DeliveryError(`${what}: ${advice}${needed} [${code}]`, { retryable: TRANSIENT.has(code) }, { cause: err });
    }
  }
}
