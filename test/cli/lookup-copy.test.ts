/**
 * `lookup` answers the same whichever way it reads: building the index from the store (the
 * first lookup after a snapshot, which writes the copy), from the copy with the store left
 * unopened (store/sqlite/glance.ts), and from a copy whose designations are damaged (rebuilt). Text,
 * --json and --file, with counts in the thousands ("1,205 designations").
 */
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { persistedIndexPath } from '../../src/worker/lookup-copy.js';
import { thousands } from '../../src/core/basis.js';
import { cliSandbox, runCli } from '../helpers/cli.js';
import { cslJson, manyRows, SOURCES } from '../helpers/csl.js';

const QUERIES = ['Example Company 0042', 'Exampel Compnay 1100 Co', 'Müller Präzision', 'Shenzhen Lattice', 'Completely Unrelated Bakery', 'Orlov'];

describe('lookup from the copy', () => {
  const t = cliSandbox();

  async function answers(): Promise<string[]> {
    const runs = [
      ...QUERIES.flatMap((q) => [['lookup', q], ['lookup', q, '--json', '--limit', '3']]),
      ['lookup', '--file', join(t.dir, 'queries.txt'), '--json'],
      ['lookup', '--file', join(t.dir, 'queries.txt')],
    ];
    const out: string[] = [];
    for (const argv of runs) {
      const run = await runCli(argv, t.env);
      expect(run.code).toBe(0);
      out.push(run.stdout + run.stderr);
    }
    return out;
  }

  it('prints what a fresh build prints', async () => {
    const rows = [
      ...manyRows(1200),
      { name: 'Müller Präzisionstechnik GmbH', source: SOURCES.DPL, country: 'DE' },
      { name: 'Shenzhen Lattice Microsystems Co., Ltd.', aliases: ['Lattice Micro'], source: SOURCES.MEU },
      { name: 'Orlov Trading LLC', source: SOURCES.SDN, country: 'RU' },
      { name: 'Orlov Shipping', source: SOURCES.SDN, country: 'RU' },
      { name: 'Example Company 0042 Co., Ltd.', source: SOURCES.SDN },
    ];
    writeFileSync(join(t.dir, 'csl.json'), cslJson(rows));
    writeFileSync(join(t.dir, 'queries.txt'), `${QUERIES.join('\n')}\n`);
    expect((await runCli(['ingest', 'csl', join(t.dir, 'csl.json')], t.env)).code).toBe(0);
    const copy = persistedIndexPath(t.env.ENTITYWATCH_DB!)!;
    // First: built from the store (and the copy written after each answer, the same each time).
    expect(existsSync(copy)).toBe(false);
    const built = (await runCli(['lookup', QUERIES[0]!], t.env)).stdout;
    expect(existsSync(copy)).toBe(true);
    expect(built).toContain('Checked against 1,205 designations on 4 lists');
    const written = statSync(copy).mtimeMs;
    const fromCopy = await answers();
    expect(statSync(copy).mtimeMs).toBe(written);
    expect(fromCopy[0]).toBe(built);
    // Every designation read from the copy damaged: each answer comes from a rebuilt index.
    const whole = readFileSync(copy);
    const damaged = Buffer.from(whole);
    // The designations follow the version and come before the head (lookup-copy.ts's layout).
    const versionLength = whole.readUInt32BE(0);
    const designationsAt = 12 + versionLength;
    const headAt = whole.length - whole.readUInt32BE(4 + versionLength);
    let spots = 0;
    for (let at = whole.indexOf('{"list"', designationsAt); at !== -1 && at < headAt; at = whole.indexOf('{"list"', at + 1), spots++) damaged[at] = 0x78;
    expect(spots).toBe(1205);
    const rebuilt = [];
    for (const argv of [['lookup', QUERIES[0]!], ['lookup', QUERIES[3]!, '--json', '--limit', '3']]) {
      writeFileSync(copy, damaged);
      rebuilt.push((await runCli(argv, t.env)).stdout);
      // Rewritten whole by the rebuild.
      expect(readFileSync(copy).includes('{"list"')).toBe(true);
    }
    expect(rebuilt).toEqual([fromCopy[0], fromCopy[7]]);
    // And with no copy at all, every answer built afresh.
    const fresh: string[] = [];
    for (const q of QUERIES) {
      writeFileSync(copy, 'gone');
      fresh.push((await runCli(['lookup', q], t.env)).stdout);
    }
    expect(fresh).toEqual(fromCopy.filter((_, i) => i < 2 * QUERIES.length && i % 2 === 0));
  });

  it('formats counts as toLocaleString("en-US") does', () => {
    for (const n of [0, 1, 999, 1000, 1205, 30_000, 999_999, 1_000_000, 123_456_789, -1234, Number.MAX_SAFE_INTEGER]) {
      expect(thousands(n)).toBe(n.toLocaleString('en-US'));
    }
  });
});
