/**
 * A local stand-in for Slack's Socket Mode, on the fake Web API's server (fake-slack.ts):
 *
 *   const slack = await startFakeSlack();
 *   const socket = attachSocketMode(slack);          // apps.connections.open, with the app token
 *   // SLACK_APP_TOKEN=FAKE_APP_TOKEN SLACK_API_URL=slack.apiUrl → the real Bolt SocketModeReceiver
 *   const envelope = socket.deliver('slash_commands', payload);
 *   await envelope.acked;                            // the app's { envelope_id } came back
 *
 * The protocol as Slack speaks it: `apps.connections.open` returns a one-time `ws://…/link/?ticket=`
 * URL; a connection gets `hello` first; each event comes in an envelope (`envelope_id`, `type`,
 * `payload`, `accepts_response_payload`) which the app must acknowledge with a message carrying
 * that `envelope_id`. An envelope not acknowledged when its connection closes is delivered again
 * on the next connection with `retry_attempt` + 1, as Slack retries it. `disconnect(reason)` sends
 * Slack's `disconnect` message (the app must reconnect by itself); `drop()` cuts the socket.
 * Like Slack, it pings each connection every few seconds (the client closes a connection that
 * stops being pinged). An ack for an unknown envelope, an unused ticket or a malformed message
 * lands in `unexpected`.
 */
import { randomUUID } from 'node:crypto';
import { WebSocketServer, type WebSocket } from 'ws';
import type { FakeSlack } from './fake-slack.js';

export const FAKE_APP_TOKEN = 'xapp-1-A1-test-app-token';

/** How often the stand-in pings a connection (the SDK gives up after 30 s without one). */
const PING_MS = 5000;

export type EnvelopeType = 'slash_commands' | 'interactive' | 'events_api';

export interface Envelope {
  envelope_id: string;
  type: EnvelopeType;
  payload: Record<string, unknown>;
  /** Times it was sent on a socket (1 = once). */
  sent: number;
  /** Milliseconds from its last sending to the app's ack; null until acked. */
  ackMs: number | null;
  /** What the app put in its ack (a slash command may answer there). */
  ackPayload: unknown;
  /** Resolves when acknowledged. */
  acked: Promise<void>;
}

export interface FakeSocketMode {
  /** Successful apps.connections.open calls. */
  opens: number;
  /** Connections that got `hello`. */
  connections: number;
  /** Every envelope delivered, in order. */
  envelopes: Envelope[];
  /** Every acknowledgement received: envelope id and payload. */
  acks: Array<{ envelope_id: string; payload: unknown }>;
  unexpected: string[];
  /** Hand an envelope to the app: on the open connection, or queued for the next one. */
  deliver(type: EnvelopeType, payload: Record<string, unknown>, options?: { envelopeId?: string }): Envelope;
  /** Send the same envelope again on the open connection (Slack's at-least-once delivery). */
  redeliver(envelope: Envelope): void;
  /** Slack asks the app to reconnect: `{ type: 'disconnect', reason }`. */
  disconnect(reason?: 'refresh_requested' | 'warning' | 'link_disabled'): void;
  /** Cut the socket without a close handshake. */
  drop(): void;
  /** Resolves when `n` connections have received hello in all. */
  waitForConnections(n: number, ms?: number): Promise<void>;
  close(): Promise<void>;
}

interface Pending {
  envelope: Envelope;
  sentAt: number;
  retryAttempt: number;
  resolve(): void;
}

export function attachSocketMode(slack: FakeSlack): FakeSocketMode {
  const wss = new WebSocketServer({ noServer: true });
  const tickets = new Set<string>();
  const pending = new Map<string, Pending>();
  const queue: Pending[] = [];
  let current: WebSocket | null = null;

  function send(p: Pending): void {
    if (!current) return void queue.push(p);
    p.envelope.sent++;
    p.sentAt = Date.now();
    const message: Record<string, unknown> = {
      envelope_id: p.envelope.envelope_id,
      type: p.envelope.type,
      payload: p.envelope.payload,
      accepts_response_payload: p.envelope.type !== 'interactive',
    };
    if (p.retryAttempt > 0) Object.assign(message, { retry_attempt: p.retryAttempt, retry_reason: 'timeout' });
    current.send(JSON.stringify(message));
  }

  const fake: FakeSocketMode = {
    opens: 0,
    connections: 0,
    envelopes: [],
    acks: [],
    unexpected: [],
    deliver(type, payload, options = {}) {
      let resolve!: () => void;
      const acked = new Promise<void>((r) => (resolve = r));
      const envelope: Envelope = { envelope_id: options.envelopeId ?? randomUUID(), type, payload, sent: 0, ackMs: null, ackPayload: undefined, acked };
      const p: Pending = { envelope, sentAt: 0, retryAttempt: 0, resolve };
      fake.envelopes.push(envelope);
      pending.set(envelope.envelope_id, p);
      send(p);
      return envelope;
    },
    redeliver(envelope) {
      const p = pending.get(envelope.envelope_id) ?? { envelope, sentAt: 0, retryAttempt: 0, resolve: () => undefined };
      pending.set(envelope.envelope_id, p);
      p.retryAttempt++;
      send(p);
    },
    disconnect(reason = 'refresh_requested') {
      current?.send(JSON.stringify({ type: 'disconnect', reason, debug_info: { host: 'applink-fake' } }));
    },
    drop() {
      current?.terminate();
    },
    async waitForConnections(n, ms = 15_000) {
      const until = Date.now() + ms;
      while (fake.connections < n) {
        if (Date.now() > until) throw new Error(`timed out waiting for Socket Mode connection ${n} (have ${fake.connections})`);
        await new Promise((r) => setTimeout(r, 20));
      }
    },
    async close() {
      for (const client of wss.clients) client.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };

  slack.method(
    'apps.connections.open',
    () => {
      const ticket = randomUUID();
      tickets.add(ticket);
      fake.opens++;
      return { ok: true, url: `${slack.base.replace(/^http/, 'ws')}/link/?ticket=${ticket}&app_id=A1` };
    },
    FAKE_APP_TOKEN,
  );

  slack.server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', slack.base);
    const ticket = url.searchParams.get('ticket') ?? '';
    if (url.pathname !== '/link/' || !tickets.delete(ticket)) {
      fake.unexpected.push(`upgrade ${req.url}`);
      socket.destroy();
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      current?.terminate();
      current = ws;
      ws.on('message', (data) => {
        let message: { envelope_id?: unknown; payload?: unknown };
        try {
          message = JSON.parse(String(data)) as typeof message;
        } catch {
          return void fake.unexpected.push(`not JSON: ${String(data).slice(0, 80)}`);
        }
        const id = typeof message.envelope_id === 'string' ? message.envelope_id : '';
        const p = pending.get(id);
        if (!p) return void fake.unexpected.push(`ack for unknown envelope ${id}`);
        fake.acks.push({ envelope_id: id, payload: message.payload });
        pending.delete(id);
        p.envelope.ackMs = Date.now() - p.sentAt;
        p.envelope.ackPayload = message.payload;
        p.resolve();
      });
      const pinger = setInterval(() => ws.ping(), PING_MS);
      ws.on('close', () => {
        clearInterval(pinger);
        if (current !== ws) return;
        current = null;
        // Slack retries what was not acknowledged on the next connection.
        for (const p of pending.values()) if (p.envelope.sent > 0 && !queue.includes(p)) queue.push(Object.assign(p, { retryAttempt: p.retryAttempt + 1 }));
      });
      fake.connections++;
      ws.send(JSON.stringify({ type: 'hello', num_connections: 1, debug_info: { host: 'applink-fake', approximate_connection_time: 18060 }, connection_info: { app_id: 'A1' } }));
      for (const p of queue.splice(0)) send(p);
    });
  });
  return fake;
}
