/**
 * The HTTP interactions endpoint: `POST /interactions` on DISCORD_INTERACTIONS_PORT, the URL
 * entered as "Interactions Endpoint URL" in the Developer Portal (behind HTTPS).
 *
 *   const server = await startInteractionsServer({ port: 8788, host: '0.0.0.0', publicKey, deps, log });
 *   await server.close();
 *
 * Every request is verified (Ed25519 over timestamp + raw body, verify.ts) before it is parsed:
 * a bad or missing signature is 401, which is also how Discord checks the endpoint when the URL
 * is saved. A deferred answer's follow-up runs after the HTTP response has been sent.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';
import { dispatchInteraction, REPEATED, type DispatchDeps } from './dispatch.js';
import { createInteractionVerifier } from './verify.js';

/** Interactions are small; anything bigger is not Discord. */
const MAX_BODY_BYTES = 256 * 1024;

export interface InteractionsServerOptions {
  port: number;
  host: string;
  /** Hex public key of the application (DISCORD_PUBLIC_KEY). */
  publicKey: string;
  deps: DispatchDeps;
  log: Logger;
  /** Clock for the replay window (tests). */
  now?: () => Date;
}

export interface InteractionsServer {
  /** "http://host:port" actually bound (port 0 picks a free one). */
  url: string;
  close(): Promise<void>;
}

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}

function readBody(req: IncomingMessage): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        resolve(null);
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

export async function startInteractionsServer(options: InteractionsServerOptions): Promise<InteractionsServer> {
  const { log, deps } = options;
  const verify = createInteractionVerifier(options.publicKey, options.now);
  const followUps = new Set<Promise<void>>();

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (req.method !== 'POST' || req.url?.split('?')[0] !== '/interactions') return send(res, 404, { error: 'not found' });
    const body = await readBody(req);
    if (body === null) return send(res, 413, { error: 'body too large' });
    if (!verify(req.headers['x-signature-ed25519'], req.headers['x-signature-timestamp'], body)) {
      log.warn({ remote: req.socket.remoteAddress }, 'discord interaction with a bad signature refused');
      return send(res, 401, { error: 'invalid request signature' });
    }
    let payload: unknown;
    try {
      payload = JSON.parse(body.toString('utf8'));
    } catch {
      return send(res, 400, { error: 'not JSON' });
    }
    const result = await dispatchInteraction(payload, deps);
    if (!result) return send(res, 400, { error: 'not an interaction' });
    // Answered already: a second answer would be refused by Discord (40060) anyway.
    if (result === REPEATED) return send(res, 409, { error: 'interaction already answered' });
    send(res, 200, result.response);
    if (result.followUp) {
      followUps.add(result.followUp);
      void result.followUp.finally(() => followUps.delete(result.followUp!));
    }
  }

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      log.error({ err }, 'discord interaction failed');
      if (!res.headersSent) send(res, 500, { error: 'internal error' });
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const host = options.host === '0.0.0.0' ? '127.0.0.1' : options.host;
  log.info({ port }, 'discord interactions endpoint listening');
  return {
    url: `http://${host}:${port}`,
    async close() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      });
      // Let deferred answers finish: they were promised to the user.
      await Promise.all(followUps);
    },
  };
}
