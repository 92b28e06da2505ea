/**
 * Several real worker processes on one database, for the multi-instance tests: `startWorker`
 * runs `bin/entitywatch.js run` as a child process (kill -9 is real), and `startSlackProxy`
 * puts a per-instance HTTP hop in front of the Slack stand-in, so a test can make Slack answer
 * one instance slowly, or hold an answer until the instance is killed, and know which instance
 * sent what.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

const bin = new URL('../../bin/entitywatch.js', import.meta.url).pathname;

export interface Worker {
  child: ChildProcess;
  name: string;
  /** Everything the worker logged (pino JSON lines on stderr). */
  log(): string;
  exited: Promise<number | null>;
  stop(): Promise<number | null>;
}

export function startWorker(name: string, env: Record<string, string>): Worker {
  const child = spawn(process.execPath, [bin, 'run'], {
    env: { PATH: process.env.PATH ?? '', HEALTH_PORT: '0', POLL_JITTER_SECONDS: '0', CONSOLE_ALERTS: 'off', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  child.stdout!.on('data', (c: Buffer) => (log += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (log += c.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return {
    child,
    name,
    log: () => log,
    exited,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      return exited;
    },
  };
}

export interface SlackProxy {
  /** SLACK_API_URL for the instance behind this proxy. */
  apiUrl: string;
  /** chat.postMessage calls forwarded so far. */
  posts: number;
  close(): Promise<void>;
}

export interface ProxyBehaviour {
  /** Delay before forwarding the nth (1-based) chat.postMessage; 0 = none. */
  delayMs?: (n: number) => number;
  /** Forward the nth chat.postMessage but never answer it (the instance waits until killed). */
  hold?: (n: number) => boolean;
  /** Called when a post is being held. */
  onHold?: () => void;
}

function body(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
  });
}

/** A hop to the Slack stand-in at `target` (its apiUrl). */
export async function startSlackProxy(target: string, behaviour: ProxyBehaviour = {}): Promise<SlackProxy> {
  const proxy = { posts: 0 };
  const server = createServer((req, res) => {
    void (async () => {
      const raw = await body(req);
      const method = (req.url ?? '').replace(/^\/api\//, '').split('?')[0]!;
      const n = method === 'chat.postMessage' ? ++proxy.posts : 0;
      const wait = n > 0 ? (behaviour.delayMs?.(n) ?? 0) : 0;
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      const headers: Record<string, string> = {};
      for (const key of ['content-type', 'authorization']) if (req.headers[key]) headers[key] = String(req.headers[key]);
      const answer = await fetch(`${target}${method}`, { method: req.method ?? 'POST', headers, body: raw.length > 0 ? raw : null });
      const text = await answer.text();
      if (n > 0 && behaviour.hold?.(n)) {
        behaviour.onHold?.();
        return; // Slack has the message; the instance never hears so.
      }
      res.writeHead(answer.status, { 'content-type': answer.headers.get('content-type') ?? 'application/json' }).end(text);
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    apiUrl: `http://127.0.0.1:${port}/api/`,
    get posts() {
      return proxy.posts;
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export async function until(check: () => boolean | Promise<boolean>, what: string, ms = 40_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
