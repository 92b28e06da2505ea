/**
 * Change screening finds exactly what a full re-screen finds, on generated data: thousands of
 * designations (companies with aliases, Cyrillic names, people) and counterparties that share
 * the lists' generic words, with misspelt, partial and reordered names of listed parties.
 */
import { describe, expect, it } from 'vitest';
import { syntheticCorpus } from '../../bench/lookup-synthetic.js';
import { generateCounterparties } from '../../bench/generate-counterparties.js';
import { MatchIndex } from '../../src/core/match/index.js';
import { CounterpartyIndex } from '../../src/watchlists/counterparty-index.js';
import { screenChanges, screenCounterparties, screenIndexed } from '../../src/watchlists/screen.js';

describe('change screening at scale', () => {
  const docs = syntheticCorpus(5, 3_200).map((doc) => doc.designation);
  const listed = docs.slice(0, 3_000);
  const index = new MatchIndex();
  for (const d of docs) index.upsert(d, 'synthetic');
  // Counterparties named after listed and about-to-be-listed parties, among invented ones.
  const counterparties = [...generateCounterparties(docs, 4_000, 23), ...generateCounterparties(docs.slice(3_000, 3_010), 40, 29, 'suppliers', 0.5)];
  const byCounterparty = new CounterpartyIndex(counterparties);
  const full = screenCounterparties(counterparties, index);

  it.each([
    ['10 new designations', docs.slice(3_000, 3_010)],
    ['200 new designations', docs.slice(3_000)],
    ['300 amended listings among the old ones', listed.slice(0, 300)],
  ])('%s: the hits of a full re-screen of these designations, searching a fraction of the counterparties', (_label, changed) => {
    const keys = new Set(changed.map((d) => d.key));
    const expected = full.filter((hit) => keys.has(hit.designationKey));
    const result = screenChanges(changed.map((designation) => ({ designation, source: 'synthetic' })), byCounterparty, index);
    expect(result.hits).toEqual(expected);
    expect(expected.length).toBeGreaterThan(0);
    expect(result.full).toBe(false);
    expect(result.searched).toBeLessThan(counterparties.length / 4);
  });

  it('a full screen that skips the names without key words finds what searching every name finds', () => {
    const skipping = new CounterpartyIndex(counterparties);
    expect(screenIndexed(skipping, index)).toEqual(full);
    expect(full.length).toBeGreaterThan(100);
    expect(skipping.searchable(index).length).toBeLessThan(counterparties.length / 2);
  });

  it('finds the same after a watchlist is replaced, with names held by two watchlists and names longer than a query reads', () => {
    const changed = docs.slice(3_000);
    const listedSuppliers = counterparties.filter((c) => c.watchlist === 'suppliers');
    const customers = [...counterparties.filter((c) => c.watchlist !== 'suppliers'), ...listedSuppliers.map((c) => ({ ...c, watchlist: 'customers' }))];
    const suppliers = [
      ...listedSuppliers,
      ...customers.slice(0, 500).map((c) => ({ ...c, watchlist: 'suppliers' })),
      // A changed designation's name past the 24 words a search reads, and within them (hits or not, as a full screen says).
      { watchlist: 'suppliers', name: `${'Alpha Beta Gamma Delta Epsilon Zeta '.repeat(4)}${changed[0]!.name}`, country: null, reference: null },
      { watchlist: 'suppliers', name: `${changed[1]!.name} ${'Alpha Beta Gamma Delta Epsilon Zeta '.repeat(4)}`, country: null, reference: null },
    ];
    const replaced = new CounterpartyIndex(customers);
    replaced.replaceWatchlist('suppliers', suppliers);
    const keys = new Set(changed.map((d) => d.key));
    const expected = screenCounterparties([...customers, ...suppliers], index).filter((hit) => keys.has(hit.designationKey));
    const result = screenChanges(changed.map((designation) => ({ designation, source: 'synthetic' })), replaced, index);
    expect(result.hits).toEqual(expected);
    const hitIn = (watchlist: string): Set<string> => new Set(expected.filter((hit) => hit.watchlist === watchlist).map((hit) => hit.counterparty));
    expect([...hitIn('suppliers')].filter((name) => hitIn('customers').has(name))).not.toEqual([]);
    expect(result.full).toBe(false);
  });
});
