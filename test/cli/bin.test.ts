/**
 * The installed command itself (bin/entitywatch.js → dist/), as a user runs it: `npm test`
 * builds dist first.
 */
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/app.js';
import { snapshotRoute, startFakeServer, type FakeServer } from '../helpers/http.js';
import { cslJson, manyRows } from '../helpers/csl.js';

const bin = new URL('../../bin/entitywatch.js', import.meta.url).pathname;

function start(args: string[], env: Record<string, string>) {
  const child = spawn(process.execPath, [bin, ...args], { env: { PATH: process.env.PATH ?? '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, exited, out: () => stdout, err: () => stderr };
}

async function until(check: () => boolean, ms = 20_000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('bin/entitywatch.js', () => {
  let dir: ReturnType<typeof tempDir>;
  let server: FakeServer;
  beforeEach(async () => {
    dir = tempDir();
    server = await startFakeServer();
  });
  afterEach(async () => {
    await server.close();
    dir.cleanup();
  });

  it('demo shows an alert offline', async () => {
    const p = start(['demo'], { LOG_LEVEL: 'silent' });
    expect(await p.exited).toBe(0);
    expect(p.out()).toContain('baseline stored');
    expect(p.out()).toContain('not modified (HTTP 304)');
    expect(p.out()).toContain('Entity List — 2 additions, 1 amendment');
    expect(p.out()).toContain('Lattice Qubit Technologies Co., Ltd.');
  });

  it('ends quietly with exit 0 when its reader closes the pipe early (`| head -1`)', async () => {
    const p = start(['demo'], { LOG_LEVEL: 'silent' });
    p.child.stdout.once('data', () => p.child.stdout.destroy());
    expect(await p.exited).toBe(0);
    expect(p.err()).not.toContain('EPIPE');
  });

  it('run polls at start and on a seconds schedule, delivers, and stops cleanly on SIGTERM', async () => {
    const route = snapshotRoute();
    route.serve(cslJson(manyRows(20)));
    server.route('GET', '/consolidated.json', route.handler);
    const p = start(['run'], {
      ENTITYWATCH_DB: join(dir.dir, 'run.db'),
      CSL_URL: `${server.url}/consolidated.json`,
      POLL_SCHEDULE: '*/1 * * * * *',
      POLL_JITTER_SECONDS: '0',
      LOG_LEVEL: 'info',
    });
    await until(() => p.err().includes('"status":"baseline"'));
    route.serve(cslJson([...manyRows(20), { name: 'Freshly Listed Robotics Co.', address: '1 Robot Way' }]));
    await until(() => p.out().includes('Freshly Listed Robotics Co.'));
    await until(() => route.hits.notModified > 0);
    p.child.kill('SIGTERM');
    expect(await p.exited).toBe(0);
    expect(p.err()).toContain('"msg":"stopped"');
    // The plain start-up lines, beside the JSON logs (stdout holds only the console alerts).
    expect(p.err()).toMatch(/entitywatch is running\n  database   .*run\.db\n  sources    csl — Consolidated Screening List \(trade\.gov\)\n  alerts to  console \(printed here\)\n  next poll  now, then .* UTC \(schedule "\*\/1 \* \* \* \* \*", polls at most 1 second apart\)\n  stop with  Ctrl-C/);
    expect(p.out()).not.toContain('entitywatch is running');
    expect(p.out().match(/Freshly Listed Robotics/g)).toHaveLength(1);
  });

  it('looks up from the bundle: builds the copy, answers from it the same, names outside ASCII included', async () => {
    const env = { ENTITYWATCH_DB: join(dir.dir, 'lookup.db'), LOG_LEVEL: 'silent' };
    const file = join(dir.dir, 'csl.json');
    writeFileSync(file, cslJson([...manyRows(20), { name: 'Müller Präzisionstechnik GmbH', country: 'DE' }, { name: 'Орлов Трейдинг' }]));
    expect(await start(['ingest', 'csl', file], env).exited).toBe(0);
    const answers: string[] = [];
    for (const query of ['Muller Prazisionstechnik', 'Müller Präzisionstechnik', 'Орлов', 'Example Company 0007']) {
      const built = start(['lookup', query], env);
      expect(await built.exited).toBe(0);
      const kept = start(['lookup', query], env);
      expect(await kept.exited).toBe(0);
      expect(kept.out()).toBe(built.out());
      answers.push(kept.out().split('\n')[0]!);
    }
    expect(answers).toEqual([
      expect.stringContaining('Müller Präzisionstechnik GmbH'),
      expect.stringContaining('Müller Präzisionstechnik GmbH'),
      expect.stringContaining('Орлов Трейдинг'),
      expect.stringContaining('Example Company 0007 Co., Ltd.'),
    ]);
  });
});
