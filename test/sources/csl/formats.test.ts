/**
 * One model, any format: the JSON and the CSV of the same data give identical designations.
 * - same-data.json / same-data.csv: one invented fixture written in both formats (an `alt_names`
 *   item holding two names joined by "; " in the JSON, as trade.gov's JSON does);
 * - the real shared CSV converted to the API's JSON shape (when ../shared/data is there);
 * - switching CSL_URL from .json to .csv through the poll path announces nothing.
 */
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Designation } from '../../../src/core/model.js';
import { parseCsl } from '../../../src/sources/csl/index.js';
import { buildSnapshotSource } from '../../../src/sources/registry.js';
import { pollSource } from '../../../src/worker/poll.js';
import { createTestApp, tempDir } from '../../helpers/app.js';
import { jsonOfCsv } from '../../helpers/csl-formats.js';
import { startFakeServer } from '../../helpers/http.js';
import { body, fixture } from './helpers.js';
import { SHARED_DATA_URL } from '../../helpers/shared-data.js';

const asJson = (bytes: Buffer | string) => parseCsl(body(bytes, 'https://data.trade.gov/consolidated.json'));
const asCsv = (bytes: Buffer | string) => parseCsl(body(bytes, 'https://data.trade.gov/consolidated.csv'));

describe('JSON and CSV of the same data', () => {
  it('give identical designations for the same fixture written in both formats', () => {
    const fromJson = asJson(fixture('same-data.json'));
    expect(asCsv(fixture('same-data.csv'))).toEqual(fromJson);
    expect(fromJson.map((d) => [d.key, d.aliases])).toEqual([
      ['EL:lumen ridge microsystems co ltd', ['Lumen Ridge Micro', 'LRM Shenzhen', 'Lumen Ridge Technology']],
      ['SDN:93001', ['VOLKOV, Anatolii', 'VOLKOV, A. P.']],
      [expect.stringMatching(/^DPL:ellis sample#[0-9a-f]{8}$/), []],
      [expect.stringMatching(/^DPL:ellis sample#[0-9a-f]{8}$/), []],
    ]);
    expect(fromJson[1]).toMatchObject({
      countries: ['CY', 'RU'],
      addresses: ['Moscow, RU'],
      ids: ['Passport, 7100000, RU', 'Tax ID No., 770000000001, RU'],
      programs: ['RUSSIA-EO14024', 'SDGT'],
    });
  });

  it('read Windows-1252 punctuation stored as C1 controls (trade.gov\u2019s "Xi\\u0092an") as the character it stands for', () => {
    const json = fixture('same-data.json').toString('utf8').replace('Lumen Ridge Microsystems', 'Xi\u0092an Lumen Microsystems');
    const csv = fixture('same-data.csv').toString('utf8').replace('Lumen Ridge Microsystems', 'Xi\u0092an Lumen Microsystems');
    expect(asJson(json)[0]!.name).toBe('Xi\u2019an Lumen Microsystems Co., Ltd.');
    expect(asCsv(csv)[0]!.name).toBe('Xi\u2019an Lumen Microsystems Co., Ltd.');
    expect(asCsv(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(csv, 'utf16le')]))[0]!.name).toBe('Xi\u2019an Lumen Microsystems Co., Ltd.');
  });

  const shared = new URL('csl/', SHARED_DATA_URL);
  describe.skipIf(!existsSync(shared))('the real shared CSV and its API-shaped JSON', () => {
    for (const name of ['csl_sample_2025-06_moov-watchman.csv', 'csl_sample_2019-12_moov-watchman.csv', 'csl_partial_2023-11_moov-watchman.csv']) {
      it(`give identical designations: ${name}`, () => {
        const raw = readFileSync(new URL(name, shared));
        // The 2023 copy is the head of the real file, cut mid-record: keep its complete lines.
        const bytes = raw.subarray(0, raw.lastIndexOf(0x0a) + 1);
        const fromCsv = asCsv(bytes);
        const fromJson: Designation[] = asJson(JSON.stringify(jsonOfCsv(bytes.toString('utf8'))));
        expect(fromCsv.length).toBeGreaterThan(10);
        expect(fromJson).toEqual(fromCsv);
      });
    }
  });

  it('switching CSL_URL from the JSON to the CSV file announces nothing', async () => {
    const server = await startFakeServer();
    const dir = tempDir();
    try {
      server.route('GET', '/consolidated.json', (_req, res) => void res.writeHead(200, { 'content-type': 'application/json' }).end(fixture('same-data.json')));
      server.route('GET', '/consolidated.csv', (_req, res) => void res.writeHead(200, { 'content-type': 'text/csv' }).end(fixture('same-data.csv')));
      for (const [format, expected] of [['json', { status: 'baseline', count: 4 }], ['csv', { status: 'unchanged' }]] as const) {
        const t = await createTestApp({ CSL_URL: `${server.url}/consolidated.${format}` }, { dir: dir.dir });
        try {
          expect(await pollSource(buildSnapshotSource('csl', t.app.config), t.app.pollDeps)).toEqual(expected);
          expect(await t.app.store.listAlerts(10)).toEqual([]);
        } finally {
          await t.close();
        }
      }
      expect(server.unexpected).toEqual([]);
    } finally {
      dir.cleanup();
      await server.close();
    }
  });
});
