/**
 * The quick same-body check: an unchanged body is recognised by length and xxh64 without sha256,
 * the check counts only for the body the source state's sha256 names, and a different body of
 * the same length is still read.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildSnapshotSource } from '../../src/sources/registry.js';
import { quickCheckOf } from '../../src/worker/body-check.js';
import { contentHash, pollSource } from '../../src/worker/poll.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { cslJson, manyRows } from '../helpers/csl.js';

const body = (text: string) => ({ bytes: Buffer.from(text), contentType: 'application/json', location: 'consolidated.json' });

describe('the quick same-body check', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await createTestApp({ CSL_URL: 'http://127.0.0.1:9/consolidated.json' });
  });
  afterEach(() => t.close());
  const ingest = (text: string) => pollSource(buildSnapshotSource('csl', t.app.config), t.app.pollDeps, { body: body(text) });

  it('remembers length and xxh64 of the accepted body, beside its sha256', async () => {
    const text = cslJson(manyRows(12));
    expect(await ingest(text)).toEqual({ status: 'baseline', count: 12 });
    const state = await t.app.store.getSourceState('csl');
    expect(await t.app.store.bodyCheck('csl')).toEqual({ contentHash: state?.contentHash, ...(await quickCheckOf(body(text))) });
    expect(state?.contentHash).toBe(contentHash(body(text)));
  });

  it('answers "unchanged" for the same bytes, and reads a changed body of the same length', async () => {
    const text = cslJson(manyRows(12));
    await ingest(text);
    expect(await ingest(text)).toEqual({ status: 'unchanged' });
    // One letter changed: same length, another hash — parsed and diffed, not taken for the old one.
    const changed = text.replace('11 Example Road', '11 Example Raod');
    expect(changed.length).toBe(text.length);
    expect(await ingest(changed)).toMatchObject({ status: 'changed', amended: 1 });
    expect((await t.app.store.bodyCheck('csl'))?.contentHash).toBe(contentHash(body(changed)));
  });

  it('ignores a check that is not of the accepted body, and falls back to sha256', async () => {
    const text = cslJson(manyRows(12));
    await ingest(text);
    await t.app.store.recordBodyCheck('csl', { contentHash: 'stale', ...(await quickCheckOf(body(text))) });
    expect(await ingest(text)).toEqual({ status: 'unchanged' });
    // The sha256 fallback rewrote the check for the accepted body.
    expect((await t.app.store.bodyCheck('csl'))?.contentHash).toBe((await t.app.store.getSourceState('csl'))?.contentHash);
  });
});
