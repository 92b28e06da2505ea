/**
 * createRssSource.fetch on its own: conditional download passed through, filter applied, a
 * user regex that runs out of time counted as "no match" and logged.
 */
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { createRssSource } from '../../../src/sources/rss/index.js';
import type { FeedContext, Validators } from '../../../src/sources/types.js';

function feed(titles: string[]): Buffer {
  const items = titles.map((title, i) => `<item><title>${title}</title><guid>item-${i}</guid></item>`).join('');
  return Buffer.from(`<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>${items}</channel></rss>`);
}

function context(body: Buffer | 'not-modified', logs: Array<Record<string, unknown>>): FeedContext & { asked: Array<Validators | null> } {
  const asked: Array<Validators | null> = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      logs.push(JSON.parse(chunk.toString('utf8')) as Record<string, unknown>);
      done();
    },
  });
  return {
    asked,
    validators: { etag: '"v1"', lastModified: null },
    state: null,
    log: pino({ level: 'warn' }, sink),
    async download(_location, validators) {
      asked.push(validators);
      if (body === 'not-modified') return { status: 'not-modified' };
      return { status: 'fetched', body: { bytes: body, contentType: 'application/rss+xml', location: 'x' }, validators: { etag: '"v2"', lastModified: null } };
    },
  };
}

describe('rss source fetch', () => {
  it('treats a regex that runs out of time as no match, logs it, and keeps the other items', async () => {
    const logs: Array<Record<string, unknown>> = [];
    const source = createRssSource({ id: 'rss:t', title: 'T', url: 'x', include: ['entity list'], regex: '^(a+)+$', regexTimeoutMs: 20 });
    const ctx = context(feed([`${'a'.repeat(40)}b`, 'Additions to the Entity List', 'aaaa']), logs);
    const result = await source.fetch(ctx);
    expect(ctx.asked).toEqual([{ etag: '"v1"', lastModified: null }]);
    expect(result.status === 'fetched' && result.items.map((i) => [i.id, i.title])).toEqual([
      ['item-1', 'T: Additions to the Entity List'],
      ['item-2', 'T: aaaa'],
    ]);
    expect(result.status === 'fetched' && result.validators).toEqual({ etag: '"v2"', lastModified: null });
    expect(logs.map((l) => [l.msg, l.source, l.item])).toEqual([['feed regex timed out; item treated as no match', 'rss:t', 'item-0']]);
  });

  it('passes a 304 through', async () => {
    const source = createRssSource({ id: 'rss:t', title: 'T', url: 'x', include: [] });
    expect(await source.fetch(context('not-modified', []))).toEqual({ status: 'not-modified' });
  });
});
