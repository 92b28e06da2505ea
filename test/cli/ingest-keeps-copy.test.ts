/**
 * `entitywatch ingest` of a change screened against a watchlist keeps the updated index copy
 * beside the database (src/worker/lookup-index.ts keep()): the next `lookup` reads it as current
 * (does not rewrite it) and prints what a build from the store prints.
 */
import { readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { persistedIndexPath } from '../../src/worker/lookup-copy.js';
import { cliSandbox, runCli } from '../helpers/cli.js';
import { cslJson, manyRows } from '../helpers/csl.js';

describe('ingest keeps the lookup copy', () => {
  const t = cliSandbox();

  it('writes the copy after a screened change, and lookup answers from it as from a build', async () => {
    const rows = manyRows(30);
    writeFileSync(join(t.dir, 'base.json'), cslJson(rows));
    writeFileSync(join(t.dir, 'next.json'), cslJson([...rows, { name: 'Lattice Qubit Technologies Co., Ltd.', address: '7 Spin Road', city: 'Hefei' }]));
    writeFileSync(join(t.dir, 'suppliers.txt'), 'Name\tCountry\tReference\nLattice Qubit Technologies\tChina\tS-1\n');
    expect((await runCli(['ingest', 'csl', join(t.dir, 'base.json')], t.env)).code).toBe(0);
    expect((await runCli(['watchlist', 'import', join(t.dir, 'suppliers.txt'), '--name', 'suppliers'], t.env)).code).toBe(0);
    const copy = persistedIndexPath(t.env.ENTITYWATCH_DB!)!;
    // A lookup writes the copy of the state before the change.
    expect((await runCli(['lookup', 'Example Company 0003'], t.env)).code).toBe(0);
    const before = readFileSync(copy);

    const ingested = await runCli(['ingest', 'csl', join(t.dir, 'next.json')], t.env);
    expect(ingested.code).toBe(0);
    expect(ingested.stdout).toContain('1 added');
    const after = readFileSync(copy);
    expect(after.equals(before)).toBe(false);
    const written = statSync(copy).mtimeMs;

    const fromCopy = await runCli(['lookup', 'Lattice Qubit', '--json'], t.env);
    expect(statSync(copy).mtimeMs).toBe(written);
    expect(JSON.parse(fromCopy.stdout).matches[0].name).toBe('Lattice Qubit Technologies Co., Ltd.');
    rmSync(copy);
    const built = await runCli(['lookup', 'Lattice Qubit', '--json'], t.env);
    expect(JSON.parse(fromCopy.stdout).matches).toEqual(JSON.parse(built.stdout).matches);
  });
});
