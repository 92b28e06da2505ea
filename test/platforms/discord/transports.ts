/**
 * The two ways Discord reaches the app, behind one interface, so one table of commands runs over
 * both: the HTTP interactions endpoint (Ed25519-signed POSTs) and the gateway (INTERACTION_CREATE
 * on the stand-in's socket, answered through the REST interaction callback).
 *
 *   const t = await startDiscordTransport('gateway', { app, discord });
 *   const answer = await t.interact(watch('list'));   // { type, data, final, uploads }
 */
import type { App } from '../../../src/index.js';
import type { DiscordConfig } from '../../../src/platforms/discord/config.js';
import { startDiscordPlatform, type DiscordPlatform } from '../../../src/platforms/discord/start.js';
import type { FakeDiscord, FakeRequest } from '../../helpers/fake-discord.js';
import { attachGateway, type FakeGateway } from '../../helpers/fake-discord-gateway.js';
import { APP_ID, postSigned, testKeys } from './interactions-kit.js';

export type TransportName = 'http' | 'gateway';

export const BOT_TOKEN = 'MTIz.fake-token-for-gateway-tests';

export interface Answer {
  /** The interaction response type (4 message, 5 deferred, 8 autocomplete). */
  type: number;
  data: Record<string, unknown>;
  /** A deferred answer's follow-up (the PATCH of @original), else the response data itself. */
  final: Record<string, unknown>;
  /** Files sent with the final answer. */
  uploads: FakeRequest['uploads'];
}

export interface DiscordTransport {
  name: TransportName;
  platform: DiscordPlatform;
  gateway: FakeGateway | null;
  /** Deliver an interaction and wait for its whole answer. */
  interact(payload: { id: string; token: string }): Promise<Answer>;
  /** Deliver without waiting (gateway: the dispatch; HTTP: the POST's JSON). */
  deliver(payload: { id: string; token: string }): Promise<unknown>;
  stop(): Promise<void>;
}

export async function until(check: () => boolean, what: string, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

export async function startDiscordTransport(name: TransportName, options: { app: App; discord: FakeDiscord; heartbeatMs?: number }): Promise<DiscordTransport> {
  const { discord } = options;
  const keys = testKeys();
  const gateway = name === 'gateway' ? attachGateway(discord, { token: BOT_TOKEN, heartbeatMs: options.heartbeatMs ?? 1000, applicationId: APP_ID }) : null;
  const config: DiscordConfig = {
    token: BOT_TOKEN,
    applicationId: APP_ID,
    publicKey: name === 'http' ? keys.publicKeyHex : null,
    interactionsPort: 0,
    interactionsHost: '127.0.0.1',
    alertChannels: [],
    webhookUrl: null,
    apiUrl: discord.apiUrl,
    gateway: name === 'gateway',
  };
  const platform = await startDiscordPlatform(options.app.platformDeps, config, { gatewayBackoffMs: 100, deferAfterMs: 1500 });
  if (gateway) await gateway.waitFor(() => gateway.ready >= 1, 'READY');

  const find = (pred: (r: FakeRequest) => boolean) => discord.interactionReplies.find(pred);
  const isEdit = (token: string) => (r: FakeRequest) => r.method === 'PATCH' && new RegExp(`/webhooks/${APP_ID}/${token}/messages/(@|%40)original$`).test(r.path);

  async function followUp(token: string, response: { type: number; data?: Record<string, unknown> }): Promise<Answer> {
    const data = response.data ?? {};
    if (response.type !== 5) return { type: response.type, data, final: data, uploads: [] };
    await until(() => find(isEdit(token)) !== undefined, 'the deferred answer');
    const edit = find(isEdit(token))!;
    return { type: 5, data, final: edit.body as Record<string, unknown>, uploads: edit.uploads };
  }

  const transport: DiscordTransport = {
    name,
    platform,
    gateway,
    async deliver(payload) {
      if (gateway) return gateway.dispatch('INTERACTION_CREATE', payload);
      return (await postSigned(platform.interactionsUrl!, keys, payload)).json;
    },
    async interact(payload) {
      if (!gateway) {
        const { status, json } = await postSigned(platform.interactionsUrl!, keys, payload);
        if (status !== 200) throw new Error(`HTTP ${status}: ${JSON.stringify(json)}`);
        return followUp(payload.token, json as { type: number; data?: Record<string, unknown> });
      }
      gateway.dispatch('INTERACTION_CREATE', payload);
      const isCallback = (r: FakeRequest) => r.method === 'POST' && r.path.startsWith(`/api/v10/interactions/${payload.id}/${payload.token}/callback`);
      await until(() => find(isCallback) !== undefined, `the callback for interaction ${payload.id}`);
      const callback = find(isCallback)!;
      return followUp(payload.token, callback.body as { type: number; data?: Record<string, unknown> });
    },
    async stop() {
      await platform.stop();
      await gateway?.close();
    },
  };
  return transport;
}
