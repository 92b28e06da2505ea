import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';
import { buildSource } from '../src/sources/registry.js';
import { parseConfigFile } from '../src/config-file.js';
import { ConfigError } from '../src/errors.js';
import { tempDir } from './helpers/app.js';

const example = new URL('../entitywatch.config.example.yaml', import.meta.url);

describe('config file', () => {
  let dir: ReturnType<typeof tempDir>;
  beforeEach(() => {
    dir = tempDir();
  });
  afterEach(() => dir.cleanup());

  const write = (name: string, text: string) => {
    const path = join(dir.dir, name);
    writeFileSync(path, text);
    return path;
  };

  it('reads the shipped example', () => {
    const config = loadConfig({ ENTITYWATCH_CONFIG: example.pathname });
    expect(config.configFile).toBe(example.pathname);
    expect(config.sources.enabled).toEqual(['csl', 'ofac-sdn', 'federal-register', 'uflpa', 'fcc-covered-list']);
    expect(config.sources.rss).toEqual([
      {
        name: 'bis-federal-register',
        title: 'BIS in the Federal Register',
        url: 'https://www.federalregister.gov/api/v1/documents.rss?conditions%5Bagencies%5D%5B%5D=industry-and-security-bureau',
        include: ['Entity List', 'export controls'],
        exclude: ['webinar', 'job posting'],
        regex: '\\b(adds?|added)\\b.*entit',
      },
    ]);
    expect(config.sources.pages).toEqual([
      { name: 'ofac-recent-actions', title: 'OFAC recent actions', url: 'https://ofac.treasury.gov/recent-actions', selector: 'main' },
    ]);
    // Every source the example enables exists.
    for (const id of config.sources.enabled) expect(() => buildSource(id, config)).not.toThrow();
  });

  it('reads the new list sources’ settings, and "off" for the OFAC publication check', () => {
    const path = write('lists.yaml', 'sources:\n  dod1260h: { baseline: ./1260h.txt }\n  uflpa: { url: ./uflpa.html }\n  fcc: { url: https://mirror.example/covered }\n  ofac: { slsUrl: "off" }\n');
    const config = loadConfig({ ENTITYWATCH_CONFIG: path });
    expect([config.sources.dod1260h, config.sources.uflpa, config.sources.fcc, config.sources.ofac]).toEqual([
      { baseline: './1260h.txt' },
      { url: './uflpa.html' },
      { url: 'https://mirror.example/covered' },
      { baseUrl: 'https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports', slsUrl: null },
    ]);
    expect(loadConfig({}).sources.ofac.slsUrl).toBe('https://sanctionslistservice.ofac.treas.gov');
  });

  it('wins over the environment where it gives a value; the environment fills the rest', () => {
    const path = write('custom.yaml', 'sources:\n  csl: { url: ./from-file.csv }\n');
    write('from-file.csv', 'a local CSL file (a location must exist to pass validation)\n');
    const config = loadConfig(
      { ENTITYWATCH_CONFIG: path, CSL_URL: 'https://env.example/csl.json', OFAC_API_URL: 'https://env.example/ofac', ENABLED_SOURCES: 'csl,ofac-sdn' },
      { cwd: dir.dir },
    );
    expect(config.sources.csl.url).toBe('./from-file.csv');
    expect(config.sources.ofac.baseUrl).toBe('https://env.example/ofac');
    expect(config.sources.enabled).toEqual(['csl', 'ofac-sdn']);
    expect(config.sources.rss).toEqual([]);
  });

  it('finds entitywatch.config.json in the working directory, with titles defaulting to names', () => {
    write('entitywatch.config.json', JSON.stringify({ sources: { rss: [{ name: 'news', url: 'file:///tmp/news.xml' }] } }));
    const config = loadConfig({}, { cwd: dir.dir });
    expect(config.configFile).toBe(join(dir.dir, 'entitywatch.config.json'));
    expect(config.sources.rss).toEqual([{ name: 'news', title: 'news', url: 'file:///tmp/news.xml', include: [], exclude: [], regex: null }]);
  });

  it('names a source location that is neither a URL nor an existing path, with where it was set', () => {
    const path = write('bad.yaml', 'sources:\n  csl: { url: ./missing.csv }\n');
    expect(() => loadConfig({ ENTITYWATCH_CONFIG: path }, { cwd: dir.dir })).toThrow(
      `invalid configuration — sources.csl.url in ${path}: "./missing.csv" is neither a URL (https://…) nor an existing file or folder`,
    );
  });

  it('is optional', () => {
    const config = loadConfig({}, { cwd: dir.dir });
    expect([config.configFile, config.sources.rss, config.sources.pages]).toEqual([null, [], []]);
  });

  it('resolves ENTITYWATCH_CONFIG against the working directory and refuses a missing file', () => {
    mkdirSync(join(dir.dir, 'etc'));
    write('etc/ew.yml', 'sources: { enabled: [ofac-sdn] }\n');
    expect(loadConfig({ ENTITYWATCH_CONFIG: 'etc/ew.yml' }, { cwd: dir.dir }).sources.enabled).toEqual(['ofac-sdn']);
    expect(() => loadConfig({ ENTITYWATCH_CONFIG: 'etc/missing.yml' }, { cwd: dir.dir })).toThrow(/ENTITYWATCH_CONFIG: no such file: .*missing\.yml/);
  });

  it.each([
    ['a regex that does not compile', 'sources:\n  rss:\n    - { name: a, url: x, regex: "(unclosed" }\n', 'sources.rss[0].regex: Invalid regular expression'],
    ['a misspelt key', 'sources:\n  rss:\n    - { name: a, url: x, inclde: [b] }\n', 'sources.rss[0]: Unrecognized key: "inclde"'],
    ['an unknown section', 'source: {}\n', '(file): Unrecognized key: "source"'],
    ['an unknown pseudo-class', 'sources:\n  pages:\n    - { name: p, url: x, selector: "tr:bogus(2)" }\n', 'sources.pages[0].selector: Unknown pseudo-class :bogus'],
    ['a duplicate name', 'sources:\n  pages:\n    - { name: p, url: x, selector: table }\n    - { name: p, url: y, selector: ul }\n', 'sources.pages[1].name: duplicate name "p"'],
    ['a name that cannot be an id', 'sources:\n  rss:\n    - { name: "BIS Press", url: x }\n', 'sources.rss[0].name:'],
    ['an empty keyword', 'sources:\n  rss:\n    - { name: a, url: x, include: ["  "] }\n', 'sources.rss[0].include[0]: empty keyword'],
    ['a missing url', 'sources:\n  pages:\n    - { name: p, selector: table }\n', 'sources.pages[0].url:'],
    ['broken YAML', 'sources:\n  rss: [\n', 'not valid YAML'],
  ])('refuses %s, naming the file and the field', (_label, text, message) => {
    const path = write('entitywatch.config.yaml', text);
    let error: unknown;
    try {
      loadConfig({}, { cwd: dir.dir });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toContain(path);
    expect((error as Error).message).toContain(message);
  });

  it('refuses broken JSON as JSON', () => {
    expect(() => parseConfigFile('{ "sources": ', '/etc/entitywatch.config.json')).toThrow(/\/etc\/entitywatch\.config\.json: not valid JSON/);
  });

  it('reads an empty file as no settings', () => {
    expect(parseConfigFile('', 'entitywatch.config.yaml')).toEqual({ sources: { rss: [], pages: [] } });
  });
});
