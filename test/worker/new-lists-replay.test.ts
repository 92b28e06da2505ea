/**
 * Each new list through the real app (poll cycle, SQLite, deliverer) against local stand-ins
 * for the Federal Register API and the list's publisher (DHS, FCC pages; the 1260H list is
 * built from the Federal Register itself): the Federal Register announcement first, then the
 * list's own change, in one thread with the correlation note.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DesignationsAlert } from '../../src/core/alert.js';
import { MatchIndex } from '../../src/core/match/index.js';
import { parseCounterpartyCsv } from '../../src/watchlists/parse-csv.js';
import { createTestApp, tempDir, type TestApp } from '../helpers/app.js';
import { AGENCIES, startFakeFederalRegister, type DocSpec, type FakeFederalRegister } from '../helpers/federal-register.js';
import { snapshotRoute, startFakeServer, type FakeServer } from '../helpers/http.js';
import { threadedNotifier } from '../helpers/threaded.js';

const fixture = (path: string) => readFileSync(new URL(`../fixtures/${path}`, import.meta.url), 'utf8');

describe('new lists: Federal Register announcement, then the list change, one thread', () => {
  let fr: FakeFederalRegister;
  let publisher: FakeServer;
  let t: TestApp | null;
  let files: ReturnType<typeof tempDir>;

  beforeEach(async () => {
    fr = await startFakeFederalRegister();
    publisher = await startFakeServer();
    files = tempDir();
    t = null;
  });
  afterEach(async () => {
    files.cleanup();
    expect(fr.server.unexpected).toEqual([]);
    expect(publisher.unexpected).toEqual([]);
    await t?.close();
    await fr.close();
    await publisher.close();
  });

  async function app(env: Record<string, string>, notifier: ReturnType<typeof threadedNotifier>): Promise<TestApp> {
    t = await createTestApp({ FEDREG_API_URL: fr.url, CONSOLE_ALERTS: 'off', ...env }, { notifiers: [notifier] });
    return t;
  }

  async function step(a: TestApp): Promise<string[]> {
    const results = await a.app.pollAll();
    await a.app.deliverer.drain();
    return results.map((r) => `${r.source}:${r.outcome.status}`);
  }

  it('UFLPA: the DHS notice, then the page gaining its entities', async () => {
    const notifier = threadedNotifier();
    const page = snapshotRoute('text/html; charset=utf-8');
    publisher.route('GET', '/uflpa-entity-list', page.handler);
    const a = await app({ ENABLED_SOURCES: 'federal-register,uflpa', UFLPA_URL: `${publisher.url}/uflpa-entity-list` }, notifier);
    const before = fixture('uflpa/entity-list.html');
    const rows = ['Example Aluminum Products Co., Ltd.', 'Example Seafood Processing Group Co., Ltd.'].map((name) => `<tr><td>${name}</td><td></td><td>September 16, 2025 (90 FR 44001)</td></tr>`).join('');
    const after = before.replace('</tbody>', `${rows}</tbody>`);
    page.serve(before);
    fr.filings([]);
    fr.documents([]);
    expect(await step(a)).toEqual(['federal-register:baseline', 'uflpa:baseline']);
    const notice: DocSpec = {
      documentNumber: '2025-20001',
      title: 'Notice Regarding the Uyghur Forced Labor Prevention Act Entity List',
      agencies: AGENCIES.DHS,
      type: 'Notice',
      action: 'Notice.',
      publicationDate: '2025-09-16',
      citation: '90 FR 44001',
      xml: fixture('federal-register/notices/uflpa-notice.xml'),
    };
    fr.documents([notice]);
    expect(await step(a)).toEqual(['federal-register:items', 'uflpa:not-modified']);
    page.serve(after);
    expect(await step(a)).toEqual(['federal-register:not-modified', 'uflpa:changed']);

    expect(notifier.sent.map((s) => [s.title, s.threadRemoteId])).toEqual([
      ['Federal Register — published: Notice Regarding the Uyghur Forced Labor Prevention Act Entity List', null],
      ['UFLPA Entity List — 2 additions', 'msg-1'],
    ]);
    const early = await a.app.store.getAlert(notifier.sent[0]!.alertId);
    expect(early?.kind === 'document' ? early.documents[0]?.groups : null).toEqual([
      { action: 'added', list: 'UFLPA', country: null, names: ['Example Aluminum Products Co., Ltd.', 'Example Seafood Processing Group Co., Ltd.', 'Example Pepper Farming Company'] },
    ]);
    const change = (await a.app.store.getAlert(notifier.sent[1]!.alertId)) as DesignationsAlert;
    expect(change.notes).toContain('2 of these were announced in FR 2025-20001 (90 FR 44001, 2025-09-16)');
  });

  it('FCC Covered List: the FCC notice, then the page gaining the entity', async () => {
    const notifier = threadedNotifier();
    const page = snapshotRoute('text/html; charset=utf-8');
    publisher.route('GET', '/supplychain/coveredlist', page.handler);
    const a = await app({ ENABLED_SOURCES: 'federal-register,fcc-covered-list', FCC_COVERED_LIST_URL: `${publisher.url}/supplychain/coveredlist` }, notifier);
    const full = fixture('fcc-covered-list/coveredlist.html');
    const withoutTelecom = full.replace(/<tr>\s*<td><p>International telecommunications services provided by Example Telecom[\s\S]*?<\/tr>/, '');
    expect(withoutTelecom).not.toBe(full);
    page.serve(withoutTelecom);
    fr.filings([]);
    fr.documents([]);
    expect(await step(a)).toEqual(['federal-register:baseline', 'fcc-covered-list:baseline']);
    fr.documents([
      {
        documentNumber: '2025-30001',
        title: 'Public Safety and Homeland Security Bureau Announces Additions to the Covered List',
        agencies: AGENCIES.FCC,
        type: 'Notice',
        action: 'Notice.',
        publicationDate: '2025-09-20',
        citation: '90 FR 45001',
        xml: fixture('federal-register/notices/fcc-notice.xml'),
      },
    ]);
    await step(a);
    page.serve(full);
    expect(await step(a)).toEqual(['federal-register:not-modified', 'fcc-covered-list:changed']);
    expect(notifier.sent.map((s) => [s.title, s.threadRemoteId])).toEqual([
      ['Federal Register — published: Public Safety and Homeland Security Bureau Announces Additions to the Covered List', null],
      ['FCC Covered List — 1 addition', 'msg-1'],
    ]);
    const change = (await a.app.store.getAlert(notifier.sent[1]!.alertId)) as DesignationsAlert;
    expect(change.notes).toContain('1 of these was announced in FR 2025-30001 (90 FR 45001, 2025-09-20)');
  });

  it('1260H: the DoD notice announced, then the list built from it (additions and removals) in its thread', async () => {
    const notifier = threadedNotifier();
    const baseline = join(files.dir, 'baseline.txt');
    writeFileSync(baseline, fixture('1260h/baseline.txt'));
    const a = await app({ ENABLED_SOURCES: 'federal-register,1260h', DOD_1260H_BASELINE: baseline }, notifier);
    // A watch rule on the list code, and a counterparty on a watchlist: both must see the new list.
    await a.app.store.addWatchRule({ channel: '*', term: null, list: '1260H', country: null }, 'cli:test', '2025-06-01T00:00:00.000Z');
    await a.app.store.importWatchlist('suppliers', parseCounterpartyCsv('name,reference\nExample Biotech Holdings Ltd,SUP-7\n'), 'cli:test', '2025-06-01T00:00:00.000Z');
    fr.filings([]);
    fr.documents([]);
    expect(await step(a)).toEqual(['federal-register:baseline', '1260h:baseline']);
    expect(await step(a)).toEqual(['federal-register:not-modified', '1260h:not-modified']);
    fr.documents([
      {
        documentNumber: '2025-10001',
        title: 'Notice of Designation of Chinese Military Companies',
        agencies: AGENCIES.DOD,
        type: 'Notice',
        action: 'Notice of additions to and removals from the Section 1260H list.',
        publicationDate: '2025-06-10',
        citation: '90 FR 24001',
        xml: fixture('1260h/notice-2025-10001.xml'),
      },
    ]);
    expect(await step(a)).toEqual(['federal-register:items', '1260h:changed']);
    // Removals are announced when the next download agrees (core/removals.ts).
    expect(await step(a)).toEqual(['federal-register:not-modified', '1260h:changed']);
    expect(notifier.sent.map((s) => [s.title, s.threadRemoteId])).toEqual([
      ['Federal Register — published: Notice of Designation of Chinese Military Companies', null],
      ['1260H Chinese Military Companies List — 4 additions', 'msg-1'],
      ['Watchlist hit — 1 counterparty on a new designation', null],
      ['1260H Chinese Military Companies List — 2 removals', 'msg-1'],
    ]);
    const removals = (await a.app.store.getAlert(notifier.sent[3]!.alertId)) as DesignationsAlert;
    expect(removals.notes[0]).toBe('2 of these were announced in FR 2025-10001 (90 FR 24001, 2025-06-10)');
    const hit = await a.app.store.getAlert(notifier.sent[2]!.alertId);
    expect(hit?.kind === 'watchlist-hit' ? hit.hits.map((h) => [h.counterparty, h.list, h.designationName]) : null).toEqual([
      ['Example Biotech Holdings Ltd', '1260H', 'Example Biotech Holdings Limited'],
    ]);
    // Lookup answers from the new list like any other.
    const index = new MatchIndex();
    for (const { source, designation } of await a.app.store.allCurrentDesignations()) index.upsert(designation, source);
    expect(index.search('Example Lidar Technology', { limit: 1 })[0]?.designations.map((d) => [d.list, d.name])).toEqual([['1260H', 'Example Lidar Technology Co., Ltd. (ELT)']]);
    const change = (await a.app.store.getAlert(notifier.sent[1]!.alertId)) as DesignationsAlert;
    expect(change.notes).toEqual([
      '4 of these were announced in FR 2025-10001 (90 FR 24001, 2025-06-10)',
      'Built from the baseline of 2025-01-07 and FR 2025-10001',
    ]);
    const stored = await a.app.store.currentDesignations('1260h');
    expect(stored.find((d) => d.name === 'Example Biotech Holdings Limited')).toMatchObject({ list: '1260H', frCitation: '90 FR 24001', startDate: '2025-06-10' });
  });

  it('a 403 from the publisher is refused as blocked, with the hint, and nothing is announced', async () => {
    const notifier = threadedNotifier();
    publisher.route('GET', '/uflpa-entity-list', (_req, res) => void res.writeHead(403, { 'content-type': 'text/html' }).end(fixture('uflpa/challenge-403.html')));
    const a = await app({ ENABLED_SOURCES: 'uflpa', UFLPA_URL: `${publisher.url}/uflpa-entity-list` }, notifier);
    const [result] = await a.app.pollAll();
    expect(result?.outcome).toEqual({
      status: 'refused',
      code: 'blocked',
      kept: 'Nothing was stored: the source has no accepted snapshot yet.',
      reason: `${new URL(publisher.url).host} answered with HTTP 403, not the list; set UFLPA_URL (or sources.uflpa.url in the config file) to a mirror of the page, or to a copy saved from a browser (a local file)`,
    });
    expect(await a.app.store.currentDesignations('uflpa')).toEqual([]);
  });
});
