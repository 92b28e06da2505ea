/** `entitywatch ingest 1260h BASELINE.txt`, then `ingest 1260h NOTICE.xml|.txt`, through the real CLI and a SQLite file. */
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/app.js';
import { runCli } from '../helpers/cli.js';

const fixture = (name: string) => fileURLToPath(new URL(`../fixtures/1260h/${name}`, import.meta.url));

describe('ingest 1260h', () => {
  let dir: ReturnType<typeof tempDir>;
  let env: Record<string, string>;
  beforeEach(() => {
    dir = tempDir();
    env = { ENTITYWATCH_DB: join(dir.dir, 'e.db'), CONSOLE_ALERTS: 'off' };
  });
  afterEach(() => dir.cleanup());

  it('refuses a notice before a baseline, seeds the edition from the baseline, then applies the notice', async () => {
    const early = await runCli(['ingest', '1260h', fixture('notice-2025-10001.xml'), '--json'], env);
    expect(early.code).toBe(1);
    expect(JSON.parse(early.stdout)).toMatchObject({ source: '1260h', status: 'refused', code: 'empty' });

    const seeded = await runCli(['ingest', '1260h', fixture('baseline.txt'), '--json'], env);
    expect(JSON.parse(seeded.stdout)).toEqual({ source: '1260h', status: 'baseline', count: 6 });

    // Additions at once; the two removals wait for a second reading to agree (core/removals.ts).
    const applied = await runCli(['ingest', '1260h', fixture('notice-2025-10001.txt'), '--json'], env);
    expect(JSON.parse(applied.stdout)).toEqual({ source: '1260h', status: 'changed', count: 8, added: 4, removed: 0, amended: 0, alerts: 1, pendingRemovals: 2 });

    // The same notice as XML: nothing more is added, and it confirms the removals.
    const again = await runCli(['ingest', '1260h', fixture('notice-2025-10001.xml'), '--json'], env);
    expect(JSON.parse(again.stdout)).toMatchObject({ source: '1260h', status: 'changed', added: 0, removed: 2, amended: 0 });
  });
});
