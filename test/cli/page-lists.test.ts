/** `parse` and `diff` of the lists published as pages (DHS UFLPA, FCC) from saved copies, through the real CLI. */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/app.js';
import { runCli } from '../helpers/cli.js';

const fixture = (path: string) => fileURLToPath(new URL(`../fixtures/${path}`, import.meta.url));

describe('parse and diff of page lists', () => {
  let dir: ReturnType<typeof tempDir>;
  let env: Record<string, string>;
  beforeEach(() => {
    dir = tempDir();
    env = { ENTITYWATCH_DB: join(dir.dir, 'e.db') };
  });
  afterEach(() => dir.cleanup());

  it('parses a saved copy of the UFLPA page (an HTML file is the list here, not an error page)', async () => {
    const run = await runCli(['parse', 'uflpa', fixture('uflpa/entity-list.html'), '--json'], env);
    expect(run.code).toBe(0);
    const out = JSON.parse(run.stdout) as { count: number; designations: Array<{ list: string; name: string }> };
    expect(out.count).toBe(4);
    expect(out.designations.every((d) => d.list === 'UFLPA')).toBe(true);
  });

  it('refuses a saved challenge page as blocked, exit 1', async () => {
    const run = await runCli(['parse', 'fcc-covered-list', fixture('fcc-covered-list/challenge-cloudflare.html')], env);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('answered with a Cloudflare challenge page, not the list');
  });

  it('diffs two copies of the FCC page', async () => {
    const after = join(dir.dir, 'after.html');
    writeFileSync(after, readFileSync(fixture('fcc-covered-list/coveredlist.html'), 'utf8').replace('AO Example Security Lab', 'AO Example Security Laboratory'));
    const run = await runCli(['diff', 'fcc-covered-list', fixture('fcc-covered-list/coveredlist.html'), after, '--json'], env);
    const diff = JSON.parse(run.stdout) as { added: Array<{ name: string }>; removed: Array<{ name: string }> };
    expect([diff.added.map((d) => d.name), diff.removed.map((d) => d.name)]).toEqual([['AO Example Security Laboratory'], ['AO Example Security Lab']]);
  });
});
