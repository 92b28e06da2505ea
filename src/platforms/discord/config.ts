/**
 * Discord settings, read from DISCORD_* variables. `discordConfigFromEnv` returns null when no
 * Discord variable is set, and throws ConfigError naming the variable when the set is half done.
 *
 *   DISCORD_TOKEN=…                     bot token: gateway, REST alerts, `discord deploy`
 *   DISCORD_APPLICATION_ID=…            application id (deploy; read from the API when absent)
 *   DISCORD_PUBLIC_KEY=<64 hex>         turns on the HTTP interactions endpoint
 *   DISCORD_INTERACTIONS_PORT=8788      its port (host: DISCORD_INTERACTIONS_HOST, default 0.0.0.0)
 *   DISCORD_ALERT_CHANNELS=123,456      channel ids that receive every alert (needs the token)
 *   DISCORD_WEBHOOK_URL=https://discord.com/api/webhooks/…   webhook-only mode: no bot needed
 *   DISCORD_API_URL=https://discord.com/api                  REST base (tests, proxies)
 *   DISCORD_GATEWAY=on|off              connect to the gateway when a token is set (default on)
 */
import { z } from 'zod';
import { ConfigError } from '../../errors.js';

const snowflake = z.string().regex(/^\d{15,25}$/, 'must be a Discord id (digits)');

const csvIds = z
  .string()
  .optional()
  .transform((value) => (value ?? '').split(',').map((item) => item.trim()).filter(Boolean))
  .pipe(z.array(snowflake));

/** The DISCORD_* variables; names are the env names so a problem names the variable. */
export const DiscordEnv = z.object({
  DISCORD_TOKEN: z.string().min(20, 'does not look like a bot token').optional(),
  DISCORD_APPLICATION_ID: snowflake.optional(),
  DISCORD_PUBLIC_KEY: z.string().regex(/^[0-9a-fA-F]{64}$/, 'must be the 64-hex-digit public key from the Developer Portal').optional(),
  DISCORD_INTERACTIONS_PORT: z.coerce.number().int().min(1).max(65535).optional(),
  DISCORD_INTERACTIONS_HOST: z.string().min(1).default('0.0.0.0'),
  DISCORD_ALERT_CHANNELS: csvIds,
  DISCORD_WEBHOOK_URL: z.url({ protocol: /^https?$/ }).optional(),
  DISCORD_API_URL: z.url({ protocol: /^https?$/ }).default('https://discord.com/api'),
  DISCORD_GATEWAY: z.enum(['on', 'off']).default('on'),
});

export interface DiscordConfig {
  /** Bot token; null in webhook-only or HTTP-interactions-only setups. Redacted in logs ("*.token"). */
  token: string | null;
  /** Application id; null when not given (deploy reads it from the API with the token). */
  applicationId: string | null;
  /** Hex Ed25519 key that signs interactions; null = no HTTP interactions endpoint. */
  publicKey: string | null;
  interactionsPort: number;
  interactionsHost: string;
  /** Channel ids (snowflakes) that receive alerts from config; watch commands add more. */
  alertChannels: string[];
  /** Webhook-only mode: alerts are posted here. Holds a secret (the webhook token). */
  webhookUrl: string | null;
  /** REST base without the version, e.g. "https://discord.com/api". */
  apiUrl: string;
  /** Whether to log in to the gateway when a token is set. */
  gateway: boolean;
}

/** Default port of the HTTP interactions endpoint. */
export const DEFAULT_INTERACTIONS_PORT = 8788;

function fail(variable: string, message: string): never {
  throw new ConfigError(`invalid configuration — ${variable}: ${message}`);
}

export function discordConfigFromEnv(env: Record<string, string | undefined>): DiscordConfig | null {
  const set = Object.fromEntries(Object.entries(env).filter(([name, value]) => name.startsWith('DISCORD_') && value !== undefined && value !== ''));
  if (Object.keys(set).length === 0) return null;
  const parsed = DiscordEnv.safeParse(set);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.') || '(env)'}: ${issue.message}`);
    throw new ConfigError(`invalid configuration — ${problems.join('; ')}`);
  }
  const e = parsed.data;
  if (e.DISCORD_ALERT_CHANNELS.length > 0 && !e.DISCORD_TOKEN) {
    fail('DISCORD_TOKEN', 'DISCORD_ALERT_CHANNELS needs a bot token to post (or use DISCORD_WEBHOOK_URL alone)');
  }
  if (e.DISCORD_INTERACTIONS_PORT !== undefined && !e.DISCORD_PUBLIC_KEY) {
    fail('DISCORD_PUBLIC_KEY', 'DISCORD_INTERACTIONS_PORT is set but the endpoint cannot verify requests without the public key');
  }
  if (!e.DISCORD_TOKEN && !e.DISCORD_WEBHOOK_URL && !e.DISCORD_PUBLIC_KEY) {
    fail('DISCORD_TOKEN', 'Discord settings are present but none of DISCORD_TOKEN, DISCORD_WEBHOOK_URL or DISCORD_PUBLIC_KEY is set');
  }
  return {
    token: e.DISCORD_TOKEN ?? null,
    applicationId: e.DISCORD_APPLICATION_ID ?? null,
    publicKey: e.DISCORD_PUBLIC_KEY?.toLowerCase() ?? null,
    interactionsPort: e.DISCORD_INTERACTIONS_PORT ?? DEFAULT_INTERACTIONS_PORT,
    interactionsHost: e.DISCORD_INTERACTIONS_HOST,
    alertChannels: e.DISCORD_ALERT_CHANNELS,
    webhookUrl: e.DISCORD_WEBHOOK_URL ?? null,
    apiUrl: e.DISCORD_API_URL.replace(/\/+$/, ''),
    gateway: e.DISCORD_GATEWAY === 'on',
  };
}
