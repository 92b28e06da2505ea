/**
 * A local stand-in for Discord's REST API (v10) and its webhooks, for tests. Point a REST client
 * at `apiUrl` (the DISCORD_API_URL form, "http://127.0.0.1:<port>/api").
 *
 * It records messages and threads, emulates `enforce_nonce` (a repeat nonce from the same
 * channel returns the message already created), answers 429 with `retry_after` in the JSON and
 * the Retry-After header when told to, 403 Missing Access for `forbid`den channels, and records
 * interaction callbacks (a second callback for one interaction is 400 "already acknowledged",
 * code 40060, as Discord answers it), follow-ups and command registrations, and serves files put
 * in `files` (attachments on Discord's CDN). Multipart bodies (files) are parsed: `body` is
 * `payload_json` and `uploads` holds the files. Anything else is 404 and lands in `unexpected`,
 * which tests assert is empty. The gateway is fake-discord-gateway.ts (it sets `gatewayBot`).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
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
  /** Files of a multipart request: field name → file name and bytes. */
  uploads: Array<{ field: string; name: string; bytes: Buffer }>;
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
  /** The body of GET /gateway/bot when the gateway is up (set by the gateway stand-in). */
  gatewayBot: (() => unknown) | null;
  /** Served on GET: path (e.g. "/attachments/1/2/list.csv") → content type and bytes. */
  files: Map<string, { contentType: string; bytes: Buffer }>;
  /** The HTTP server, e.g. to accept WebSocket upgrades. */
  server: Server;
  messagesIn(channelId: string): FakeMessage[];
  close(): Promise<void>;
}

function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(body));
}

/** JSON, or multipart/form-data as Discord takes files: `payload_json` plus `files[n]`. */
async function parseBody(contentType: string, raw: Buffer): Promise<{ body: unknown; uploads: FakeRequest['uploads'] }> {
  if (contentType.startsWith('multipart/form-data')) {
    const form = await new Response(raw, { headers: { 'content-type': contentType } }).formData();
    const uploads: FakeRequest['uploads'] = [];
    let body: unknown = null;
    for (const [field, value] of form) {
      if (typeof value === 'string') {
        if (field === 'payload_json') body = JSON.parse(value);
      } else uploads.push({ field, name: value.name, bytes: Buffer.from(await value.arrayBuffer()) });
    }
    return { body, uploads };
  }
  const text = raw.toString('utf8');
  try {
    return { body: text ? JSON.parse(text) : null, uploads: [] };
  } catch {
    return { body: text, uploads: [] };
  }
}

export async function startFakeDiscord(): Promise<FakeDiscord> {
  let nextId = 100000000000000000n;
  const newId = () => String(nextId++);
  const nonces = new Map<string, FakeMessage>();
  const forbidden = new Set<string>();
  let limited = { count: 0, retryAfter: 0 };

  const acknowledged = new Set<string>();
  const fake: Omit<FakeDiscord, 'apiUrl' | 'url' | 'close' | 'server'> = {
    requests: [],
    unexpected: [],
    messages: [],
    threads: new Map(),
    commands: new Map(),
    interactionReplies: [],
    webhookMessages: [],
    gatewayDown: true,
    gatewayBot: null,
    files: new Map(),
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
    if (req.method === 'POST' && (m = /^\/api\/v10\/interactions\/(\d+)\/[^/]+\/callback$/.exec(path))) {
      fake.interactionReplies.push(req);
      if (acknowledged.has(m[1]!)) return json(res, 400, { message: 'Interaction has already been acknowledged.', code: 40060 }), true;
      acknowledged.add(m[1]!);
      res.writeHead(204).end();
      return true;
    }
    if (req.method === 'GET' && fake.files.has(path)) {
      const file = fake.files.get(path)!;
      res.writeHead(200, { 'content-type': file.contentType, 'content-length': String(file.bytes.length) }).end(file.bytes);
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
      if (fake.gatewayDown || !fake.gatewayBot) return json(res, 503, { message: 'gateway unavailable (fake)' }), true;
      if (path === '/api/v10/gateway/bot' && req.headers.authorization?.startsWith('Bot ')) return json(res, 200, fake.gatewayBot()), true;
    }
    return false;
  }

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      void (async () => {
        const raw = Buffer.concat(chunks);
        const { body, uploads } = await parseBody(req.headers['content-type'] ?? '', raw);
        const recorded: FakeRequest = { method: req.method ?? 'GET', path: req.url ?? '/', headers: req.headers, body, uploads, at: Date.now() };
        fake.requests.push(recorded);
        if (route(recorded, res)) return;
        fake.unexpected.push(recorded);
        json(res, 404, { message: 'Unknown route (fake Discord)', code: 0 });
      })();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  return Object.assign(fake, {
    server,
    url,
    apiUrl: `${url}/api`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  });
}
