import { existsSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { csvCell } from '../../src/watchlists/screen-csv.js';
import { tempDir } from '../helpers/app.js';
import { runCli } from '../helpers/cli.js';
import { cslJson, manyRows, type CslRowSpec } from '../helpers/csl.js';

const SUPPLIERS = new URL('../fixtures/watchlists/suppliers.csv', import.meta.url).pathname;
const base: CslRowSpec[] = [{ name: 'Toshiba Machine Co., Ltd.', address: '2 Harbour Road', city: 'Numazu', country: 'JP' }, ...manyRows(10)];
const HIKVISION: CslRowSpec = { name: 'Hangzhou Hikvision Digital Technology Co., Ltd.', address: '555 Qianmo Road', city: 'Hangzhou', country: 'CN' };

describe('entitywatch watchlist', () => {
  let dir: ReturnType<typeof tempDir>;
  let env: Record<string, string>;
  const snapshot = (name: string, rows: CslRowSpec[]): string => {
    const path = join(dir.dir, name);
    writeFileSync(path, cslJson(rows));
    return path;
  };
  beforeEach(() => {
    dir = tempDir();
    env = { ENTITYWATCH_DB: join(dir.dir, 'cli.db') };
  });
  afterEach(() => dir.cleanup());

  it('imports, lists, screens (text, CSV, JSON) and removes a watchlist', async () => {
    expect((await runCli(['ingest', 'csl', snapshot('v1.json', [...base, HIKVISION])], env)).code).toBe(0);

    const imported = await runCli(['watchlist', 'import', SUPPLIERS, '--name', 'suppliers'], env);
    expect(imported).toMatchObject({ code: 0, stdout: 'imported 4 counterparties into watchlist suppliers\n' });

    const list = JSON.parse((await runCli(['watchlist', 'list', '--json'], env)).stdout);
    expect(list).toEqual([{ name: 'suppliers', count: 4, createdBy: expect.stringMatching(/^cli:/), createdAt: expect.any(String), updatedAt: expect.any(String), membersHash: expect.stringMatching(/^sha256:[0-9a-f]{64}$/) }]);
    expect((await runCli(['watchlist', 'list'], env)).stdout).toMatch(/^suppliers\s+4 counterparties {2}\(by cli:/);

    const csv = await runCli(['watchlist', 'screen', 'suppliers', '--csv'], env);
    expect(csv.code).toBe(0);
    expect(csv.stdout.trimEnd().split('\n')).toEqual([
      'watchlist,counterparty,reference,list,designation,matched_name,score',
      'suppliers,Hikvision,SUP-0042,EL,"Hangzhou Hikvision Digital Technology Co., Ltd.","Hangzhou Hikvision Digital Technology Co., Ltd.",1',
      'suppliers,Toshiba,SUP-0044,EL,"Toshiba Machine Co., Ltd.","Toshiba Machine Co., Ltd.",1',
    ]);

    const json = JSON.parse((await runCli(['watchlist', 'screen', 'SUPPLIERS', '--json'], env)).stdout);
    expect(json).toMatchObject({ watchlist: 'suppliers', counterparties: 4, designations: 12 });
    expect(json.hits.map((h: { counterparty: string; designationKey: string }) => [h.counterparty, h.designationKey])).toEqual([
      ['Hikvision', 'EL:hangzhou hikvision digital technology co ltd'],
      ['Toshiba', 'EL:toshiba machine co ltd'],
    ]);

    const text = await runCli(['watchlist', 'screen', 'suppliers'], env);
    expect(text.stdout.split('\n').slice(0, 2)).toEqual([
      '2 hits: 4 counterparties of suppliers screened against 12 designations.',
      '1.00  Hikvision [SUP-0042] ↔ EL Hangzhou Hikvision Digital Technology Co., Ltd.',
    ]);

    expect(await runCli(['watchlist', 'remove', 'suppliers'], env)).toMatchObject({ code: 0, stdout: 'removed watchlist suppliers\n' });
    expect(JSON.parse((await runCli(['watchlist', 'list', '--json'], env)).stdout)).toEqual([]);
    expect(await runCli(['watchlist', 'remove', 'suppliers'], env)).toMatchObject({ code: 1, stderr: expect.stringContaining('no watchlist named "suppliers"') });
  });

  it('keeps the index it screened against beside the database, for the next lookup or ingest to restore', async () => {
    await runCli(['ingest', 'csl', snapshot('v1.json', [...base, HIKVISION])], env);
    await runCli(['watchlist', 'import', SUPPLIERS, '--name', 'suppliers'], env);
    const copy = `${env.ENTITYWATCH_DB}.lookup`;
    // Nothing screened yet, nothing looked up: no index was built, none kept.
    expect(existsSync(copy)).toBe(false);
    expect((await runCli(['watchlist', 'screen', 'suppliers'], env)).code).toBe(0);
    expect(existsSync(copy)).toBe(true);
    const kept = statSync(copy).mtimeMs;
    // Current: the lookup reads it and leaves it as it is.
    expect((await runCli(['lookup', 'Hikvision'], env)).stdout).toContain('Hangzhou Hikvision Digital Technology');
    expect(statSync(copy).mtimeMs).toBe(kept);
  });

  it('refuses to screen before the lists are loaded (exit 1), rather than say "No hits"', async () => {
    await runCli(['watchlist', 'import', SUPPLIERS, '--name', 'suppliers'], env);
    expect(await runCli(['watchlist', 'screen', 'suppliers'], env)).toEqual({ code: 1, stdout: '', stderr: 'entitywatch: the lists are not loaded yet: run `entitywatch poll`\n' });
  });

  it('says "no hits" and exits 0 when nothing matches', async () => {
    await runCli(['ingest', 'csl', snapshot('v1.json', manyRows(5))], env);
    await runCli(['watchlist', 'import', SUPPLIERS, '--name', 'suppliers'], env);
    expect(await runCli(['watchlist', 'screen', 'suppliers'], env)).toMatchObject({
      code: 0,
      stdout: expect.stringMatching(/^No hits: 4 counterparties of suppliers screened against 5 designations\.\nChecked against 5 designations on 1 list \(csl as of \d{4}-\d\d-\d\d \d\d:\d\d UTC\)\.\n$/),
    });
    const json = JSON.parse((await runCli(['watchlist', 'screen', 'suppliers', '--json'], env)).stdout);
    expect(json.basis).toMatchObject({ designations: 5, lists: ['EL'], sources: [{ id: 'csl', designations: 5, stale: false }], stale: false });
    const csv = await runCli(['watchlist', 'screen', 'suppliers', '--csv'], env);
    expect(csv).toMatchObject({ code: 0, stdout: 'watchlist,counterparty,reference,list,designation,matched_name,score\n', stderr: expect.stringContaining('No hits') });
  });

  it('refuses a second import without --replace, replaces with it, and writes nothing from a bad file', async () => {
    expect((await runCli(['watchlist', 'import', SUPPLIERS, '--name', 'suppliers'], env)).code).toBe(0);
    const again = await runCli(['watchlist', 'import', SUPPLIERS, '--name', 'suppliers'], env);
    expect(again).toMatchObject({ code: 2, stderr: expect.stringContaining('exists already: import with --replace') });

    const smaller = join(dir.dir, 'smaller.csv');
    writeFileSync(smaller, 'company,ref\nMegvii,SUP-0050\n');
    const replaced = await runCli(['watchlist', 'import', smaller, '--name', 'suppliers', '--replace', '--json'], env);
    expect(JSON.parse(replaced.stdout)).toMatchObject({ name: 'suppliers', count: 1, replaced: 4 });

    const bad = join(dir.dir, 'bad.csv');
    writeFileSync(bad, 'name,country\nAcme,DE\n,FR\nBeta,Atlantis\n');
    const refused = await runCli(['watchlist', 'import', bad, '--name', 'customers'], env);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toBe(
      `entitywatch: ${bad}: nothing imported: line 3: no name; line 4: unknown country "Atlantis" (use an ISO-2 code such as DE, or an English country name)\n`,
    );
    expect((await runCli(['watchlist', 'list', '--json'], env)).stdout).not.toContain('customers');
    expect((await runCli(['watchlist', 'import', join(dir.dir, 'missing.csv'), '--name', 'x'], env)).code).toBe(2);
    expect((await runCli(['watchlist', 'import', SUPPLIERS, '--name', 'two words'], env)).code).toBe(2);
  });

  it('announces a hit when an ingested snapshot lists a counterparty', async () => {
    await runCli(['ingest', 'csl', snapshot('v1.json', base)], env);
    await runCli(['watchlist', 'import', SUPPLIERS, '--name', 'suppliers'], env);
    const changed = await runCli(['ingest', 'csl', snapshot('v2.json', [...base, HIKVISION])], { ...env, CONSOLE_ALERTS: 'on' });
    expect(changed.code).toBe(0);
    expect(changed.stdout).toContain('csl: 1 added, 0 removed, 0 amended → 2 alert(s)');
    expect(changed.stdout).toContain(
      [
        '[HIGH csl] Watchlist hit — 1 counterparty on a new designation',
        '  1 new or amended designation screened against 4 counterparties in 1 watchlist',
        '  ! Hikvision [SUP-0042] (watchlist suppliers) ↔ Hangzhou Hikvision Digital Technology Co., Ltd. on EL via "Hangzhou Hikvision Digital Technology Co., Ltd." score 1.00',
      ].join('\n'),
    );
    const alerts = JSON.parse((await runCli(['alerts', '--json'], env)).stdout) as Array<{ alert: { kind: string; priority: string; hits?: unknown[] } }>;
    const hit = alerts.find((a) => a.alert.kind === 'watchlist-hit');
    expect(hit?.alert).toMatchObject({
      priority: 'high',
      hits: [{ watchlist: 'suppliers', counterparty: 'Hikvision', reference: 'SUP-0042', matchedName: 'Hangzhou Hikvision Digital Technology Co., Ltd.', score: 1 }],
    });
  });

  it('quotes CSV cells and keeps spreadsheets from running them as formulas', () => {
    expect(['plain', 'a,b', 'say "hi"', ' padded', '=HYPERLINK("x")', '-1', '@SUM'].map(csvCell)).toEqual([
      'plain',
      '"a,b"',
      '"say ""hi"""',
      '" padded"',
      `"'=HYPERLINK(""x"")"`,
      "'-1",
      "'@SUM",
    ]);
  });
});
