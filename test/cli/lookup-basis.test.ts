/**
 * `lookup` states what it checked: the basis in text and `--json`; a refusal (exit 1) on an
 * empty store rather than "No match"; a warning when a source is older than
 * STALE_AFTER_PERIODS × the poll period; `--file` read by the user-file decoding policy.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cliSandbox, runCli } from '../helpers/cli.js';

const fixture = (name: string) => new URL(`../fixtures/cli/${name}`, import.meta.url).pathname;
const NOT_LOADED = 'entitywatch: the lists are not loaded yet: run `entitywatch poll`\n';

describe('lookup states its basis', () => {
  const t = cliSandbox();

  it('refuses on an empty store with exit 1, in text, --json and --file', async () => {
    expect(await runCli(['lookup', 'Hikvision'], t.env)).toEqual({ code: 1, stdout: '', stderr: NOT_LOADED });
    expect(await runCli(['lookup', 'Hikvision', '--json'], t.env)).toEqual({ code: 1, stdout: '', stderr: NOT_LOADED });
    expect(await runCli(['lookup', '--file', fixture('queries.txt'), '--json'], t.env)).toEqual({ code: 1, stdout: '', stderr: NOT_LOADED });
  });

  it('says what it checked against, in text and in --json', async () => {
    await runCli(['ingest', 'csl', fixture('csl-before.json')], t.env);
    const text = await runCli(['lookup', 'Completely Unrelated Bakery'], t.env);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/^No match for "Completely Unrelated Bakery" on any list\.\nChecked against 5 designations on 3 lists \(csl as of \d{4}-\d\d-\d\d \d\d:\d\d UTC\)\.\n$/);
    const json = JSON.parse((await runCli(['lookup', 'Completely Unrelated Bakery', '--json'], t.env)).stdout);
    expect(json).toEqual({
      query: 'Completely Unrelated Bakery',
      matches: [],
      basis: {
        designations: 5,
        lists: ['CMIC', 'EL', 'SDN'],
        sources: [{ id: 'csl', designations: 5, asOf: expect.stringMatching(/^\d{4}-\d\d-\d\dT/), stale: false }],
        stale: false,
        staleAfterMs: 3 * 15 * 60_000 + 30_000,
      },
    });
  });

  it('warns when the last successful poll is older than the configured periods; --json stays parseable', async () => {
    const fast = { ...t.env, POLL_SCHEDULE: '* * * * * *', POLL_JITTER_SECONDS: '0', STALE_AFTER_PERIODS: '0.001' };
    await runCli(['ingest', 'csl', fixture('csl-before.json')], fast);
    await new Promise((resolve) => setTimeout(resolve, 20));
    const text = await runCli(['lookup', 'Northwind Quantum'], fast);
    expect(text.stdout.split('\n').at(-2)).toMatch(/^WARNING: out of date — csl \(last updated .* UTC\): its last successful poll was more than 0 minutes ago\./);
    const json = await runCli(['lookup', 'Northwind Quantum', '--json'], fast);
    expect(JSON.parse(json.stdout).basis).toMatchObject({ stale: true, sources: [{ id: 'csl', stale: true }], staleAfterMs: 1 });
    expect(json.stderr).toMatch(/^entitywatch: WARNING: out of date — csl/);
    // status marks the same source stale.
    expect(JSON.parse((await runCli(['status', '--json'], fast)).stdout).sources.find((s: { id: string }) => s.id === 'csl')).toMatchObject({ stale: true });
    expect((await runCli(['status'], fast)).stdout).toContain('— STALE: older than STALE_AFTER_PERIODS schedule periods');
    expect(JSON.parse((await runCli(['status', '--json'], t.env)).stdout).sources.find((s: { id: string }) => s.id === 'csl')).toMatchObject({ stale: false });
  });

  it('reads --file in UTF-16 with a BOM, and refuses a file with NUL bytes', async () => {
    await runCli(['ingest', 'csl', fixture('csl-before.json')], t.env);
    const utf16 = join(t.dir, 'queries-utf16.txt');
    writeFileSync(utf16, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('Northwind Quantum\r\nOrlov Trading\r\n', 'utf16le')]));
    const run = await runCli(['lookup', '--file', utf16, '--json'], t.env);
    expect(run.stdout.trim().split('\n').map((line) => JSON.parse(line).query)).toEqual(['Northwind Quantum', 'Orlov Trading']);
    const bad = join(t.dir, 'bad.txt');
    writeFileSync(bad, 'Northwind\nOrlov\u0000 Trading\n');
    expect(await runCli(['lookup', '--file', bad, '--json'], t.env)).toEqual({
      code: 2,
      stdout: '',
      stderr: `entitywatch: ${bad}: line 2: control character 0x00 — the file is not plain text in a known encoding: save it as CSV UTF-8 (in Excel: File › Save As › "CSV UTF-8 (Comma delimited)")\n`,
    });
  });
});
