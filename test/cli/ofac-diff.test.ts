/**
 * `entitywatch diff ofac-sdn OLD NEW --json` on bare sdn.csv files (no ADD/ALT/COMMENTS beside
 * them), as the git-scraped snapshots come.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/app.js';
import { runCli } from '../helpers/cli.js';
import { SHARED_DATA_URL } from '../helpers/shared-data.js';

const sdn = readFileSync(new URL('../fixtures/ofac-sdn/SDN.CSV', import.meta.url), 'utf8');

describe('diff ofac-sdn on bare sdn.csv files', () => {
  let dir: ReturnType<typeof tempDir>;
  beforeEach(() => {
    dir = tempDir();
  });
  afterEach(() => dir.cleanup());

  it('prints added, removed and amended entries by entry number', async () => {
    // OFAC files end with a DOS end-of-file mark (0x1A) after the last line; keep it last.
    const lines = sdn.split(/\r?\n/).filter((line) => line !== '' && line !== '\x1a');
    const changed = [
      ...lines.filter((line) => !line.startsWith('104,')).map((line) => (line.startsWith('106,') ? line.replace('"SDGT"', '"SDGT] [IRAN"') : line)),
      '107,"DELTA LOGISTICS FZE",-0- ,"IRAN",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,"Linked To: GAMMA BANK."',
    ].join('\r\n');
    mkdirSync(join(dir.dir, 'old'));
    mkdirSync(join(dir.dir, 'new'));
    writeFileSync(join(dir.dir, 'old', 'sdn.csv'), sdn);
    writeFileSync(join(dir.dir, 'new', 'sdn.csv'), `${changed}\r\n\x1a`);

    const run = await runCli(['diff', 'ofac-sdn', join(dir.dir, 'old', 'sdn.csv'), join(dir.dir, 'new', 'sdn.csv'), '--json'], {
      ENTITYWATCH_DB: join(dir.dir, 'cli.db'),
    });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const diff = JSON.parse(run.stdout);
    expect(diff.added.map((d: { key: string; name: string }) => [d.key, d.name])).toEqual([['SDN:107', 'DELTA LOGISTICS FZE']]);
    expect(diff.removed.map((d: { key: string; name: string }) => [d.key, d.name])).toEqual([['SDN:104', 'SKY RUNNER']]);
    expect(diff.amended.map((a: { after: { key: string }; fields: Array<{ field: string }> }) => [a.after.key, a.fields.map((f) => f.field)])).toEqual([
      ['SDN:106', ['programs']],
    ]);
  });
});

const snapshots = new URL('ofac_sdn_csv_snapshots/', SHARED_DATA_URL).pathname;

describe.skipIf(!existsSync(snapshots))('diff ofac-sdn on the staged git-scraped snapshots', () => {
  it.each([
    // Counts documented in ../shared/data/SOURCES.md for these pairs.
    ['sdn_2021-12-09T1850.csv', 'sdn_2021-12-10T1850.csv', 25, 0],
    ['sdn_2023-03-28T1300.csv', 'sdn_2023-03-30T1843.csv', 1, 23],
    ['sdn_2024-05-01T1843.csv', 'sdn_2024-05-03T1843.csv', 7, 8],
  ])('%s → %s: +%i / -%i', async (before, after, added, removed) => {
    const run = await runCli(['diff', 'ofac-sdn', join(snapshots, before), join(snapshots, after), '--json']);
    expect(run.code).toBe(0);
    const diff = JSON.parse(run.stdout);
    expect([diff.added.length, diff.removed.length]).toEqual([added, removed]);
    expect(diff.added.every((d: { list: string; key: string }) => d.list === 'SDN' && /^SDN:\d+$/.test(d.key))).toBe(true);
  });
});
