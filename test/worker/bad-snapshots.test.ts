/**
 * Bad and odd CSL snapshots, table-driven, through the real poll path: a local trade.gov
 * stand-in serves a baseline, then the odd body; the real app (real SQLite file) polls it.
 * Each kind has its exact outcome — refused with which code, or accepted with exactly which
 * changes — and the alerts it may produce: none at all, except where a real change is served.
 * A refused snapshot leaves the stored designations as they were.
 */
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSnapshotSource } from '../../src/sources/registry.js';
import { pollSource, type PollOutcome } from '../../src/worker/poll.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { cslJson, manyRows, SOURCES, type CslRowSpec } from '../helpers/csl.js';
import { csvOfRows } from '../helpers/csl-formats.js';
import { startFakeServer, type FakeServer } from '../helpers/http.js';

type Row = Record<string, unknown>;

const SDN: CslRowSpec[] = Array.from({ length: 20 }, (_, i) => ({
  source: SOURCES.SDN,
  name: `EXAMPLE SHIPPING ${i}`,
  entityNumber: String(9000 + i),
  address: `${i} Harbour Street`,
  city: 'Tartus',
  country: 'SY',
}));
const DPL: CslRowSpec[] = [
  { source: SOURCES.DPL, name: 'John Example', address: '1 Main St', city: 'Austin', country: 'US', startDate: '2019-05-01' },
  { source: SOURCES.DPL, name: 'John Example', address: '9 Elm St', city: 'Dallas', country: 'US', startDate: '2021-02-03' },
];
const EL: CslRowSpec[] = [
  { name: 'Société Générale Exemple', address: '5 Rue Exemple', city: 'Paris', country: 'FR' },
  { name: 'Xi?an Example Optics Co.', address: '8 Keji Road', city: "Xi'an", country: 'CN', citation: '88 FR 2000', startDate: '2023-02-01' },
  { name: 'Hefei Exampel Photonics Co.', address: '2 Lake Road', city: 'Hefei', country: 'CN', citation: '88 FR 2000', startDate: '2023-02-01' },
  ...manyRows(60),
];
const BASE = [...SDN, ...DPL, ...EL];

/** The JSON rows of a spec list (ids stable per name, so a reordered file keeps them). */
function rowsOf(specs: readonly CslRowSpec[]): Row[] {
  return (JSON.parse(cslJson(specs)) as { results: Row[] }).results.map((row) => ({ ...row, id: `id-${String(row.name)}` }));
}
const json = (rows: readonly Row[]): string => JSON.stringify({ results: rows });
const csv = (rows: readonly Row[]): string => csvOfRows(rows);
const base = rowsOf(BASE);
const emptyRow = (): Row => Object.fromEntries(Object.keys(base[0]!).map((k) => [k, Array.isArray(base[0]![k]) ? [] : null]));

function utf16(text: string, order: 'le' | 'be', bom: boolean): Buffer {
  const le = Buffer.from(text, 'utf16le');
  const bytes = order === 'le' ? le : Buffer.from(le).swap16();
  const mark = order === 'le' ? [0xff, 0xfe] : [0xfe, 0xff];
  return bom ? Buffer.concat([Buffer.from(mark), bytes]) : bytes;
}

interface Case {
  name: string;
  format: 'json' | 'csv';
  body: () => string | Buffer;
  status?: number;
  outcome: PollOutcome | Record<string, unknown>;
  /** Designation alerts the odd snapshot may produce (0 unless it holds a real change). */
  alerts?: number;
}

const csvText = csv(base);
const lines = csvText.trimEnd().split('\n');
const header = lines[0]!;

const CASES: Case[] = [
  { name: 'cut inside a quoted field', format: 'csv', body: () => csvText.slice(0, csvText.lastIndexOf('Example Road') + 4), outcome: { status: 'refused', code: 'truncated' } },
  { name: 'cut inside a JSON value', format: 'json', body: () => json(base).slice(0, 5000), outcome: { status: 'refused', code: 'truncated' } },
  {
    name: 'cut at a row boundary near the end (the last 4 rows)',
    format: 'csv',
    body: () => `${lines.slice(0, -4).join('\n')}\n`,
    outcome: { status: 'unchanged', pendingRemovals: 4, suspectedCutOff: true },
  },
  { name: 'an HTML error page', format: 'json', body: () => '<!DOCTYPE html><html><body>502 Bad Gateway</body></html>', outcome: { status: 'refused', code: 'html' } },
  {
    name: 'a JSON rate-limit error object (HTTP 200)',
    format: 'json',
    body: () => JSON.stringify({ error: { code: 'OVER_RATE_LIMIT', message: 'You have exceeded your rate limit. Try again later.' } }),
    outcome: {
      status: 'unavailable',
      reason: 'trade.gov answered with an error instead of the list: OVER_RATE_LIMIT: You have exceeded your rate limit. Try again later.',
    },
  },
  {
    name: 'a JSON error object with HTTP 429',
    format: 'json',
    status: 429,
    body: () => JSON.stringify({ error: { code: 'OVER_RATE_LIMIT', message: 'You have exceeded your rate limit.' } }),
    outcome: { status: 'unavailable', reason: expect.stringMatching(/^HTTP 429 from .*: unavailable \(OVER_RATE_LIMIT: You have exceeded your rate limit\.\)$/) },
  },
  {
    name: 'a JSON error object that is not transient',
    format: 'json',
    body: () => JSON.stringify({ error: { code: 'API_KEY_INVALID', message: 'An invalid api_key was supplied.' } }),
    outcome: { status: 'refused', code: 'unparseable', reason: 'trade.gov answered with an error instead of the list: API_KEY_INVALID: An invalid api_key was supplied.' },
  },
  { name: 'an empty body', format: 'json', body: () => '', outcome: { status: 'refused', code: 'empty' } },
  { name: 'whitespace only', format: 'csv', body: () => ' \r\n\t \n ', outcome: { status: 'refused', code: 'empty' } },
  { name: 'a CSV header only', format: 'csv', body: () => `${header}\n`, outcome: { status: 'refused', code: 'empty' } },
  { name: 'an empty JSON results array', format: 'json', body: () => json([]), outcome: { status: 'refused', code: 'empty' } },
  { name: 'every row twice (CSV)', format: 'csv', body: () => csv([...base, ...base]), outcome: { status: 'refused', code: 'duplicated' } },
  { name: 'every row twice (JSON)', format: 'json', body: () => json(base.flatMap((r) => [r, r])), outcome: { status: 'refused', code: 'duplicated' } },
  { name: 'one row repeated exactly', format: 'json', body: () => json([...base, base[30]!]), outcome: { status: 'unchanged', duplicates: 1 } },
  { name: 'a Latin-1 re-encoding', format: 'csv', body: () => Buffer.from(csvText, 'latin1'), outcome: { status: 'refused', code: 'encoding' } },
  { name: 'UTF-16 LE with BOM', format: 'csv', body: () => utf16(csvText, 'le', true), outcome: { status: 'unchanged' } },
  { name: 'UTF-16 BE with BOM', format: 'csv', body: () => utf16(csvText, 'be', true), outcome: { status: 'unchanged' } },
  { name: 'UTF-16 without BOM', format: 'csv', body: () => utf16(csvText, 'le', false), outcome: { status: 'refused', code: 'encoding' } },
  { name: 'a UTF-8 BOM', format: 'csv', body: () => `\uFEFF${csvText}`, outcome: { status: 'unchanged' } },
  { name: 'a UTF-8 BOM on JSON', format: 'json', body: () => `\uFEFF${json(base)}`, outcome: { status: 'unchanged' } },
  { name: 'CRLF line endings', format: 'csv', body: () => csvText.replace(/\n/g, '\r\n'), outcome: { status: 'unchanged' } },
  {
    name: 'shuffled columns with their header',
    format: 'csv',
    body: () => csvOfRows(base, { columns: [...header.replace(/"/g, '').split(',')].reverse() }),
    outcome: { status: 'unchanged' },
  },
  { name: 'rows in another order', format: 'json', body: () => json([...base].reverse()), outcome: { status: 'unchanged' } },
  { name: 'the header repeated inside', format: 'csv', body: () => `${[...lines.slice(0, 30), header, ...lines.slice(30)].join('\n')}\n`, outcome: { status: 'unchanged' } },
  { name: 'the older 28-column format', format: 'csv', body: () => csvOfRows(base, { legacy: true }), outcome: { status: 'unchanged' } },
  { name: 'three nameless, empty rows', format: 'json', body: () => json([...base, emptyRow(), emptyRow(), emptyRow()]), outcome: { status: 'unchanged', skippedNoName: 3 } },
  { name: 'nameless rows past the share', format: 'csv', body: () => csv([...base, ...Array.from({ length: 30 }, emptyRow)]), outcome: { status: 'refused', code: 'unparseable' } },
  {
    name: "a list's source text renamed",
    format: 'json',
    body: () => json(base.map((r) => (r.source === SOURCES.EL ? { ...r, source: 'Entity List - Bureau of Industry and Security' } : r))),
    outcome: { status: 'refused', code: 'unparseable' },
  },
  { name: 'a whole list missing', format: 'json', body: () => json(base.filter((r) => r.source !== SOURCES.SDN)), outcome: { status: 'refused', code: 'mass-removal' } },
  {
    name: 'NUL bytes in a name',
    format: 'csv',
    body: () => Buffer.from(csvText.replace('Example Company 0007', 'Example\u0000Company 0007'), 'utf8'),
    outcome: { status: 'refused', code: 'encoding' },
  },
  { name: 'a replacement character in a name', format: 'json', body: () => json(base).replace('Société', 'Soci\uFFFDt\uFFFD'), outcome: { status: 'refused', code: 'encoding' } },
  {
    name: 'one 20 MB field',
    format: 'json',
    body: () => json(base.map((r, i) => (i === 5 ? { ...r, remarks: 'x'.repeat(20 * 1024 * 1024) } : r))),
    outcome: { status: 'refused', code: 'unparseable' },
  },
  { name: 'gzip bytes without the header', format: 'json', body: () => gzipSync(json(base)), outcome: { status: 'refused', code: 'encoding' } },
  { name: 'XML', format: 'csv', body: () => '<?xml version="1.0"?><results><result><name>x</name></result></results>', outcome: { status: 'refused', code: 'unparseable' } },
  {
    name: 'a repaired name (a rename)',
    format: 'json',
    body: () => json(base.map((r) => (r.name === 'Xi?an Example Optics Co.' ? { ...r, name: "Xi'an Example Optics Co." } : r))),
    outcome: { status: 'changed', count: base.length, added: 0, removed: 0, amended: 1, alerts: 1 },
    alerts: 1,
  },
  {
    name: 'a misspelt name repaired (a rename that changes the key)',
    format: 'csv',
    body: () => csv(base.map((r) => (r.name === 'Hefei Exampel Photonics Co.' ? { ...r, name: 'Hefei Example Photonics Co.' } : r))),
    outcome: { status: 'changed', count: base.length, added: 0, removed: 0, amended: 1, alerts: 1 },
    alerts: 1,
  },
  {
    name: 'one real addition, CRLF',
    format: 'csv',
    body: () => csv([...base, ...rowsOf([{ name: 'Gamma Sensing Ltd.', address: '3 Camera Lane', city: 'Hangzhou' }])]).replace(/\n/g, '\r\n'),
    outcome: { status: 'changed', count: base.length + 1, added: 1, removed: 0, amended: 0, alerts: 1 },
    alerts: 1,
  },
];

describe('bad and odd CSL snapshots through the poll path', () => {
  let server: FakeServer;
  let served: { body: string | Buffer; status: number } = { body: '', status: 200 };

  beforeAll(async () => {
    server = await startFakeServer();
    for (const path of ['/consolidated.json', '/consolidated.csv']) {
      server.route('GET', path, (_req, res) => {
        const type = path.endsWith('.json') ? 'application/json' : 'text/csv';
        res.writeHead(served.status, { 'content-type': type }).end(served.body);
      });
    }
  });
  afterAll(async () => {
    expect(server.unexpected).toEqual([]);
    await server.close();
  });

  /** A fresh real app polling the stand-in at `consolidated.<format>`, its baseline `first` accepted. */
  async function withBaseline(format: 'json' | 'csv', run: (t: TestApp, poll: () => Promise<PollOutcome>) => Promise<void>): Promise<void> {
    const t = await createTestApp({ CSL_URL: `${server.url}/consolidated.${format}` });
    try {
      const poll = () => pollSource(buildSnapshotSource('csl', t.app.config), t.app.pollDeps);
      served = { body: format === 'json' ? json(base) : csvText, status: 200 };
      expect(await poll()).toEqual({ status: 'baseline', count: base.length });
      await run(t, poll);
    } finally {
      await t.close();
    }
  }

  it('covers at least 25 kinds', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(25);
  });

  it.each(CASES.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    await withBaseline(c.format, async (t, poll) => {
      const before = await t.app.store.currentFingerprints('csl');

      served = { body: c.body(), status: c.status ?? 200 };
      const outcome = await poll();
      if (outcome.status === 'refused') {
        expect(outcome).toMatchObject(c.outcome);
        expect(outcome.reason).not.toContain('\n');
        expect(outcome.kept).toBe(`Stored state is unchanged: kept the snapshot accepted at ${(await t.app.store.getSourceState('csl'))!.lastSuccessAt} (${base.length} designations).`);
      } else if (outcome.status === 'unavailable') {
        expect(outcome).toEqual(c.outcome);
      } else {
        expect(outcome).toEqual(c.outcome);
      }
      const designationAlerts = (await t.app.store.listAlerts(50)).filter((r) => r.alert.kind === 'designations');
      expect(designationAlerts).toHaveLength(c.alerts ?? 0);
      if (c.alerts === undefined) expect(await t.app.store.currentFingerprints('csl')).toEqual(before);
    });
  });

  it('a cut at a row boundary is forgotten once the full file is back: nothing announced', async () => {
    await withBaseline('csv', async (t, poll) => {
      served = { body: `${lines.slice(0, -4).join('\n')}\n`, status: 200 };
      expect(await poll()).toEqual({ status: 'unchanged', pendingRemovals: 4, suspectedCutOff: true });
      // The same cut bytes again do not confirm a suspected cut-off…
      expect(await poll()).toEqual({ status: 'unchanged', pendingRemovals: 4, suspectedCutOff: true });
      served = { body: csvText, status: 200 };
      // …and the full file makes the suspects nothing.
      expect(await poll()).toEqual({ status: 'unchanged' });
      expect(await t.app.store.guardState('csl')).toMatchObject({ pending: [] });
      expect((await t.app.store.listAlerts(50)).filter((r) => r.alert.kind === 'designations')).toEqual([]);
    });
  });

  it('words renames "renamed from …", with or without a new key', async () => {
    await withBaseline('json', async (t, poll) => {
      const repaired: Record<string, string> = { 'Xi?an Example Optics Co.': "Xi'an Example Optics Co.", 'Hefei Exampel Photonics Co.': 'Hefei Example Photonics Co.' };
      served = { body: json(base.map((r) => ({ ...r, name: repaired[String(r.name)] ?? r.name }))), status: 200 };
      expect(await poll()).toEqual({ status: 'changed', count: base.length, added: 0, removed: 0, amended: 2, alerts: 1 });
      const [record] = await t.app.store.listAlerts(5);
      if (record?.alert.kind !== 'designations') throw new Error('expected a designations alert');
      const changes = record.alert.changes.map((c) => (c.kind === 'amended' ? [c.before.key, c.after.key, c.fields.map((f) => f.summary)] : c.kind));
      expect(changes.sort()).toEqual([
        ['EL:hefei exampel photonics co', 'EL:hefei example photonics co', ['renamed from "Hefei Exampel Photonics Co."']],
        ['EL:xi an example optics co', 'EL:xi an example optics co', ['renamed from "Xi?an Example Optics Co."']],
      ]);
    });
  });
});
