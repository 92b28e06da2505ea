/**
 * A local HTTP server that stands in for an outside system (trade.gov, a webhook receiver…).
 * Routes are set per test; every request is recorded; a request no route expects is answered
 * 500 and recorded in `unexpected`, which tests assert is empty.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
  body: string;
}

export type Handler = (req: RecordedRequest, res: ServerResponse) => void | Promise<void>;

export interface FakeServer {
  url: string;
  requests: RecordedRequest[];
  unexpected: RecordedRequest[];
  route(method: string, path: string, handler: Handler): void;
  close(): Promise<void>;
}

export async function startFakeServer(): Promise<FakeServer> {
  const routes = new Map<string, Handler>();
  const requests: RecordedRequest[] = [];
  const unexpected: RecordedRequest[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const recorded: RecordedRequest = {
        method: req.method ?? 'GET',
        path: req.url ?? '/',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      requests.push(recorded);
      const handler = routes.get(`${recorded.method} ${recorded.path.split('?')[0]}`);
      if (!handler) {
        unexpected.push(recorded);
        res.writeHead(500).end('unexpected request');
        return;
      }
      Promise.resolve(handler(recorded, res)).catch((err: unknown) => {
        res.writeHead(500).end(String(err));
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    unexpected,
    route(method, path, handler) {
      routes.set(`${method} ${path}`, handler);
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A route that serves a changeable body with an ETag and answers If-None-Match with 304. */
export function snapshotRoute(contentType = 'application/json'): { handler: Handler; serve(body: string | Buffer): void; hits: { full: number; notModified: number } } {
  let body: string | Buffer = '';
  let version = 0;
  const hits = { full: 0, notModified: 0 };
  return {
    hits,
    serve(next) {
      body = next;
      version++;
    },
    handler(req, res) {
      const etag = `"v${version}"`;
      if (req.headers['if-none-match'] === etag) {
        hits.notModified++;
        res.writeHead(304, { etag }).end();
        return;
      }
      hits.full++;
      res.writeHead(200, { 'content-type': contentType, etag }).end(body);
    },
  };
}
