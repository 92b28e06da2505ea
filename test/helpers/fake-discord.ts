/**
 * A local stand-in for Discord's REST API (v10) and its webhooks, for tests. Point a REST client
 * at `apiUrl` (the DISCORD_API_URL form, "http://127.0.0.1:<port>/api").
 *
 * It records messages and threads, emulates `enforce_nonce` (a repeat nonce from the same
 * channel returns the message already created), answers 429 with `retry_after` in the JSON and
 * the Retry-After header when told to, 403 Missing Access for `forbid`den channels, and records
 * interaction callbacks, follow-ups and command registrations. Anything else is 404 and lands
 * in `unexpected`, which tests assert is empty.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeMessage {
  id: string;
  channel_id: string;
  /** The request body as sent. */
  body: Record<string, unknown>;
}

export interface FakeRequest {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
  body: unknown;
  at: number;
}

export interface FakeDiscord {
  apiUrl: string;
  url: string;
  requests: FakeRequest[];
  unexpected: FakeRequest[];
  /** Messages created, in order (a deduplicated nonce creates none). */
  messages: FakeMessage[];
  /** Thread id (= starter message id) → { channel, name }. */
  threads: Map<string, { parent: string; name: string }>;
  /** Commands last PUT, per "global" or guild id. */
  commands: Map<string, unknown>;
  /** Interaction callbacks, follow-ups and @original edits. */
  interactionReplies: FakeRequest[];
  /** Messages posted to incoming webhooks. */
  webhookMessages: FakeRequest[];
  /** Answer the next `count` message posts with 429 and this retry_after (seconds). */
  rateLimitNext(count: number, retryAfterSeconds: number): void;
  /** Answer posts to this channel with 403 Missing Access. */
  forbid(channelId: string): void;
  /** Make GET /gateway/bot fail (the gateway cannot connect). */
  gatewayDown: boolean;
  messagesIn(channelId: string): FakeMessage[];
  close(): Promise<void>;
}

function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(body));
}

export async function startFakeDiscord(): Promise<FakeDiscord> {
  let nextId = 100000000000000000n;
  const newId = () => String(nextId++);
  const nonces = new Map<string, FakeMessage>();
  const forbidden = new Set<string>();
  let limited = { count: 0, retryAfter: 0 };

  const fake: Omit<FakeDiscord, 'apiUrl' | 'url' | 'close'> = {
    requests: [],
    unexpected: [],
    messages: [],
    threads: new Map(),
    commands: new Map(),
    interactionReplies: [],
    webhookMessages: [],
    gatewayDown: true,
    rateLimitNext(count, retryAfterSeconds) {
      limited = { count, retryAfter: retryAfterSeconds };
    },
    forbid: (channelId) => void forbidden.add(channelId),
    messagesIn: (channelId) => fake.messages.filter((m) => m.channel_id === channelId),
  };

  function postMessage(channelId: string, body: Record<string, unknown>, res: ServerResponse): void {
    if (forbidden.has(channelId)) return json(res, 403, { message: 'Missing Access', code: 50001 });
    if (limited.count > 0) {
      limited.count--;
      const retryAfter = String(limited.retryAfter);
      return json(res, 429, { message: 'You are being rate limited.', retry_after: limited.retryAfter, global: false }, {
        'retry-after': retryAfter,
        'x-ratelimit-scope': 'user',
        'x-ratelimit-limit': '5',
        'x-ratelimit-remaining': '0',
        'x-ratelimit-reset-after': retryAfter,
        'x-ratelimit-bucket': 'fake-bucket',
      });
    }
    const nonce = typeof body.nonce === 'string' ? body.nonce : null;
    const seen = nonce && body.enforce_nonce === true ? nonces.get(`${channelId}:${nonce}`) : undefined;
    if (seen) return json(res, 200, { id: seen.id, channel_id: channelId, nonce });
    const message: FakeMessage = { id: newId(), channel_id: channelId, body };
    fake.messages.push(message);
    if (nonce) nonces.set(`${channelId}:${nonce}`, message);
    json(res, 200, { id: message.id, channel_id: channelId, nonce, embeds: body.embeds ?? [] });
  }

  function route(req: FakeRequest, res: ServerResponse): boolean {
    const path = req.path.split('?')[0]!;
    const body = (req.body ?? {}) as Record<string, unknown>;
    let m: RegExpExecArray | null;
    if (req.method === 'POST' && (m = /^\/api\/v10\/channels\/(\d+)\/messages$/.exec(path))) {
      postMessage(m[1]!, body, res);
      return true;
    }
    if (req.method === 'POST' && (m = /^\/api\/v10\/channels\/(\d+)\/messages\/(\d+)\/threads$/.exec(path))) {
      if (forbidden.has(m[1]!)) return json(res, 403, { message: 'Missing Access', code: 50001 }), true;
      if (fake.threads.has(m[2]!)) return json(res, 400, { message: 'A thread has already been created for this message', code: 160004 }), true;
      fake.threads.set(m[2]!, { parent: m[1]!, name: String(body.name) });
      json(res, 201, { id: m[2], parent_id: m[1], name: body.name, type: 11 });
      return true;
    }
    if (req.method === 'PUT' && (m = /^\/api\/v10\/applications\/(\d+)(?:\/guilds\/(\d+))?\/commands$/.exec(path))) {
      fake.commands.set(m[2] ?? 'global', body);
      json(res, 200, (body as unknown as unknown[]).map((c, i) => ({ ...(c as object), id: String(900 + i) })));
      return true;
    }
    if (req.method === 'GET' && path === '/api/v10/applications/@me') {
      json(res, 200, { id: '111111111111111111', name: 'entitywatch' });
      return true;
    }
    if (/^\/api\/v10\/(interactions\/\d+\/[^/]+\/callback|webhooks\/\d+\/[^/]+(\/messages\/(@|%40)original)?)$/.test(path)) {
      fake.interactionReplies.push(req);
      json(res, 200, { id: newId() });
      return true;
    }
    if (req.method === 'POST' && (m = /^\/api\/webhooks\/(\d+)\/([^/]+)$/.exec(path))) {
      fake.webhookMessages.push(req);
      json(res, 200, { id: newId(), webhook_id: m[1] });
      return true;
    }
    if (req.method === 'GET' && path.startsWith('/api/v10/gateway')) {
      if (fake.gatewayDown) return json(res, 503, { message: 'gateway unavailable (fake)' }), true;
    }
    return false;
  }

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      let body: unknown = null;
      try {
        body = text ? JSON.parse(text) : null;
      } catch {
        body = text;
      }
      const recorded: FakeRequest = { method: req.method ?? 'GET', path: req.url ?? '/', headers: req.headers, body, at: Date.now() };
      fake.requests.push(recorded);
      if (route(recorded, res)) return;
      fake.unexpected.push(recorded);
      json(res, 404, { message: 'Unknown route (fake Discord)', code: 0 });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  return Object.assign(fake, {
    url,
    apiUrl: `${url}/api`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  });
}
