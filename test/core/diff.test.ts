import { describe, expect, it } from 'vitest';
import { buildDesignationAlerts } from '../../src/core/alerts.js';
import { diffSnapshots, narrowByFingerprint } from '../../src/core/diff.js';
import { fingerprint } from '../../src/core/fingerprint.js';
import { assignKeys, emptyNotes, type Keyless } from '../../src/core/identity.js';
import type { Designation } from '../../src/core/model.js';
import { makeDesignation } from '../helpers/designations.js';

const names = (ds: readonly Designation[]) => ds.map((d) => d.name).sort();

describe('diffSnapshots', () => {
  const acme = makeDesignation({ name: 'Acme Quantum Co., Ltd.', list: 'EL', addresses: ['1 Road, Hefei, CN'], countries: ['CN'] });
  const beta = makeDesignation({ name: 'Beta Optics', list: 'EL' });
  const orlov = makeDesignation({ name: 'ORLOV, Ivan', list: 'SDN', sourceId: '123', type: 'Individual' });

  it('finds additions, removals and amendments', () => {
    const gamma = makeDesignation({ name: 'Gamma Sensing Ltd.', list: 'EL' });
    const moved = { ...acme, addresses: ['9 New Road, Hefei, CN'], frCitation: '89 FR 1' };
    const diff = diffSnapshots([acme, beta, orlov], [moved, orlov, gamma], fingerprint);
    expect(names(diff.added)).toEqual(['Gamma Sensing Ltd.']);
    expect(names(diff.removed)).toEqual(['Beta Optics']);
    expect(diff.amended).toHaveLength(1);
    expect(diff.amended[0]?.fields).toEqual([
      { field: 'addresses', before: '1 Road, Hefei, CN', after: '9 New Road, Hefei, CN', summary: '- 1 Road, Hefei, CN\n+ 9 New Road, Hefei, CN' },
      { field: 'frCitation', before: '', after: '89 FR 1', summary: '(none) → 89 FR 1' },
    ]);
  });

  it('keeps a Treasury entry across a rename: the entry number is the identity', () => {
    const renamed = makeDesignation({ name: 'ORLOV, Ivan Petrovich', list: 'SDN', sourceId: '123', type: 'Individual' });
    const diff = diffSnapshots([orlov], [renamed]);
    expect(diff.added).toEqual([]);
    expect(diff.removed).toEqual([]);
    expect(diff.amended.map((a) => a.fields.map((f) => f.field))).toEqual([['name']]);
  });

  it('ignores sourceId and sourceUrl churn of BIS rows', () => {
    const churned = { ...acme, sourceId: 'new-content-hash', sourceUrl: 'https://bit.ly/other' };
    expect(diffSnapshots([acme], [churned], fingerprint)).toEqual({ added: [], removed: [], amended: [] });
  });

  it('a citation, alias or address change is an amendment, never a removal plus an addition', () => {
    const changes: Array<Partial<Designation>> = [{ frCitation: '89 FR 5' }, { aliases: ['AQC'] }, { addresses: ['2 Road, Hefei, CN'] }];
    for (const change of changes) {
      const diff = diffSnapshots([acme], [{ ...acme, ...change }], fingerprint);
      expect([diff.added.length, diff.removed.length, diff.amended.length]).toEqual([0, 0, 1]);
    }
  });
});

describe('repeated names in one list (one person under several orders)', () => {
  const order = (address: string, startDate = '2019-05-01'): Keyless => {
    const { key: _key, ...rest } = makeDesignation({ name: 'John Doe', list: 'DPL', addresses: [address], startDate });
    return rest;
  };

  it('gives each row a distinct, stable key', () => {
    const first = assignKeys([order('1 Main St, Austin, TX, US'), order('9 Elm St, Dallas, TX, US')]);
    const reordered = assignKeys([order('9 Elm St, Dallas, TX, US'), order('1 Main St, Austin, TX, US')]);
    expect(new Set(first.map((d) => d.key)).size).toBe(2);
    expect(first.map((d) => d.key).sort()).toEqual(reordered.map((d) => d.key).sort());
    expect(first.every((d) => d.key.startsWith('DPL:john doe#'))).toBe(true);
    expect(diffSnapshots(first, reordered, fingerprint)).toEqual({ added: [], removed: [], amended: [] });
  });

  it('a person gaining a second order is one amendment (key gains a suffix) plus one addition', () => {
    const before = assignKeys([order('1 Main St, Austin, TX, US')]);
    const after = assignKeys([order('1 Main St, Austin, TX, US'), order('9 Elm St, Dallas, TX, US', '2024-01-02')]);
    const diff = diffSnapshots(before, after, fingerprint);
    expect(diff.removed).toEqual([]);
    expect(diff.added.map((d) => d.addresses)).toEqual([['9 Elm St, Dallas, TX, US']]);
    expect(diff.amended).toHaveLength(1);
    expect(diff.amended[0]?.before.key).toBe('DPL:john doe');
    expect(diff.amended[0]?.after.key).toMatch(/^DPL:john doe#/);
    expect(diff.amended[0]?.fields).toEqual([]);
  });

  it('rows equal in every compared field are one designation, the repeat counted', () => {
    const notes = emptyNotes();
    const rows = assignKeys([order('1 Main St'), order('1 Main St'), order('2 Oak St')], notes);
    expect(rows.map((d) => d.addresses)).toEqual([['1 Main St'], ['2 Oak St']]);
    expect(notes.duplicates).toBe(1);
  });

  it('rows sharing name, address and date but differing elsewhere still get distinct keys', () => {
    const keys = assignKeys([order('1 Main St'), { ...order('1 Main St'), remarks: 'second order' }]).map((d) => d.key);
    expect(new Set(keys).size).toBe(2);
  });
});

describe('narrowByFingerprint', () => {
  it('selects only new, changed and vanished rows', () => {
    const rows = ['A', 'B', 'C', 'D'].map((n) => makeDesignation({ name: `Company ${n}`, list: 'EL' }));
    const stored = new Map(rows.map((d) => [d.key, fingerprint(d)]));
    const next = [rows[0]!, { ...rows[1]!, aliases: ['B2'] }, rows[2]!, makeDesignation({ name: 'Company E', list: 'EL' })];
    const { candidates, oldKeysToLoad } = narrowByFingerprint(stored, next, new Map(next.map((d) => [d.key, fingerprint(d)])));
    expect(names(candidates)).toEqual(['Company B', 'Company E']);
    expect(oldKeysToLoad.sort()).toEqual(['EL:company b', 'EL:company d']);
  });
});

describe('text repaired since a row was stored', () => {
  it('a stored "Xi\\u0092an" against today\u2019s repaired "Xi\u2019an" is re-stored silently, not an amendment', () => {
    const stored = makeDesignation({ name: 'CAST Xi\u0092an Spaceflight Engine Factory', list: 'MEU', aliases: ['Xi\u0092an 7103'] });
    const repaired = { ...stored, name: 'CAST Xi\u2019an Spaceflight Engine Factory', aliases: ['Xi\u2019an 7103'] };
    const diff = diffSnapshots([stored], [repaired], fingerprint);
    expect(diff.amended.map((a) => [a.before.key, a.after.name, a.fields])).toEqual([[stored.key, repaired.name, []]]);
    expect([diff.added, diff.removed]).toEqual([[], []]);
    expect(buildDesignationAlerts({ source: 'csl', diff, createdAt: 't', newId: () => 'x' })).toEqual([]);
  });
});
