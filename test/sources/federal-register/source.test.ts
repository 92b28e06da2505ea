/**
 * The federal-register feed source through the real poll cycle (pollFeed, SQLite store) against a
 * local Federal Register API: baseline, early warning, publication in the same thread, filters,
 * conditional requests and failures.
 */
import { readFileSync } from 'node:fs';
import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Alert, DocumentAlert } from '../../../src/core/alert.js';
import { documentsUrl } from '../../../src/sources/federal-register/index.js';
import { MAX_EXTRA_PAGES } from '../../../src/sources/federal-register/fetch.js';
import { buildSource } from '../../../src/sources/registry.js';
import type { FeedSource } from '../../../src/sources/types.js';
import { pollFeed } from '../../../src/worker/poll-feed.js';
import { createTestApp, type TestApp } from '../../helpers/app.js';
import { AGENCIES, startFakeFederalRegister, type DocSpec, type FakeFederalRegister } from '../../helpers/federal-register.js';

const fixture = (name: string) => readFileSync(new URL(`../../fixtures/federal-register/feed/${name}`, import.meta.url), 'utf8');

const LATTICE_FILING: DocSpec = {
  documentNumber: '2024-10077',
  title: 'Additions to the Entity List',
  filedAt: '2024-05-08T08:45:00.000-04:00',
  publicationDate: '2024-05-09',
  text: fixture('lattice-public-inspection.txt'),
};

const LATTICE_RULE: DocSpec = {
  documentNumber: '2024-10077',
  title: 'Additions to the Entity List',
  publicationDate: '2024-05-09',
  citation: '89 FR 41001',
  action: 'Final rule.',
  abstract: 'In this rule, BIS amends the EAR by adding two entities to the Entity List.',
  xml: fixture('lattice-rule.xml'),
};

/** Documents the configured filter must ignore: wrong agency, or no configured term. */
const UNRELATED: DocSpec[] = [
  { documentNumber: '2024-10001', title: 'Airworthiness Directives; Example Aircraft Company Airplanes', agencies: AGENCIES.FAA },
  { documentNumber: '2024-10002', title: 'Revision of License Exception Eligibility for Example Items', text: 'not read' },
  { documentNumber: '2024-10003', title: 'Privacy Act of 1974; System of Records', agencies: AGENCIES.DHS, type: 'Notice' },
  { documentNumber: '2024-10004', title: 'Entity List Entries of an Example Aviation Programme', agencies: AGENCIES.FAA },
];

const BASELINE_FILINGS: DocSpec[] = [
  { documentNumber: '2024-09001', title: 'Additions to the Entity List', filedAt: '2024-05-01T08:45:00.000-04:00', publicationDate: '2024-05-02', text: 'an older filing' },
  UNRELATED[0]!,
];

function documentAlerts(records: Array<{ alert: Alert }>): DocumentAlert[] {
  return records.map((r) => r.alert).filter((a): a is DocumentAlert => a.kind === 'document');
}

describe('federal-register source against a local Federal Register API', () => {
  let fr: FakeFederalRegister;
  let t: TestApp;
  let source: FeedSource;

  beforeEach(async () => {
    fr = await startFakeFederalRegister();
    t = await createTestApp({ ENABLED_SOURCES: 'federal-register', FEDREG_API_URL: fr.url, CONSOLE_ALERTS: 'on' });
    const built = buildSource('federal-register', t.app.config);
    if (built.kind !== 'feed') throw new Error('federal-register should be a feed');
    source = built;
  });
  afterEach(async () => {
    expect(fr.server.unexpected).toEqual([]);
    await t.close();
    await fr.close();
  });

  const poll = () => pollFeed(source, t.app.pollDeps);
  const alerts = async () => documentAlerts(await t.app.store.listAlerts(50)).reverse();

  it('asks for the configured agencies’ rules and notices with every field it reads, naming the project', async () => {
    fr.filings([]);
    fr.documents([]);
    await poll();
    const [pi, docs] = fr.server.requests;
    expect(pi?.path).toBe('/api/v1/public-inspection-documents/current.json');
    const query = new URL(docs!.path, fr.url).searchParams;
    expect(query.getAll('conditions[agencies][]')).toEqual([
      'industry-and-security-bureau',
      'foreign-assets-control-office',
      'defense-department',
      'homeland-security-department',
      'federal-communications-commission',
    ]);
    expect(query.getAll('conditions[type][]')).toEqual(['RULE', 'NOTICE']);
    expect(query.get('order')).toBe('newest');
    expect(query.get('per_page')).toBe('100');
    expect(query.getAll('fields[]')).toEqual(expect.arrayContaining(['document_number', 'title', 'action', 'agencies', 'citation', 'full_text_xml_url', 'public_inspection_pdf_url']));
    expect(`${fr.url}${docs!.path}`).toBe(documentsUrl(fr.url, t.app.config.sources.federalRegister.agencies));
    expect(pi?.headers['user-agent']).toMatch(/^entitywatch\//);
  });

  it('takes the first poll as a silent baseline, then costs two 304s while nothing changes', async () => {
    fr.filings(BASELINE_FILINGS);
    fr.documents([]);
    expect(await poll()).toEqual({ status: 'baseline', count: 1, unit: 'items' });
    expect(await t.app.store.listAlerts(10)).toEqual([]);
    expect(await t.app.store.seenFeedItems('federal-register', ['2024-09001:public-inspection'])).toEqual(new Set(['2024-09001:public-inspection']));

    expect(await poll()).toEqual({ status: 'not-modified' });
    expect(fr.hits).toEqual({ filings: { full: 1, notModified: 1 }, documents: { full: 1, notModified: 1 } });
  });

  it('announces a filing on public inspection once, with the entity names read from its text', async () => {
    fr.filings(BASELINE_FILINGS);
    fr.documents([]);
    await poll();
    fr.filings([...BASELINE_FILINGS, LATTICE_FILING, ...UNRELATED]);
    expect(await poll()).toEqual({ status: 'items', seen: 2, new: 1, alerts: 1 });

    const [alert] = await alerts();
    expect(alert).toMatchObject({
      kind: 'document',
      source: 'federal-register',
      title: 'Federal Register — public inspection: Additions to the Entity List',
      threadOf: null,
      notes: ['Publication pending: filed for public inspection 2024-05-08, to be published 2024-05-09', 'Agency: Industry and Security Bureau', 'Type: Rule'],
      links: [
        { label: 'Public inspection', url: 'https://www.federalregister.gov/public-inspection/2024-10077/additions-to-the-entity-list' },
        { label: 'PDF', url: 'https://public-inspection.federalregister.gov/2024-10077.pdf?1715170000' },
      ],
    });
    expect(alert?.documents).toEqual([
      {
        title: 'Additions to the Entity List',
        url: 'https://www.federalregister.gov/public-inspection/2024-10077/additions-to-the-entity-list',
        publisher: 'Industry and Security Bureau',
        date: '2024-05-08',
        summary: null,
        entities: ['Lattice Qubit Technologies Co., Ltd.', 'OOO Polar Example Instruments'],
        groups: [
          { action: 'added', list: 'EL', country: 'China', names: ['Lattice Qubit Technologies Co., Ltd.'] },
          { action: 'added', list: 'EL', country: 'Russia', names: ['OOO Polar Example Instruments'] },
        ],
      },
    ]);
    const announced = await t.app.store.findAnnouncements([{ list: 'EL', name: 'lattice qubit technologies co ltd' }]);
    expect(announced.map((a) => [a.alertId, a.reference])).toEqual([[alert!.id, 'FR 2024-10077 (public inspection, 2024-05-08)']]);
    // Only the relevant BIS list rule's text is read; unrelated filings are not even fetched.
    expect(fr.requestsFor('/public-inspection/raw_text/2024/100/77.txt')).toBe(1);
    expect(fr.requestsFor('/public-inspection/raw_text/2024/100/02.txt')).toBe(0);

    expect(await t.app.deliverer.drain()).toBe(1);
    expect(t.output()).toContain('Lattice Qubit Technologies Co., Ltd.');
  });

  it('posts the published rule in the public-inspection alert’s thread, with the entries it adds', async () => {
    fr.filings([]);
    fr.documents([]);
    await poll();
    fr.filings([LATTICE_FILING]);
    await poll();
    fr.documents([LATTICE_RULE, { ...UNRELATED[1]!, documentNumber: '2024-10010' }]);
    expect(await poll()).toEqual({ status: 'items', seen: 1, new: 1, alerts: 1 });

    const [early, published] = await alerts();
    expect(published).toMatchObject({
      title: 'Federal Register — published: Additions to the Entity List',
      threadOf: early!.id,
      notes: ['Published 2024-05-09 as 89 FR 41001', 'Agency: Industry and Security Bureau', 'Action: Final rule.'],
      links: [
        { label: '89 FR 41001', url: 'https://www.federalregister.gov/documents/2024/05/09/2024-10077/additions-to-the-entity-list' },
        { label: 'PDF', url: 'https://www.govinfo.gov/content/pkg/FR-2024-05-09/pdf/2024-10077.pdf' },
        { label: 'Public inspection PDF', url: 'https://public-inspection.federalregister.gov/2024-10077.pdf?1715170000' },
      ],
    });
    expect(published?.documents[0]).toMatchObject({
      date: '2024-05-09',
      summary: 'In this rule, BIS amends the EAR by adding two entities to the Entity List.',
      entities: ['Lattice Qubit Technologies Co., Ltd.', 'OOO Polar Example Instruments'],
    });
    const announced = await t.app.store.findAnnouncements([{ list: 'EL', name: 'ooo polar example instruments' }]);
    expect(announced.map((a) => a.reference)).toEqual(['FR 2024-10077 (public inspection, 2024-05-08)', 'FR 2024-10077 (89 FR 41001, 2024-05-09)']);

    // The filing is still on public inspection: a change elsewhere in current.json neither
    // re-announces it nor reads its text again.
    fr.filings([LATTICE_FILING, UNRELATED[0]!]);
    expect(await poll()).toEqual({ status: 'items', seen: 1, new: 0, alerts: 0 });
    expect(fr.requestsFor('/public-inspection/raw_text/2024/100/77.txt')).toBe(1);
    expect(fr.requestsFor('/documents/full_text/xml/2024/05/09/2024-10077.xml')).toBe(1);
  });

  it('announces a document first seen published (an OFAC notice) as its own thread', async () => {
    fr.filings([]);
    fr.documents([]);
    await poll();
    fr.documents([
      { documentNumber: '2024-10050', title: 'Notice of OFAC Sanctions Actions', agencies: AGENCIES.OFAC, type: 'Notice', action: 'Notice.', publicationDate: '2024-05-10', citation: '89 FR 41500' },
    ]);
    await poll();
    const [alert] = await alerts();
    expect(alert).toMatchObject({
      title: 'Federal Register — published: Notice of OFAC Sanctions Actions',
      threadOf: null,
      notes: ['Published 2024-05-10 as 89 FR 41500', 'Agency: Foreign Assets Control Office', 'Action: Notice.'],
    });
    expect(alert?.documents[0]?.entities).toEqual([]);
  });

  it('still alerts when a filing’s text cannot be read, saying where to look', async () => {
    fr.filings([]);
    fr.documents([]);
    await poll();
    fr.filings([{ ...LATTICE_FILING, text: undefined }]);
    expect(await poll()).toEqual({ status: 'items', seen: 1, new: 1, alerts: 1 });
    const [alert] = await alerts();
    expect(alert?.notes).toContain('Entity names could not be read from the filing; see the PDF.');
    expect(alert?.documents[0]?.entities).toEqual([]);
    expect(fr.server.unexpected.map((r) => r.path)).toEqual(['/public-inspection/raw_text/2024/100/77.txt']);
    fr.server.unexpected.length = 0;
  });

  it('a 503 is "unavailable": nothing is remembered, and the next good poll announces the filing', async () => {
    fr.filings([]);
    fr.documents([]);
    await poll();
    fr.filings([LATTICE_FILING]);
    fr.failFilings(503);
    expect(await poll()).toMatchObject({ status: 'unavailable' });
    expect(await t.app.store.listAlerts(10)).toEqual([]);
    expect(await t.app.store.seenFeedItems('federal-register', ['2024-10077:public-inspection'])).toEqual(new Set());
    expect((await t.app.store.getSourceState('federal-register'))?.consecutiveFailures).toBe(1);

    fr.failFilings(null);
    expect(await poll()).toEqual({ status: 'items', seen: 1, new: 1, alerts: 1 });
  });

  it('refuses a page of the wrong shape without remembering anything', async () => {
    fr.filings([]);
    fr.documents([]);
    await poll();
    fr.server.route('GET', '/api/v1/public-inspection-documents/current.json', (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"results":[{"title":"no number"}]}');
    });
    expect(await poll()).toMatchObject({ status: 'refused', code: 'unparseable' });
    expect(documentAlerts(await t.app.store.listAlerts(10))).toEqual([]);
    expect((await t.app.store.getSourceState('federal-register'))?.lastError?.code).toBe('unparseable');
  });

  it('follows next_page_url after an outage until a document seen before, and no further', async () => {
    const older = (n: number): DocSpec => ({ documentNumber: `2024-0${8000 + n}`, title: `Notice of OFAC Sanctions Actions ${n}`, agencies: AGENCIES.OFAC, type: 'Notice' });
    fr.filings([]);
    fr.documents([older(1), older(2)]);
    await poll();
    // Five documents published while the worker was down, newest first, two per page.
    const missed = [5, 4, 3].map((n) => older(n));
    fr.documents([...missed, older(2), older(1)], { perPage: 2 });
    expect(await poll()).toEqual({ status: 'items', seen: 4, new: 3, alerts: 3 });
    const paths = fr.server.requests.map((r) => r.path).filter((path) => /[?&]page=/.test(path));
    // Page 2 holds a document seen before: page 3 is not asked for; the mirror host is kept.
    expect(paths).toEqual(['/api/v1/documents.json?order=newest&page=2&per_page=2']);
    expect((await alerts()).map((a) => a.title)).toEqual([5, 4, 3].map((n) => `Federal Register — published: Notice of OFAC Sanctions Actions ${n}`));
  });

  it('stops at the page bound, and logs it, when no page reaches a document seen before', async () => {
    const notice = (n: number): DocSpec => ({ documentNumber: `2024-${String(20000 + n)}`, title: `Notice of OFAC Sanctions Actions ${n}`, agencies: AGENCIES.OFAC, type: 'Notice' });
    fr.filings([]);
    fr.documents([notice(0)]);
    await poll();
    fr.documents(Array.from({ length: 30 }, (_, i) => notice(30 - i)), { perPage: 2 });
    // The poll's own logger, to see the bound logged.
    const lines: string[] = [];
    const log = pino({ level: 'warn' }, { write: (line: string) => void lines.push(line) });
    expect(await pollFeed(source, { ...t.app.pollDeps, log })).toEqual({ status: 'items', seen: 20, new: 20, alerts: 20 });
    expect(fr.server.requests.filter((r) => /[?&]page=/.test(r.path)).length).toBe(MAX_EXTRA_PAGES);
    const warned = lines.map((line) => JSON.parse(line) as { msg: string; pages: number; documents: number }).filter((l) => l.msg.startsWith('documents page bound reached'));
    expect(warned.map((l) => [l.pages, l.documents])).toEqual([[MAX_EXTRA_PAGES + 1, 20]]);
  });

  it('groups a filing’s entries by action and country, and announces removals for the list’s later removal', async () => {
    fr.filings([]);
    fr.documents([]);
    await poll();
    fr.filings([{ documentNumber: '2024-10500', title: 'Additions to and Revisions of Entries on the Entity List', text: fixture('mixed-public-inspection.txt') }]);
    await poll();
    const [alert] = await alerts();
    expect(alert?.documents[0]?.groups).toEqual([
      { action: 'added', list: 'EL', country: 'China', names: ['Aurora Example Semiconductor Co., Ltd.', 'Boreal Example Optics Institute'] },
      { action: 'added', list: 'EL', country: 'Hong Kong', names: ['Aurora Example Semiconductor Co., Ltd.'] },
      { action: 'added', list: 'EL', country: 'Russia', names: ['OOO Example Tundra'] },
      { action: 'revised', list: 'EL', country: 'China', names: ['Cinder Example Vision Technology Co., Ltd.'] },
      { action: 'removed', list: 'EL', country: 'Pakistan', names: ['Delta Example Engineering (Pvt.) Ltd.'] },
    ]);
    const removal = await t.app.store.findAnnouncements([{ list: 'EL', name: 'removed:delta example engineering pvt ltd' }]);
    expect(removal.map((a) => a.alertId)).toEqual([alert!.id]);
    // An addition of the same name is not a removal's announcement, and the other way round.
    expect(await t.app.store.findAnnouncements([{ list: 'EL', name: 'delta example engineering pvt ltd' }])).toEqual([]);
  });

  it('reads a DoD 1260H filing’s plain text: what it adds and removes, on the 1260H list', async () => {
    fr.filings([]);
    fr.documents([]);
    await poll();
    const text = readFileSync(new URL('../../fixtures/1260h/notice-2025-10001.txt', import.meta.url), 'utf8');
    fr.filings([{ documentNumber: '2025-10001', title: 'Notice of Designation of Chinese Military Companies', agencies: AGENCIES.DOD, type: 'Notice', text }]);
    expect(await poll()).toEqual({ status: 'items', seen: 1, new: 1, alerts: 1 });
    const [alert] = await alerts();
    expect(alert?.documents[0]?.groups).toEqual([
      { action: 'added', list: '1260H', country: null, names: ['Example Lidar Technology Co., Ltd. (ELT)', 'Example Battery Group Co., Ltd.', 'Example Battery Materials Co., Ltd.', 'Example Biotech Holdings Limited'] },
      { action: 'removed', list: '1260H', country: null, names: ['Example Memory Technologies Co., Ltd.', 'Example Drone Technology Co., Ltd.'] },
    ]);
    expect(alert?.notes[0]).toBe('Publication pending: filed for public inspection 2024-05-08, to be published 2024-05-09');
    expect((await t.app.store.findAnnouncements([{ list: '1260H', name: 'removed:example drone technology co ltd' }])).map((a) => a.alertId)).toEqual([alert!.id]);
  });

  it('posts a filing withdrawn after placement on public inspection in its thread, once', async () => {
    fr.filings([]);
    fr.documents([]);
    await poll();
    fr.filings([LATTICE_FILING]);
    await poll();
    const note = 'Editorial Note: An agency letter requesting withdrawal of this document was received after placement on public inspection.';
    fr.filings([{ ...LATTICE_FILING, editorialNote: note }]);
    expect(await poll()).toEqual({ status: 'items', seen: 2, new: 1, alerts: 1 });
    const [early, withdrawn] = await alerts();
    expect(withdrawn).toMatchObject({
      title: 'Federal Register — withdrawn from public inspection: Additions to the Entity List',
      priority: 'high',
      threadOf: early!.id,
      notes: [note, 'It will not be published as filed: the names it announced do not come from it.'],
    });
    fr.filings([{ ...LATTICE_FILING, editorialNote: note }, UNRELATED[0]!]);
    expect(await poll()).toEqual({ status: 'items', seen: 2, new: 0, alerts: 0 });
  });
});
