/**
 * Configured feeds and pages through the CLI: built from the config file, polled by `poll`,
 * listed with their health by `status`.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/app.js';
import { runCli } from '../helpers/cli.js';
import { snapshotRoute, startFakeServer, type FakeServer } from '../helpers/http.js';

const fixture = (path: string) => readFileSync(new URL(`../fixtures/${path}`, import.meta.url), 'utf8');

interface StatusSource {
  id: string;
  title: string;
  kind: string | null;
  enabled: boolean;
  health: string;
}

describe('configured feeds in the CLI', () => {
  let server: FakeServer;
  let dir: ReturnType<typeof tempDir>;
  let env: Record<string, string>;
  const feed = snapshotRoute('application/rss+xml');
  const page = snapshotRoute('text/html');

  beforeEach(async () => {
    server = await startFakeServer();
    server.route('GET', '/press.xml', feed.handler);
    server.route('GET', '/covered', page.handler);
    dir = tempDir();
    const config = join(dir.dir, 'entitywatch.config.yaml');
    writeFileSync(
      config,
      [
        'sources:',
        '  enabled: [csl]',
        '  rss:',
        `    - { name: agency-press, title: Agency press, url: "${server.url}/press.xml", include: [Entity List] }`,
        '  pages:',
        `    - { name: covered, title: Covered List, url: "${server.url}/covered", selector: main table }`,
      ].join('\n'),
    );
    env = { ENTITYWATCH_DB: join(dir.dir, 'cli.db'), ENTITYWATCH_CONFIG: config, CONSOLE_ALERTS: 'on' };
  });

  afterEach(async () => {
    await server.close();
    dir.cleanup();
    expect(server.unexpected).toEqual([]);
  });

  it('polls them (baseline, then one alert each) and lists them in status with their health', async () => {
    feed.serve(fixture('rss/press-v1.xml'));
    page.serve(fixture('page/covered-v1.html'));
    const before = JSON.parse((await runCli(['status', '--json'], env)).stdout) as { sources: StatusSource[] };
    expect(before.sources.filter((s) => s.kind === 'feed' && s.id.includes(':'))).toEqual([
      { id: 'page:covered', title: 'Covered List', kind: 'feed', enabled: true, health: 'never-polled', stale: false, state: null },
      { id: 'rss:agency-press', title: 'Agency press', kind: 'feed', enabled: true, health: 'never-polled', stale: false, state: null },
    ]);

    const first = await runCli(['poll', '--source', 'rss:agency-press', '--json'], env);
    expect(first.code).toBe(0);
    expect(JSON.parse(first.stdout).results).toEqual([{ source: 'rss:agency-press', status: 'baseline', count: 1, unit: 'items' }]);
    expect((await runCli(['poll', '--source', 'page:covered', '--json'], env)).code).toBe(0);

    feed.serve(fixture('rss/press-v2.xml'));
    page.serve(fixture('page/covered-v3-changed.html'));
    const second = await runCli(['poll', '--source', 'rss:agency-press'], env);
    expect(second.stdout).toContain('rss:agency-press: 2 items, 1 new → 1 alert(s)');
    expect(second.stdout).toContain('Agency press: Agency Revises Entity List Rule (corrected)');
    const third = await runCli(['poll', '--source', 'page:covered'], env);
    expect(third.stdout).toContain('page:covered: 1 items, 1 new → 1 alert(s)');
    expect(third.stdout).toContain('+ Modules and chipsets produced by Tailspin Semiconductor Corp. | May 9, 2024');

    page.serve(fixture('page/covered-redesigned.html'));
    expect((await runCli(['poll', '--source', 'page:covered'], env)).code).toBe(1);

    const after = JSON.parse((await runCli(['status', '--json'], env)).stdout) as { sources: StatusSource[] };
    const health = Object.fromEntries(after.sources.map((s) => [s.id, s.health]));
    expect(health).toMatchObject({ 'rss:agency-press': 'ok', 'page:covered': 'refused', csl: 'never-polled' });
    const text = (await runCli(['status'], env)).stdout;
    expect(text).toMatch(/^rss:agency-press\s+ok\s+enabled\s+Agency press$/m);
    expect(text).toMatch(/^page:covered\s+refused\s+enabled\s+Covered List$/m);
    expect(text).toMatch(/last error .*\(unparseable, 1x\): selector "main table" matched nothing/);
  });
});
