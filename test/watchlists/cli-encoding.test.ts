/**
 * The reported case end to end: a watchlist saved by Excel as "Unicode Text" (UTF-16 LE with a
 * BOM, tab-separated, with a country column) imports its real names — not NUL-laced garbage —
 * and screening finds the counterparty that is on the Entity List.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cliSandbox, runCli } from '../helpers/cli.js';
import { cslJson, manyRows } from '../helpers/csl.js';

describe('watchlist import of Excel "Unicode Text"', () => {
  const t = cliSandbox();

  it('imports UTF-16 with a BOM and screens it against the lists', async () => {
    const snapshot = join(t.dir, 'csl.json');
    writeFileSync(snapshot, cslJson([{ name: 'Hangzhou Hikvision Digital Technology Co., Ltd.', address: '555 Qianmo Road', city: 'Hangzhou', country: 'CN' }, ...manyRows(10)]));
    expect((await runCli(['ingest', 'csl', snapshot], t.env)).code).toBe(0);
    const list = join(t.dir, 'suppliers.txt');
    const text = 'Name\tCountry\tReference\r\nSkyRizon Trading\tUnited Arab Emirates\tS-1\r\nHangzhou Hikvision Digital Technology\tChina\tS-2\r\n';
    writeFileSync(list, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]));
    const imported = await runCli(['watchlist', 'import', list, '--name', 'suppliers', '--json'], t.env);
    expect(imported.code).toBe(0);
    expect(JSON.parse(imported.stdout)).toMatchObject({ name: 'suppliers', count: 2 });
    const screened = JSON.parse((await runCli(['watchlist', 'screen', 'suppliers', '--json'], t.env)).stdout);
    expect(screened.hits.map((h: { counterparty: string; reference: string }) => [h.counterparty, h.reference])).toEqual([['Hangzhou Hikvision Digital Technology', 'S-2']]);
  });

  it('refuses UTF-16 without a BOM, saying how to save the file, and imports nothing', async () => {
    const list = join(t.dir, 'nobom.txt');
    writeFileSync(list, Buffer.from('Name\tCountry\r\nAcme\tDE\r\n', 'utf16le'));
    const run = await runCli(['watchlist', 'import', list, '--name', 'suppliers'], t.env);
    expect(run).toMatchObject({ code: 2, stdout: '' });
    expect(run.stderr).toBe(`entitywatch: ${list}: the bytes look like UTF-16 without a byte-order mark: save it as CSV UTF-8 (in Excel: File › Save As › "CSV UTF-8 (Comma delimited)")\n`);
    expect(JSON.parse((await runCli(['watchlist', 'list', '--json'], t.env)).stdout)).toEqual([]);
  });
});
