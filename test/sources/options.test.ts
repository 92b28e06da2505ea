/**
 * Sources' settings (src/sources/options.ts): every source of the catalog is configured by one
 * folder's options.ts, every options.ts is in the composition list and re-exported by its
 * source's index.ts, loading the config reaches no parser, and each setting resolves file →
 * environment → default.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SOURCE_CATALOG } from '../../src/sources/catalog.js';
import { SOURCE_KINDS } from '../../src/sources/registry.js';
import { SOURCE_KIND_SECTIONS, SOURCE_SETTINGS, resolveSourceOptions } from '../../src/sources/options.js';
import { DEFAULT_FR_AGENCIES, DEFAULT_FR_TERMS } from '../../src/sources/federal-register/options.js';

const root = new URL('../../', import.meta.url).pathname;
const sourcesDir = join(root, 'src/sources');

/** Folders under src/sources/ holding an options.ts. */
function optionFolders(): string[] {
  return readdirSync(sourcesDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(sourcesDir, entry.name, 'options.ts')))
    .map((entry) => entry.name)
    .sort();
}

/** Relative imports of a file (static and re-exports; type-only ones load nothing, so they are left out). */
function localImports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/^\s*(?:import|export)(?!\s+type\b)[^'"]*?from\s+['"](\.[^'"]+)['"]/gm)].map((m) => resolve(dirname(file), m[1]!.replace(/\.js$/, '.ts')));
}

/** Every project file a module loads, transitively, through relative imports. */
function loadedFiles(entry: string): string[] {
  const seen = new Set<string>();
  const visit = (file: string): void => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const next of localImports(file)) visit(next);
  };
  visit(join(root, entry));
  return [...seen].map((file) => relative(root, file)).sort();
}

type Settings = (typeof SOURCE_SETTINGS)[keyof typeof SOURCE_SETTINGS];

describe('sources’ settings', () => {
  it('configure every source of the catalog exactly once; the rss and page kinds come from their file sections', () => {
    const configured = Object.values(SOURCE_SETTINGS).flatMap((settings: Settings) => [...settings.sources]);
    expect([...configured].sort()).toEqual(Object.keys(SOURCE_CATALOG).sort());
    expect(new Set(configured).size).toBe(configured.length);
    expect(Object.keys(SOURCE_KIND_SECTIONS).sort()).toEqual(['pages', 'rss']);
    expect([...SOURCE_KINDS].sort()).toEqual(['page', 'rss']);
  });

  it('list every options.ts in the composition, and each source index.ts re-exports its settings', async () => {
    const listed = new Set<unknown>([...Object.values(SOURCE_SETTINGS), ...Object.values(SOURCE_KIND_SECTIONS)]);
    const declared: string[] = [];
    for (const folder of optionFolders()) {
      const exports = (await import(join(sourcesDir, folder, 'options.ts'))) as Record<string, unknown>;
      const composed = Object.entries(exports).filter(([, value]) => listed.has(value));
      declared.push(...composed.map(([name]) => `${folder}:${name}`));
      expect(composed.length, `${folder}/options.ts declares nothing that src/sources/options.ts lists`).toBeGreaterThan(0);
      if (!existsSync(join(sourcesDir, folder, 'index.ts'))) continue;
      const index = (await import(join(sourcesDir, folder, 'index.ts'))) as Record<string, unknown>;
      for (const [name, value] of composed) expect(index[name], `${folder}/index.ts re-exports ${name}`).toBe(value);
    }
    expect(declared.length).toBe(listed.size);
    // OFAC's two sources share ofac-common's settings; each re-exports them.
    for (const folder of ['ofac-sdn', 'ofac-consolidated']) {
      const index = (await import(join(sourcesDir, folder, 'index.ts'))) as Record<string, unknown>;
      expect(index.ofacSettings).toBe(SOURCE_SETTINGS.ofac);
    }
  });

  it('load no parser with the config: config.ts reaches sources only through settings and options files', () => {
    const reached = loadedFiles('src/config.ts').filter((file) => file.startsWith('src/sources/'));
    expect(reached).toEqual([
      'src/sources/1260h/options.ts',
      'src/sources/csl/options.ts',
      'src/sources/ecfr-entity-list/options.ts',
      'src/sources/fcc-covered-list/options.ts',
      'src/sources/federal-register/options.ts',
      'src/sources/ofac-common/options.ts',
      'src/sources/options.ts',
      'src/sources/page/cheerio.ts',
      'src/sources/page/options.ts',
      'src/sources/rss/options.ts',
      'src/sources/settings.ts',
      'src/sources/uflpa/options.ts',
    ]);
  });

  it.each([
    ['defaults', {}, undefined, { csl: 'https://data.trade.gov/downloadable_consolidated_screening_list/v1/consolidated.json', sls: 'https://sanctionslistservice.ofac.treas.gov', baseline: null, terms: DEFAULT_FR_TERMS, agencies: DEFAULT_FR_AGENCIES }],
    ['the environment', { CSL_URL: './env.csv', OFAC_SLS_URL: 'off', DOD_1260H_BASELINE: './b.txt', FEDREG_TERMS: 'Entity List, ,UFLPA', FEDREG_AGENCIES: ' , ' }, undefined, { csl: './env.csv', sls: null, baseline: './b.txt', terms: ['Entity List', 'UFLPA'], agencies: DEFAULT_FR_AGENCIES }],
    [
      'the file over the environment',
      { CSL_URL: './env.csv', OFAC_SLS_URL: 'https://sls.example', FEDREG_TERMS: 'Entity List' },
      { csl: { url: './file.csv' }, ofac: { slsUrl: 'NONE' }, dod1260h: { baseline: './f.txt' }, federalRegister: { terms: [], agencies: ['defense-department'] } },
      { csl: './file.csv', sls: null, baseline: './f.txt', terms: [], agencies: ['defense-department'] },
    ],
  ])('resolve from %s', (_label, env, file, expected) => {
    const options = resolveSourceOptions(env, file);
    expect({
      csl: options.csl.url,
      sls: options.ofac.slsUrl,
      baseline: options.dod1260h.baseline,
      terms: options.federalRegister.terms,
      agencies: options.federalRegister.agencies,
    }).toEqual(expected);
  });
});
