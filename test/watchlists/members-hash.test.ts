/** The content hash of a watchlist's members (src/watchlists/members-hash.ts): every field and the order count. */
import { describe, expect, it } from 'vitest';
import { membersHash } from '../../src/watchlists/members-hash.js';

const m = (name: string, country: string | null = null, reference: string | null = null) => ({ name, country, reference });

describe('membersHash', () => {
  it('tells apart members that differ in any field, a null from an empty reference, and another order', () => {
    const variants = [
      [m('Acme'), m('Beta')],
      [m('Beta'), m('Acme')],
      [m('Acme', 'CN'), m('Beta')],
      [m('Acme', null, ''), m('Beta')],
      [m('Acme', null, 'R'), m('Beta')],
      [m('Acme Beta')],
      [m('Acme'), m('Beta'), m('Beta')],
      [],
    ];
    const hashes = variants.map(membersHash);
    expect(new Set(hashes).size).toBe(variants.length);
    expect(hashes.every((h) => /^sha256:[0-9a-f]{64}$/.test(h))).toBe(true);
    expect(membersHash([m('Acme'), m('Beta')])).toBe(hashes[0]);
  });

  it('hashes a long list in batches the same wherever a batch ends', () => {
    const many = Array.from({ length: 4_500 }, (_, i) => m(`Company ${i}`, i % 3 === 0 ? 'CN' : null, i % 2 === 0 ? `R-${i}` : null));
    const changedLast = many.map((x, i) => (i === many.length - 1 ? { ...x, reference: 'other' } : x));
    const changedAtBoundary = many.map((x, i) => (i === 2_000 ? { ...x, name: `${x.name}.` } : x));
    expect(membersHash(many)).toBe(membersHash(many.map((x) => ({ ...x }))));
    expect(new Set([membersHash(many), membersHash(changedLast), membersHash(changedAtBoundary), membersHash(many.slice(0, 4_000))]).size).toBe(4);
  });
});
