/**
 * Helpers for the Discord interaction tests: an Ed25519 key pair standing in for the
 * application's, signed POSTs to the endpoint, and interaction payloads as Discord sends them.
 */
import { generateKeyPairSync, sign } from 'node:crypto';

export interface TestKeys {
  /** Raw 32-byte public key as hex, as the Developer Portal shows it. */
  publicKeyHex: string;
  sign(timestamp: string, body: string): string;
}

export function testKeys(): TestKeys {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const x = publicKey.export({ format: 'jwk' }).x;
  if (!x) throw new Error('no raw key in JWK');
  return {
    publicKeyHex: Buffer.from(x, 'base64url').toString('hex'),
    sign: (timestamp, body) => sign(null, Buffer.from(timestamp + body), privateKey).toString('hex'),
  };
}

export function nowSeconds(): string {
  return String(Math.floor(Date.now() / 1000));
}

/** POST a body to the endpoint with the given signature headers (omitted when null). */
export async function postInteraction(url: string, body: string, headers: { signature: string | null; timestamp: string | null }): Promise<{ status: number; json: unknown }> {
  const h: Record<string, string> = { 'content-type': 'application/json' };
  if (headers.signature !== null) h['x-signature-ed25519'] = headers.signature;
  if (headers.timestamp !== null) h['x-signature-timestamp'] = headers.timestamp;
  const response = await fetch(`${url}/interactions`, { method: 'POST', headers: h, body });
  const text = await response.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = text;
  }
  return { status: response.status, json };
}

/** POST a correctly signed payload. */
export function postSigned(url: string, keys: TestKeys, payload: unknown): Promise<{ status: number; json: unknown }> {
  const body = JSON.stringify(payload);
  const timestamp = nowSeconds();
  return postInteraction(url, body, { signature: keys.sign(timestamp, body), timestamp });
}

export const APP_ID = '111111111111111111';
export const GUILD_ID = '666666666666666666';
export const CHANNEL_ID = '222222222222222222';
export const ADMIN_ID = '777777777777777777';
export const MEMBER_ID = '888888888888888888';

/** Manage Server (0x20) plus ordinary member bits; MEMBER has Send Messages/View Channel only. */
export const ADMIN_PERMISSIONS = String((1n << 5n) | (1n << 10n) | (1n << 11n));
export const MEMBER_PERMISSIONS = String((1n << 10n) | (1n << 11n));

export interface Option {
  name: string;
  type: number;
  value?: string | number | boolean;
  focused?: boolean;
  options?: Option[];
}

let counter = 0;

export function interaction(type: number, data: { name: string; options?: Option[]; resolved?: Record<string, unknown> } | null, who: { userId: string; permissions: string } = { userId: ADMIN_ID, permissions: ADMIN_PERMISSIONS }) {
  counter++;
  return {
    id: String(900000000000000000n + BigInt(counter)),
    application_id: APP_ID,
    type,
    token: `interaction-token-${counter}`,
    version: 1,
    guild_id: GUILD_ID,
    channel_id: CHANNEL_ID,
    channel: { id: CHANNEL_ID, type: 0 },
    member: { user: { id: who.userId, username: 'someone', discriminator: '0', global_name: null, avatar: null }, permissions: who.permissions, roles: [], joined_at: '2024-01-01T00:00:00.000Z', deaf: false, mute: false, flags: 0 },
    // Always present in what Discord sends (discord.js reads them on the gateway).
    app_permissions: '562949953421311',
    locale: 'en-US',
    guild_locale: 'en-US',
    entitlements: [],
    authorizing_integration_owners: { '0': GUILD_ID },
    context: 0,
    attachment_size_limit: 10_485_760,
    ...(data ? { data: { id: '1', type: 1, ...data } } : {}),
  };
}

export const ping = () => ({ id: '1', application_id: APP_ID, type: 1, token: 'ping-token', version: 1 });

export function watch(sub: string, options: Option[] = [], who?: { userId: string; permissions: string }) {
  return interaction(2, { name: 'watch', options: [{ name: sub, type: 1, options }] }, who);
}
