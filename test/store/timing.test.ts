/**
 * Store timings on 30,000 synthetic designations. Not a check: runs only with STORE_TIMING=1
 * and prints figures (best and every run); nothing here asserts a duration. Rows are ~700
 * bytes of JSON each, like CSL Entity List rows.
 *
 *   STORE_TIMING=1 npx vitest run test/store/timing.test.ts
 */
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { describe, expect, it } from 'vitest';
import { changedFields } from '../../src/core/diff.js';
import { LIST_CODES, type Designation } from '../../src/core/model.js';
import { openSqliteStore } from '../../store/sqlite/index.js';
import { Designation as DesignationSchema } from '../../store/sqlite/rows.js';
import { makeDesignation } from '../helpers/designations.js';
import { commitOf, emptyDiff, tempDir } from './fixtures.js';

const N = 30_000;
const RUNS = 5;

function synthetic(i: number): Designation {
  const list = LIST_CODES[i % LIST_CODES.length]!;
  return makeDesignation({
    name: `Synthetic Trading Company Number ${i} Limited`,
    list,
    sourceId: String(100_000 + i),
    aliases: [`STC ${i}`, `Synthetic Trading ${i} LLC`],
    countries: ['CN', 'HK'],
    addresses: [`Room ${i % 900}, Building ${i % 37}, ${i % 500} Industrial Road, Shenzhen, Guangdong, CN`],
    programs: ['RUSSIA-EO14024'],
    frCitation: `89 FR ${10_000 + (i % 5000)}`,
    startDate: '2024-05-01',
    licenseRequirement: 'For all items subject to the EAR. (See §744.11 of the EAR)',
    licensePolicy: 'Presumption of denial.',
    ids: [`Registration ID ${900_000 + i} (China)`],
    remarks: i % 3 === 0 ? `Linked To: PARENT ${i % 100}.` : null,
    sourceUrl: `https://example.test/entry/${i}`,
  });
}

function time<T>(fn: () => T): { ms: number; value: T } {
  const start = performance.now();
  const value = fn();
  return { ms: performance.now() - start, value };
}

async function timeAsync<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const start = performance.now();
  const value = await fn();
  return { ms: performance.now() - start, value };
}

describe.skipIf(!process.env.STORE_TIMING)('store timings (30k designations)', () => {
  it('prints figures', async () => {
    const rows = Array.from({ length: N }, (_, i) => synthetic(i));
    const figures: Record<string, number[]> = {};
    const add = (name: string, ms: number) => (figures[name] ??= []).push(Math.round(ms * 10) / 10);

    for (let run = 0; run < RUNS; run++) {
      const { dir, cleanup } = tempDir();
      const store = openSqliteStore(join(dir, 'timing.db'));
      try {
        const baseline = commitOf('csl', '2024-05-01T00:00:00.000Z', { ...emptyDiff(), added: rows }, { baseline: true });
        const cpu = process.cpuUsage();
        add('commitSnapshot baseline 30k (fingerprints precomputed)', (await timeAsync(() => store.commitSnapshot(baseline))).ms);
        const used = process.cpuUsage(cpu);
        add('  the same, CPU time (user + system)', (used.user + used.system) / 1000);
        add('JSON.stringify of the 30k rows alone', time(() => rows.map((d) => JSON.stringify(d))).ms);

        const fps = await timeAsync(() => store.currentFingerprints('csl'));
        expect(fps.value.size).toBe(N);
        add('currentFingerprints 30k', fps.ms);

        const all = await timeAsync(() => store.currentDesignations('csl'));
        expect(all.value.length).toBe(N);
        add('currentDesignations(source) 30k, JSON.parse only', all.ms);
        add('zod Designation.parse of 30k (not done by the store)', time(() => all.value.map((d) => DesignationSchema.parse(d))).ms);
        add('allCurrentDesignations 30k', (await timeAsync(() => store.allCurrentDesignations())).ms);

        const keys = rows.filter((_, i) => i % 100 === 0).map((d) => d.key);
        const keyed = await timeAsync(() => store.currentDesignations('csl', keys));
        expect(keyed.value.length).toBe(300);
        add('currentDesignations(source, 300 keys)', keyed.ms);

        // An ordinary update: 300 added, 300 removed, 300 amended, with change history.
        const amended = rows.slice(0, 300).map((before) => {
          const after = { ...before, addresses: [...before.addresses, 'New Street 1, Moscow, RU'] };
          return { before, after, fields: changedFields(before, after) };
        });
        const added = Array.from({ length: 300 }, (_, i) => synthetic(N + i));
        const update = commitOf('csl', '2024-05-02T00:00:00.000Z', { added, removed: rows.slice(300, 600), amended });
        add('commitSnapshot update 300+300+300', (await timeAsync(() => store.commitSnapshot(update))).ms);
      } finally {
        await store.close();
        cleanup();
      }
    }

    const lines = Object.entries(figures).map(
      ([name, runs]) => `${name.padEnd(58)} best ${Math.min(...runs).toFixed(1).padStart(7)} ms   runs ${runs.join(', ')}`,
    );
    console.log(`\n${lines.join('\n')}\n`);
  });
});
