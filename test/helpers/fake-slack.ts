/**
 * A local stand-in for Slack's Web API (point SLACK_API_URL / `apiUrl` at `apiUrl`) and for
 * slash-command response URLs (`responseUrl(id)`). It keeps posted messages per channel, with
 * metadata and threads, answers conversations.history/replies from them, users.info from
 * `users`, and can be told to fail the next calls of a method (429 + Retry-After, 500, or a
 * Slack error code). Every request is recorded; an unknown method lands in `unexpected`.
 *
 * Other stand-ins extend it (Socket Mode: fake-slack-socket.ts; files: fake-slack-files.ts) with
 * `method` (a Web API method and the token it takes) and `route` (a raw HTTP path prefix).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeMessage {
  channel: string;
  ts: string;
  text: string;
  blocks: unknown[];
  thread_ts?: string;
  metadata?: { event_type: string; event_payload: Record<string, unknown> };
  unfurl_links?: boolean;
  unfurl_media?: boolean;
}

export type Failure = { status: 429; retryAfter: number } | { status: 500 } | { error: string; needed?: string };

export interface FakeSlack {
  /** Web API base, e.g. http://127.0.0.1:1234/api/ */
  apiUrl: string;
  /** Where Bolt's `respond` posts for the slash command `id`. */
  responseUrl(id: string): string;
  /** Successful chat.postMessage calls, in order (the parsed arguments and the ts given). */
  posts: FakeMessage[];
  /** Every call: method and parsed arguments. */
  calls: Array<{ method: string; args: Record<string, unknown> }>;
  /** Bodies posted to response URLs, by id. */
  responses: Map<string, Array<Record<string, unknown>>>;
  users: Map<string, { is_admin?: boolean; is_owner?: boolean }>;
  unexpected: string[];
  /** Fail `times` calls of `method`, after letting the next `after` calls through. */
  fail(method: string, failure: Failure, times?: number, after?: number): void;
  /** Answer the next `times` calls of `method` only after `ms` (a slow Slack). */
  delay(method: string, ms: number, times?: number): void;
  /** Serve a Web API method; it must be called with `token` (default the bot token). */
  method(name: string, handler: MethodHandler, token?: string): void;
  /** Serve raw requests whose path starts with `prefix` (downloads, upload URLs). */
  route(prefix: string, handler: RawHandler): void;
  /** The HTTP server, e.g. to accept WebSocket upgrades. */
  server: Server;
  /** http://127.0.0.1:<port> */
  base: string;
  close(): Promise<void>;
}

export type MethodHandler = (args: Record<string, unknown>) => unknown;
export type RawHandler = (req: IncomingMessage, body: Buffer, res: ServerResponse) => void;

export const FAKE_BOT_TOKEN = 'xoxb-test-token';

function parseBody(req: IncomingMessage, raw: string): Record<string, unknown> {
  if ((req.headers['content-type'] ?? '').includes('application/json')) return JSON.parse(raw || '{}') as Record<string, unknown>;
  const args: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(raw)) {
    args[key] = value.startsWith('[') || value.startsWith('{') ? JSON.parse(value) : value;
  }
  return args;
}

export async function startFakeSlack(): Promise<FakeSlack> {
  const messages: FakeMessage[] = [];
  const failures = new Map<string, Array<Failure | null>>();
  const delays = new Map<string, number[]>();
  const tokens = new Map<string, string>();
  const raw: Array<[string, RawHandler]> = [];
  let counter = 0;
  const fake: Omit<FakeSlack, 'apiUrl' | 'responseUrl' | 'close' | 'server' | 'base'> = {
    posts: [],
    calls: [],
    responses: new Map(),
    users: new Map(),
    unexpected: [],
    fail(method, failure, times = 1, after = 0) {
      const queue = failures.get(method) ?? [];
      for (let i = 0; i < after; i++) queue.push(null);
      for (let i = 0; i < times; i++) queue.push(failure);
      failures.set(method, queue);
    },
    delay(method, ms, times = 1) {
      delays.set(method, [...(delays.get(method) ?? []), ...Array<number>(times).fill(ms)]);
    },
    method(name, handler, token = FAKE_BOT_TOKEN) {
      methods[name] = handler;
      tokens.set(name, token);
    },
    route(prefix, handler) {
      raw.push([prefix, handler]);
    },
  };

  function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
    res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(body));
  }

  function view(m: FakeMessage, withMetadata: boolean): Record<string, unknown> {
    const replies = messages.filter((r) => r.thread_ts === m.ts && r.ts !== m.ts).length;
    return { type: 'message', ts: m.ts, text: m.text, ...(m.thread_ts ? { thread_ts: m.thread_ts } : {}), ...(replies ? { reply_count: replies } : {}), ...(withMetadata && m.metadata ? { metadata: m.metadata } : {}) };
  }

  const methods: Record<string, MethodHandler> = {
    'auth.test': () => ({ ok: true, user_id: 'UBOT', bot_id: 'BBOT', team_id: 'T1', user: 'entitywatch' }),
    'chat.postMessage': (args) => {
      counter++;
      const message: FakeMessage = {
        channel: String(args.channel),
        ts: `${Math.floor(Date.now() / 1000)}.${String(counter).padStart(6, '0')}`,
        text: String(args.text ?? ''),
        blocks: (args.blocks as unknown[]) ?? [],
        ...(args.thread_ts ? { thread_ts: String(args.thread_ts) } : {}),
        ...(args.metadata ? { metadata: args.metadata as FakeMessage['metadata'] } : {}),
        ...(args.unfurl_links !== undefined ? { unfurl_links: args.unfurl_links === 'true' || args.unfurl_links === true } : {}),
        ...(args.unfurl_media !== undefined ? { unfurl_media: args.unfurl_media === 'true' || args.unfurl_media === true } : {}),
      };
      messages.push(message);
      fake.posts.push(message);
      return { ok: true, channel: message.channel, ts: message.ts };
    },
    'conversations.history': (args) => {
      const oldest = Number(args.oldest ?? 0);
      const top = messages.filter((m) => m.channel === args.channel && !m.thread_ts && Number(m.ts) >= oldest);
      return { ok: true, messages: top.reverse().map((m) => view(m, args.include_all_metadata === 'true')), has_more: false };
    },
    'conversations.replies': (args) => {
      const thread = messages.filter((m) => m.channel === args.channel && (m.ts === args.ts || m.thread_ts === args.ts));
      return { ok: true, messages: thread.map((m) => view(m, args.include_all_metadata === 'true')), has_more: false };
    },
    'users.info': (args) => {
      const user = fake.users.get(String(args.user));
      if (!user) return { ok: false, error: 'user_not_found' };
      return { ok: true, user: { id: args.user, is_admin: Boolean(user.is_admin), is_owner: Boolean(user.is_owner) } };
    },
  };

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const path = (req.url ?? '/').split('?')[0] ?? '/';
      const rawRoute = raw.find(([prefix]) => path.startsWith(prefix));
      if (rawRoute) return rawRoute[1](req, Buffer.concat(chunks), res);
      const args = parseBody(req, Buffer.concat(chunks).toString('utf8'));
      const respond = /^\/respond\/(.+)$/.exec(path);
      if (respond) {
        const list = fake.responses.get(respond[1]!) ?? [];
        list.push(args);
        fake.responses.set(respond[1]!, list);
        send(res, 200, { ok: true });
        return;
      }
      const method = /^\/api\/(.+)$/.exec(path)?.[1] ?? '';
      fake.calls.push({ method, args });
      const handler = methods[method];
      if (!handler) {
        fake.unexpected.push(`${req.method} ${path}`);
        send(res, 404, { ok: false, error: 'unknown_method' });
        return;
      }
      if (req.headers.authorization !== `Bearer ${tokens.get(method) ?? FAKE_BOT_TOKEN}`) {
        send(res, 200, { ok: false, error: 'invalid_auth' });
        return;
      }
      const failure = failures.get(method)?.shift();
      const wait = delays.get(method)?.shift() ?? 0;
      if (wait > 0) {
        setTimeout(() => answer(res, method, handler, args, failure), wait);
        return;
      }
      answer(res, method, handler, args, failure);
    });
  });

  function answer(res: ServerResponse, _method: string, handler: MethodHandler, args: Record<string, unknown>, failure: Failure | null | undefined): void {
      if (failure && 'status' in failure && failure.status === 429) send(res, 429, { ok: false, error: 'ratelimited' }, { 'retry-after': String(failure.retryAfter) });
      else if (failure && 'status' in failure) send(res, failure.status, { ok: false, error: 'internal' });
      else if (failure && 'error' in failure) send(res, 200, { ok: false, error: failure.error, ...(failure.needed ? { needed: failure.needed } : {}) });
      else send(res, 200, handler(args));
  }
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const base = `http://127.0.0.1:${port}`;
  return {
    ...fake,
    server,
    base,
    apiUrl: `${base}/api/`,
    responseUrl: (id) => `${base}/respond/${id}`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
