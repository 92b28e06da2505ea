/**
 * A local stand-in for Discord's gateway (v10, JSON, no compression), on the fake REST server
 * (fake-discord.ts), which then answers GET /gateway/bot with its ws:// URL:
 *
 *   const discord = await startFakeDiscord();
 *   const gateway = attachGateway(discord, { token, heartbeatMs: 250 });
 *   // the real discord.js Client logs in against discord.apiUrl
 *   await gateway.waitFor(() => gateway.ready === 1);
 *   gateway.dispatch('INTERACTION_CREATE', payload);
 *
 * The protocol as Discord speaks it: HELLO (op 10, heartbeat_interval) on connect; the client
 * heartbeats (op 1, last sequence) and gets HEARTBEAT_ACK (op 11); IDENTIFY (op 2) with the right
 * token gets READY (a session id and resume_gateway_url), a wrong one close code 4004; events are
 * dispatches (op 0) with a sequence number per session. A dropped connection is resumed with
 * RESUME (op 6: token, session id, last sequence seen): the stand-in replays what came after that
 * sequence, then RESUMED. `invalidateSession()` sends INVALID_SESSION (op 9, d: false): the session
 * is gone and the client must IDENTIFY afresh. Anything else (an unknown op, RESUME of an unknown
 * session, IDENTIFY twice on one connection) lands in `unexpected`.
 */
import { randomUUID } from 'node:crypto';
import { WebSocketServer, type WebSocket } from 'ws';
import type { FakeDiscord } from './fake-discord.js';

export const BOT_USER_ID = '555555555555555555';

export interface FakeGateway {
  /** IDENTIFY payloads received (d). */
  identifies: Array<Record<string, unknown>>;
  /** RESUME payloads received (d). */
  resumes: Array<{ token: string; session_id: string; seq: number }>;
  /** Heartbeats received: the sequence each carried. */
  heartbeats: Array<number | null>;
  /** READY sent (one per fresh session). */
  ready: number;
  /** RESUMED sent. */
  resumed: number;
  /** Connections opened. */
  connections: number;
  /** The path each connection asked for: "/gateway" (from GET /gateway/bot) or "/resume" (resume_gateway_url). */
  paths: string[];
  unexpected: string[];
  /** Send an event in the current session (queued for a resume when disconnected). */
  dispatch(t: string, d: unknown): number;
  /** Close the connection with this code (default 4000 "unknown error": the client resumes). */
  drop(code?: number): void;
  /** INVALID_SESSION, not resumable: the session is forgotten. */
  invalidateSession(): void;
  waitFor(check: () => boolean, what: string, ms?: number): Promise<void>;
  close(): Promise<void>;
}

interface Session {
  id: string;
  seq: number;
  /** Every dispatch of the session, for replay on RESUME. */
  log: Array<{ s: number; t: string; d: unknown }>;
}

export function attachGateway(discord: FakeDiscord, options: { token: string; heartbeatMs?: number; applicationId?: string }): FakeGateway {
  const wss = new WebSocketServer({ noServer: true });
  const wsUrl = discord.url.replace(/^http/, 'ws');
  let session: Session | null = null;
  let socket: WebSocket | null = null;

  const fake: FakeGateway = {
    identifies: [],
    resumes: [],
    heartbeats: [],
    ready: 0,
    resumed: 0,
    connections: 0,
    paths: [],
    unexpected: [],
    dispatch(t, d) {
      if (!session) throw new Error('no gateway session to dispatch in');
      const event = { s: ++session.seq, t, d };
      session.log.push(event);
      socket?.send(JSON.stringify({ op: 0, ...event }));
      return event.s;
    },
    drop(code = 4000) {
      socket?.close(code, 'fake drop');
    },
    invalidateSession() {
      session = null;
      socket?.send(JSON.stringify({ op: 9, d: false, s: null, t: null }));
    },
    async waitFor(check, what, ms = 15_000) {
      const until = Date.now() + ms;
      while (!check()) {
        if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
        await new Promise((r) => setTimeout(r, 20));
      }
    },
    async close() {
      for (const client of wss.clients) client.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };

  discord.gatewayDown = false;
  discord.gatewayBot = () => ({
    url: `${wsUrl}/gateway`,
    shards: 1,
    session_start_limit: { total: 1000, remaining: 999, reset_after: 14_400_000, max_concurrency: 1 },
  });

  function send(ws: WebSocket, op: number, d: unknown, extra: { s?: number | null; t?: string | null } = {}): void {
    ws.send(JSON.stringify({ op, d, s: extra.s ?? null, t: extra.t ?? null }));
  }

  function onMessage(ws: WebSocket, state: { identified: boolean }, data: string): void {
    let packet: { op?: unknown; d?: unknown };
    try {
      packet = JSON.parse(data) as typeof packet;
    } catch {
      return void fake.unexpected.push(`not JSON: ${data.slice(0, 80)}`);
    }
    switch (packet.op) {
      case 1:
        fake.heartbeats.push(typeof packet.d === 'number' ? packet.d : null);
        return send(ws, 11, null);
      case 2: {
        const d = packet.d as Record<string, unknown>;
        if (state.identified) fake.unexpected.push('IDENTIFY twice on one connection');
        if (d.token !== options.token) return void ws.close(4004, 'Authentication failed.');
        state.identified = true;
        fake.identifies.push(d);
        session = { id: randomUUID().replace(/-/g, ''), seq: 0, log: [] };
        fake.ready++;
        const ready = {
          v: 10,
          user: { id: BOT_USER_ID, username: 'entitywatch', discriminator: '0', global_name: null, avatar: null, bot: true },
          guilds: [],
          session_id: session.id,
          resume_gateway_url: `${wsUrl}/resume`,
          shard: [0, 1],
          application: { id: options.applicationId ?? '111111111111111111', flags: 0 },
        };
        fake.dispatch('READY', ready);
        return;
      }
      case 6: {
        const d = packet.d as { token: string; session_id: string; seq: number };
        fake.resumes.push(d);
        if (d.token !== options.token || !session || d.session_id !== session.id) {
          fake.unexpected.push(`RESUME of unknown session ${d.session_id}`);
          return send(ws, 9, false);
        }
        state.identified = true;
        for (const event of session.log.filter((e) => e.s > d.seq)) ws.send(JSON.stringify({ op: 0, ...event }));
        fake.resumed++;
        const s = ++session.seq;
        session.log.push({ s, t: 'RESUMED', d: {} });
        return send(ws, 0, {}, { s, t: 'RESUMED' });
      }
      default:
        fake.unexpected.push(`op ${String(packet.op)}`);
    }
  }

  discord.server.on('upgrade', (req, raw, head) => {
    const url = new URL(req.url ?? '/', discord.url);
    if (!['/gateway', '/resume'].includes(url.pathname) || url.searchParams.get('v') !== '10' || url.searchParams.get('encoding') !== 'json') {
      fake.unexpected.push(`upgrade ${req.url}`);
      raw.destroy();
      return;
    }
    wss.handleUpgrade(req, raw, head, (ws) => {
      socket?.terminate();
      socket = ws;
      fake.connections++;
      fake.paths.push(url.pathname);
      const state = { identified: false };
      ws.on('message', (data) => onMessage(ws, state, String(data)));
      ws.on('close', () => {
        if (socket === ws) socket = null;
      });
      send(ws, 10, { heartbeat_interval: options.heartbeatMs ?? 41_250 });
    });
  });
  return fake;
}
