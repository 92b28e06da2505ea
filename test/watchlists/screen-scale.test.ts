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
import { screenChanges, screenCounterparties } from '../../src/watchlists/screen.js';

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
});
