/**
 * `entitywatch parse federal-register RULE.xml --json`: a rule's added and revised entries as
 * designations, and every action (removals too), from the same parser the feed uses.
 */
import { describe, expect, it } from 'vitest';
import { cliSandbox, runCli } from '../helpers/cli.js';

const fixture = (name: string) => new URL(`../fixtures/federal-register/${name}`, import.meta.url).pathname;

describe('entitywatch parse federal-register', () => {
  const t = cliSandbox();

  it('prints the designations a rule adds, keyed like the lists', async () => {
    const run = await runCli(['parse', 'federal-register', fixture('feed/lattice-rule.xml'), '--json'], t.env);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const out = JSON.parse(run.stdout);
    expect(out.source).toBe('federal-register');
    expect(out.count).toBe(2);
    expect(out.designations.map((d: { key: string }) => d.key)).toEqual(['EL:lattice qubit technologies co ltd', 'EL:ooo polar example instruments']);
    expect(out.designations[0]).toMatchObject({ list: 'EL', name: 'Lattice Qubit Technologies Co., Ltd.', aliases: ['LQT Hefei'], countries: ['CN'] });
    expect(out.actions).toEqual([
      { kind: 'added', list: 'EL', name: 'Lattice Qubit Technologies Co., Ltd.' },
      { kind: 'added', list: 'EL', name: 'OOO Polar Example Instruments' },
    ]);
  });

  it('counts added and revised entries as designations and lists removals among the actions', async () => {
    const run = await runCli(['parse', 'federal-register', fixture('entity-list-rule.xml'), '--json'], t.env);
    expect(run.code).toBe(0);
    const out = JSON.parse(run.stdout);
    const kinds = out.actions.map((a: { kind: string }) => a.kind);
    expect(out.count).toBe(kinds.filter((kind: string) => kind !== 'removed').length);
    expect(kinds).toContain('revised');
    expect(kinds).toContain('removed');
    expect(out.designations.map((d: { name: string }) => d.name)).not.toContain('Indus Example Engineering (Pvt.) Ltd.');
  });

  it('prints one line per designation without --json', async () => {
    const run = await runCli(['parse', 'federal-register', fixture('feed/lattice-rule.xml')], t.env);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe('EL    Lattice Qubit Technologies Co., Ltd. (CN)\nEL    OOO Polar Example Instruments (RU)\n2 designations\n');
  });
});
