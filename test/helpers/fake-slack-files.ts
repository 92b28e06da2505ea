/**
 * Slack files on the fake Web API (fake-slack.ts), for the admin commands that read and send them:
 *
 *   const files = attachFiles(slack);
 *   const id = files.share({ name: 'suppliers.csv', user: 'U0LISTED', channel: 'C0COMPLY', bytes });
 *   // files.info / files.list describe it; GET its url_private_download with the bot token gets the bytes
 *   files.uploads   // what the app sent through the external upload flow
 *
 * As Slack does: the private download URL answers only with the bot token (otherwise a 302 to the
 * sign-in page); files.getUploadURLExternal gives a one-use upload URL and a file id, the bytes are
 * POSTed there, and files.completeUploadExternal shares the file (with `channel_id`). An upload to
 * an unknown URL, a length that does not match, or a completion of a file never uploaded lands
 * in `unexpected`. conversations.open answers a DM channel id ("D" + the user id).
 */
import type { FakeSlack } from './fake-slack.js';
import { FAKE_BOT_TOKEN } from './fake-slack.js';

export interface SharedFile {
  id: string;
  name: string;
  user: string;
  channel: string;
  bytes: Buffer;
  /** Seconds since the epoch. */
  created: number;
  filetype: string;
  /** Serve this instead of the bytes (an HTML error page). */
  html?: boolean;
}

export interface Upload {
  file_id: string;
  filename: string;
  bytes: Buffer;
  /** Where completeUploadExternal shared it. */
  channel: string | null;
  initial_comment: string | null;
  title: string | null;
}

export interface FakeSlackFiles {
  share(file: { name: string; user: string; channel: string; bytes: Buffer | string; created?: number; html?: boolean }): string;
  /** Completed uploads, in order. */
  uploads: Upload[];
  /** GETs of download URLs: file id and whether the bot token came with it. */
  downloads: Array<{ id: string; authorised: boolean }>;
  unexpected: string[];
}

/** The upload URL takes the raw bytes, or a multipart form whose file field holds them. */
async function fileOf(contentType: string, body: Buffer): Promise<Buffer> {
  if (!contentType.startsWith('multipart/form-data')) return body;
  const form = await new Response(body, { headers: { 'content-type': contentType } }).formData();
  for (const [, value] of form) if (typeof value !== 'string') return Buffer.from(await value.arrayBuffer());
  return Buffer.alloc(0);
}

export function attachFiles(slack: FakeSlack): FakeSlackFiles {
  const shared = new Map<string, SharedFile>();
  const pending = new Map<string, { filename: string; length: number; bytes: Buffer | null }>();
  let seq = 0;
  const fake: FakeSlackFiles = {
    uploads: [],
    downloads: [],
    unexpected: [],
    share(file) {
      const id = `F0${String(++seq).padStart(8, '0')}`;
      const bytes = Buffer.isBuffer(file.bytes) ? file.bytes : Buffer.from(file.bytes, 'utf8');
      const filetype = /\.csv$/i.test(file.name) ? 'csv' : 'text';
      shared.set(id, { id, name: file.name, user: file.user, channel: file.channel, bytes, created: file.created ?? Math.floor(Date.now() / 1000), filetype, html: file.html });
      return id;
    },
  };

  const view = (f: SharedFile) => ({
    id: f.id, name: f.name, title: f.name, filetype: f.filetype, mimetype: f.filetype === 'csv' ? 'text/csv' : 'text/plain', size: f.bytes.length,
    created: f.created, user: f.user, channels: [f.channel],
    url_private: `${slack.base}/files-pri/T1-${f.id}/${encodeURIComponent(f.name)}`,
    url_private_download: `${slack.base}/files-pri/T1-${f.id}/download/${encodeURIComponent(f.name)}`,
    permalink: `https://example.slack.com/files/${f.user}/${f.id}/${encodeURIComponent(f.name)}`,
  });

  slack.method('files.info', (args) => {
    const f = shared.get(String(args.file));
    return f ? { ok: true, file: view(f) } : { ok: false, error: 'file_not_found' };
  });
  slack.method('files.list', (args) => {
    const from = Number(args.ts_from ?? 0);
    const files = [...shared.values()].filter((f) => (!args.channel || f.channel === args.channel) && (!args.user || f.user === args.user) && f.created >= from);
    return { ok: true, files: files.reverse().map(view), paging: { count: 20, total: files.length, page: 1, pages: 1 } };
  });
  slack.method('conversations.open', (args) => ({ ok: true, channel: { id: `D${String(args.users).slice(1)}` } }));
  slack.method('files.getUploadURLExternal', (args) => {
    const fileId = `F9${String(++seq).padStart(8, '0')}`;
    pending.set(fileId, { filename: String(args.filename), length: Number(args.length), bytes: null });
    return { ok: true, upload_url: `${slack.base}/upload/v1/${fileId}`, file_id: fileId };
  });
  slack.method('files.completeUploadExternal', (args) => {
    const files = (typeof args.files === 'string' ? JSON.parse(args.files) : args.files) as Array<{ id: string; title?: string }>;
    for (const { id, title } of files) {
      const p = pending.get(id);
      if (!p?.bytes) {
        fake.unexpected.push(`completeUploadExternal of ${id} before its upload`);
        continue;
      }
      pending.delete(id);
      fake.uploads.push({ file_id: id, filename: p.filename, bytes: p.bytes, channel: args.channel_id ? String(args.channel_id) : null, initial_comment: args.initial_comment ? String(args.initial_comment) : null, title: title ?? null });
    }
    return { ok: true, files: files.map((f) => ({ id: f.id, title: f.title })) };
  });

  slack.route('/files-pri/', (req, _body, res) => {
    const id = /^\/files-pri\/T1-(F[0-9A-Z]+)\//.exec(req.url ?? '')?.[1] ?? '';
    const f = shared.get(id);
    const authorised = req.headers.authorization === `Bearer ${FAKE_BOT_TOKEN}`;
    fake.downloads.push({ id, authorised });
    if (!f) return void res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    if (!authorised) return void res.writeHead(302, { location: 'https://example.slack.com/?redir=%2Ffiles-pri' }).end();
    if (f.html) return void res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end('<!DOCTYPE html><html><body>Sign in to Slack</body></html>');
    res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': String(f.bytes.length) }).end(f.bytes);
  });
  slack.route('/upload/v1/', (req, body, res) => {
    const id = /^\/upload\/v1\/(F[0-9A-Z]+)$/.exec(req.url ?? '')?.[1] ?? '';
    const p = pending.get(id);
    if (req.method !== 'POST' || !p || p.bytes) {
      fake.unexpected.push(`${req.method} ${req.url}`);
      return void res.writeHead(404).end();
    }
    void fileOf(req.headers['content-type'] ?? '', body).then((bytes) => {
      if (bytes.length !== p.length) fake.unexpected.push(`upload of ${id}: ${bytes.length} bytes, announced ${p.length}`);
      p.bytes = bytes;
      res.writeHead(200, { 'content-type': 'text/plain' }).end(`OK - ${bytes.length}`);
    });
  });
  return fake;
}
