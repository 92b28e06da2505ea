/**
 * A tiny local HTTP server that stands in for trade.gov in the demo: serves one body at a time
 * with an ETag and answers conditional requests with 304, like the real download.
 */
import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SnapshotServer {
  url: string;
  /** Serve this body from now on. */
  serve(body: string): void;
  close(): Promise<void>;
}

export async function startSnapshotServer(path = '/consolidated.json'): Promise<SnapshotServer> {
  let body = '';
  let etag = '';
  const server: Server = createServer((req, res) => {
    if (req.url !== path) {
      res.writeHead(404).end();
      return;
    }
    if (req.headers['if-none-match'] === etag) {
      res.writeHead(304, { etag }).end();
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json', etag }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}${path}`,
    serve(next) {
      body = next;
      etag = `"${createHash('sha1').update(next).digest('hex')}"`;
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
