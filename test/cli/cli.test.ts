import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cliSandbox, runCli } from '../helpers/cli.js';

const fixture = (name: string) => new URL(`../fixtures/cli/${name}`, import.meta.url).pathname;

describe('entitywatch CLI on fixtures', () => {
  const t = cliSandbox();

  it('parse --json prints the designations of a snapshot', async () => {
    const run = await runCli(['parse', 'csl', fixture('csl-before.json'), '--json'], t.env);
    expect(run.code).toBe(0);
    const out = JSON.parse(run.stdout);
    expect(out.count).toBe(5);
    expect(out.designations.map((d: { key: string }) => d.key)).toEqual([
      'EL:northwind quantum computing co ltd',
      'EL:blue harbor photonics institute',
      'EL:kestrel avionics llc',
      'SDN:90001',
      'CMIC:90002',
    ]);
    expect(out.designations[3]).toMatchObject({ list: 'SDN', name: 'ORLOV TRADING LLC', aliases: ['OOO ORLOV TREIDING'], countries: ['RU'] });
  });

  it('diff --json prints added, removed and amended', async () => {
    const run = await runCli(['diff', 'csl', fixture('csl-before.json'), fixture('csl-after.json'), '--json'], t.env);
    expect(run.code).toBe(0);
    const diff = JSON.parse(run.stdout);
    expect(diff.added.map((d: { name: string }) => d.name)).toEqual(['Lattice Qubit Technologies Co., Ltd.']);
    expect(diff.removed.map((d: { name: string }) => d.name)).toEqual(['Kestrel Avionics LLC']);
    expect(diff.amended).toHaveLength(1);
    expect(diff.amended[0].before.name).toBe('Blue Harbor Photonics Institute');
    expect(diff.amended[0].fields.map((f: { field: string }) => f.field)).toEqual(['addresses']);
  });

  it('parse refuses a truncated file with a clear error and exit 1', async () => {
    const cut = join(t.dir, 'cut.json');
    writeFileSync(cut, '{"results":[{"id":"1","source":"Entity List (EL) - Bureau of Industry and Security","name":"Acme');
    const run = await runCli(['parse', 'csl', cut, '--json'], t.env);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/truncat|cut off/i);
    expect(run.stdout).toBe('');
  });

  it('ingest, lookup --file and alerts work over the same database', async () => {
    expect((await runCli(['ingest', 'csl', fixture('csl-before.json')], t.env)).stdout).toContain('baseline stored, 5 designations');
    const changed = await runCli(['ingest', 'csl', fixture('csl-after.json'), '--json'], { ...t.env, CONSOLE_ALERTS: 'on' });
    expect(changed.code).toBe(0);
    // The removal waits for a second download to agree: ingesting the same file again is that download.
    // --json output is the JSON alone; the console alert goes to stderr meanwhile.
    expect(changed.stderr).toContain('Entity List — 1 addition, 1 amendment');
    expect(JSON.parse(changed.stdout)).toMatchObject({ source: 'csl', status: 'changed', removed: 0, pendingRemovals: 1 });
    // The pending one is still listed (6 = 5 + Kestrel) until a second download agrees.
    expect((await runCli(['status'], t.env)).stdout).toContain('6 designations; 1 removal(s) awaiting confirmation by the next download');
    const guard = JSON.parse((await runCli(['status', '--json'], t.env)).stdout).sources.find((s: { id: string }) => s.id === 'csl').guard;
    expect(guard).toEqual({ pendingRemovals: 1 });
    const confirmed = await runCli(['ingest', 'csl', fixture('csl-after.json')], { ...t.env, CONSOLE_ALERTS: 'on' });
    expect(confirmed.stdout).toContain('Entity List — 1 removal');
    expect(confirmed.stdout).toContain('csl: 0 added, 1 removed, 0 amended → 1 alert(s)');

    const lookup = await runCli(['lookup', '--file', fixture('queries.txt'), '--json'], t.env);
    expect(lookup.code).toBe(0);
    const lines = lookup.stdout.trim().split('\n').map((line) => JSON.parse(line));
    expect(lines.map((l) => l.query)).toEqual(['Northwind Quantum', 'Orlov Trading', 'Toshiba Corporation']);
    expect(lines[0].matches[0].name).toBe('Northwind Quantum Computing Co., Ltd.');
    expect(lines[0].matches[0].designations.map((d: { list: string }) => d.list).sort()).toEqual(['CMIC', 'EL']);
    expect(lines[1].matches[0].designations[0].key).toBe('SDN:90001');
    expect(lines[2].matches).toEqual([]);

    const alerts = await runCli(['alerts', '--json'], t.env);
    const records = JSON.parse(alerts.stdout);
    expect(records.map((r: { alert: { title: string } }) => r.alert.title)).toEqual([
      'Entity List — 1 removal',
      'Entity List — 1 addition, 1 amendment',
    ]);
    expect(records[0].deliveries).toMatchObject([{ channel: 'console', state: 'sent', attempts: 1 }]);
  });

  it('ingest exits 1 and names the reason when the guard refuses', async () => {
    await runCli(['ingest', 'csl', fixture('csl-before.json')], t.env);
    const html = join(t.dir, 'error.json');
    writeFileSync(html, '<!DOCTYPE html><html><body>Service Unavailable</body></html>');
    const run = await runCli(['ingest', 'csl', html], t.env);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('REFUSED (html)');
    expect(run.stderr).toContain('refused');
    const status = JSON.parse((await runCli(['status', '--json'], t.env)).stdout);
    expect(status.sources.find((s: { id: string }) => s.id === 'csl')).toMatchObject({ health: 'refused', state: { designationCount: 5 } });
  });

  it('watch add/list/remove edits rules and refuses bad input', async () => {
    const added = await runCli(['watch', 'add', 'quantum', '--list', 'EL', '--country', 'cn', '--json'], t.env);
    expect(added.code).toBe(0);
    const rule = JSON.parse(added.stdout);
    expect(rule).toMatchObject({ term: 'quantum', list: 'EL', country: 'CN', channel: '*' });
    expect(JSON.parse((await runCli(['watch', 'list', '--json'], t.env)).stdout)).toHaveLength(1);
    expect((await runCli(['watch', 'add', 'x', '--list', 'NOPE'], t.env)).code).toBe(2);
    expect((await runCli(['watch', 'remove', String(rule.id)], t.env)).code).toBe(0);
    expect((await runCli(['watch', 'remove', String(rule.id)], t.env)).code).toBe(1);
  });

  it('doctor checks the configuration without polling and never prints a secret', async () => {
    const secret = 'https://hooks.example.com/services/T000/B000/XYZSECRET';
    const run = await runCli(['doctor'], { ...t.env, WEBHOOK_URLS: secret });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('ok    configuration is valid');
    expect(run.stdout).toMatch(/ok    channel webhook:[0-9a-f]{8} \(webhook\)/);
    expect(run.stdout).toContain('ok    source csl');
    expect(run.stdout).toMatch(/next poll \d{4}-\d\d-\d\dT/);
    expect(run.stdout + run.stderr).not.toContain('XYZSECRET');
  });

  it('refuses a bad configuration naming the variable, exit 2', async () => {
    const run = await runCli(['status'], { ...t.env, POLL_SCHEDULE: 'sometimes' });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('POLL_SCHEDULE');
  });
});
