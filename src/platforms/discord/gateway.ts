/**
 * The gateway connection (discord.js Client): receives interactions when no HTTP endpoint is
 * configured, and shows the bot online. Alerts never depend on it (they go through REST).
 *
 *   const gateway = startGateway({ token, apiUrl, log, onInteraction: (raw) => … });
 *   await gateway.stop();
 *
 * A login that fails (network, Discord down, bad token) is logged and tried again with
 * exponential backoff, on a fresh Client each time; nothing here throws into the caller. Once
 * connected, discord.js reconnects and resumes by itself. Interactions are handed over raw
 * (the API payload) so the gateway and the HTTP endpoint share one dispatcher.
 */
import { Client, Events, GatewayDispatchEvents, GatewayIntentBits } from 'discord.js';
import type { Logger } from 'pino';

export interface GatewayOptions {
  token: string;
  /** REST base the Client uses (DISCORD_API_URL), e.g. "https://discord.com/api". */
  apiUrl: string;
  log: Logger;
  /** Called with each INTERACTION_CREATE payload; errors are the callee's to handle. */
  onInteraction(payload: unknown): void;
  /** First retry delay (default 5 s); doubles up to `maxBackoffMs` (default 5 min). */
  backoffMs?: number;
  maxBackoffMs?: number;
}

export interface Gateway {
  /** True while a Client is logged in. */
  connected(): boolean;
  stop(): Promise<void>;
}

export function startGateway(options: GatewayOptions): Gateway {
  const { log } = options;
  const base = options.backoffMs ?? 5000;
  const max = options.maxBackoffMs ?? 5 * 60_000;
  let client: Client | null = null;
  let ready = false;
  let stopped = false;
  let timer: NodeJS.Timeout | null = null;
  let attempts = 0;

  function schedule(): void {
    if (stopped) return;
    const delay = Math.min(max, base * 2 ** Math.min(attempts - 1, 20));
    log.warn({ attempts, retryInMs: delay }, 'discord gateway not connected; will retry (alerts and HTTP interactions continue)');
    timer = setTimeout(() => void connect(), delay);
  }

  async function connect(): Promise<void> {
    timer = null;
    if (stopped) return;
    attempts++;
    const next = new Client({ intents: [GatewayIntentBits.Guilds], rest: { api: options.apiUrl } });
    next.ws.on(GatewayDispatchEvents.InteractionCreate, (data: unknown) => options.onInteraction(data));
    next.on(Events.Error, (err) => log.warn({ err }, 'discord gateway error'));
    next.once(Events.ClientReady, (c) => log.info({ user: c.user.tag }, 'discord gateway connected'));
    client = next;
    try {
      await next.login(options.token);
      // stop() ran while logging in: it could not reach this Client, so close it here.
      if (stopped) return void (await next.destroy().catch(() => undefined));
      attempts = 0;
      ready = true;
    } catch (err) {
      ready = false;
      log.warn({ err: err instanceof Error ? err.message : String(err) }, 'discord gateway login failed');
      await next.destroy().catch(() => undefined);
      if (client === next) client = null;
      schedule();
    }
  }

  void connect();
  return {
    connected: () => ready && client !== null,
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      ready = false;
      const current = client;
      client = null;
      await current?.destroy().catch(() => undefined);
    },
  };
}
