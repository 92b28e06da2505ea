/**
 * Discord REST failures → DeliveryError, with messages an admin can act on.
 *
 * Retryable: a rate limit handed back by the REST queue (RateLimitError, with retryAfterMs),
 * 429, 5xx (after the REST client's own retries), timeouts and network errors. Permanent: a
 * channel the bot cannot see or post in (403: 50001 Missing Access, 50013 Missing Permissions),
 * a channel that does not exist (404: 10003 Unknown Channel), a bad token (401), and any other
 * 4xx (the request itself is wrong; sending it again would not help).
 */
import { DiscordAPIError, HTTPError, RateLimitError } from '@discordjs/rest';
import { DeliveryError } from '../../errors.js';

/** Discord JSON error codes the notifier treats specially. */
export const DISCORD_CODES = {
  unknownChannel: 10003,
  unknownMessage: 10008,
  missingAccess: 50001,
  missingPermissions: 50013,
  /** "A thread has already been created for this message". */
  threadAlreadyCreated: 160004,
} as const;

const ADMIN_HINTS: Record<number, string> = {
  [DISCORD_CODES.missingAccess]:
    'the bot cannot see this channel (Missing Access): add the bot to the channel, or give it View Channel',
  [DISCORD_CODES.missingPermissions]:
    'the bot lacks a permission in this channel (Missing Permissions): it needs Send Messages, Embed Links, Create Public Threads and Send Messages in Threads',
  [DISCORD_CODES.unknownChannel]: 'the channel does not exist (Unknown Channel): check DISCORD_ALERT_CHANNELS or remove its watch rules',
};

export function isDiscordCode(err: unknown, code: number): boolean {
  return err instanceof DiscordAPIError && err.code === code;
}

/** True when the failure is about the channel (permissions, existence), not the request or Discord. */
export function isChannelProblem(err: unknown): boolean {
  return err instanceof DiscordAPIError && typeof err.code === 'number' && err.code in ADMIN_HINTS;
}

export function toDeliveryError(err: unknown, channelLabel: string): DeliveryError {
  if (err instanceof DeliveryError) return err;
  if (err instanceof RateLimitError) {
    return new DeliveryError(`${channelLabel}: rate limited by Discord for ${Math.ceil(err.retryAfter / 1000)} s`, { retryable: true, status: 429, retryAfterMs: err.retryAfter }, { cause: err });
  }
  if (err instanceof DiscordAPIError) {
    const hint = typeof err.code === 'number' ? ADMIN_HINTS[err.code] : undefined;
    if (hint) return new DeliveryError(`${channelLabel}: ${hint}`, { retryable: false, status: err.status }, { cause: err });
    if (err.status === 401) return new DeliveryError(`${channelLabel}: Discord refused the bot token (401): check DISCORD_TOKEN`, { retryable: false, status: 401 }, { cause: err });
    const retryable = err.status === 429 || err.status >= 500;
    return new DeliveryError(`${channelLabel}: Discord answered ${err.status} (code ${err.code})`, { retryable, status: err.status }, { cause: err });
  }
  if (err instanceof HTTPError) {
    return new DeliveryError(`${channelLabel}: Discord answered HTTP ${err.status}`, { retryable: err.status === 429 || err.status >= 500 || err.status === 408, status: err.status }, { cause: err });
  }
  return new DeliveryError(`${channelLabel}: Discord unreachable`, { retryable: true }, { cause: err });
}
