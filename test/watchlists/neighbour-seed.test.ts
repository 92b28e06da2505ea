/**
 * A screening's typo neighbour lists kept with the designation index's copy start the next
 * process's screening (keys.ts NeighbourSeed; MatchIndex.keptNeighbours / adoptNeighbours): it
 * must find exactly the hits of a full re-screen — also when the change files spellings a typo
 * away from counterparty words whose kept lists were empty, which the adopting cache must forget.
 */
import { deserialize, serialize } from 'node:v8';
import { describe, expect, it } from 'vitest';
import { generateCounterparties } from '../../bench/generate-counterparties.js';
import { syntheticCorpus } from '../../bench/lookup-synthetic.js';
import { KeyCache, MatchIndex, type IndexState, type KeptNeighbours } from '../../src/core/match/engine.js';
import type { Designation } from '../../src/core/model.js';
import { CounterpartyIndex } from '../../src/watchlists/counterparty-index.js';
import { screenChanges, screenCounterparties, type ScreenedCounterparty } from '../../src/watchlists/screen.js';

const docs = syntheticCorpus(13, 3_300).map((doc) => doc.designation);
const listed = docs.slice(0, 3_000);
/** Designations a typo away from the invented counterparty words below: not on the lists before the change. */
const NEAR_TWINS: Designation[] = [
  { ...docs[0]!, key: 'EL:zorvantex', name: 'Zorvantex Trading Ltd', aliases: [] },
  { ...docs[1]!, key: 'EL:quilmarsh', name: 'Quilmarsh Ventures Group', aliases: [] },
];
const changed = [...docs.slice(3_000, 3_100), ...NEAR_TWINS];
const counterparties: ScreenedCounterparty[] = [
  ...generateCounterparties(docs, 3_000, 31),
  ...generateCounterparties(docs.slice(3_000, 3_100), 60, 37, 'suppliers', 0.5),
  { watchlist: 'suppliers', name: 'Zorvantix Trading', country: null, reference: 'Z-1' },
  { watchlist: 'suppliers', name: 'Quillmarsh Ventures', country: null, reference: 'Q-1' },
];

function listedIndex(): MatchIndex {
  const index = new MatchIndex();
  for (const d of listed) index.upsert(d, 'csl');
  return index;
}

/** The index as another process reads it from its copy, with the kept lists (through v8 serialisation, as the copy holds them). */
function restored(index: MatchIndex, kept: KeptNeighbours | null): MatchIndex {
  const copy = MatchIndex.fromState(deserialize(serialize(index.toState())) as IndexState)!;
  if (kept) copy.adoptNeighbours(deserialize(serialize(kept)) as KeptNeighbours);
  return copy;
}

describe('typo neighbour lists kept with the index copy', () => {
  it('start the next screening, which finds the hits of a full re-screen, near twins of counterparty words included', () => {
    const before = listedIndex();
    const earlier = new CounterpartyIndex(counterparties);
    // An earlier process screened against the lists (every counterparty spelling's lists worked out).
    earlier.warmKeys(before);
    const kept = before.keptNeighbours(earlier.neighbourSeed());
    expect(kept).not.toBeNull();
    const next = restored(before, kept);
    // The seed is adopted: a cache's first screening against the restored index starts from it (else null).
    expect(next.beginKeys(new KeyCache(() => true))).toEqual([]);
    for (const d of changed) next.upsert(d, 'csl');
    const result = screenChanges(
      changed.map((designation) => ({ designation, source: 'csl' })),
      new CounterpartyIndex(counterparties),
      next,
    );
    const keys = new Set(changed.map((d) => d.key));
    const expected = screenCounterparties(counterparties, next).filter((hit) => keys.has(hit.designationKey));
    expect(result.full).toBe(false);
    expect(result.hits).toEqual(expected);
    // The near twins are among them: found only because their counterparties' kept (empty) lists were forgotten.
    expect(expected.map((hit) => hit.counterparty)).toEqual(expect.arrayContaining(['Zorvantix Trading', 'Quillmarsh Ventures']));
    // And as a process without kept lists screens.
    const unseeded = restored(before, null);
    for (const d of changed) unseeded.upsert(d, 'csl');
    expect(screenChanges(changed.map((designation) => ({ designation, source: 'csl' })), new CounterpartyIndex(counterparties), unseeded).hits).toEqual(expected);
  });

  it('are kept only while they hold for the index as it is: not after it filed a spelling since the screening', () => {
    const index = listedIndex();
    const screened = new CounterpartyIndex(counterparties);
    expect(index.keptNeighbours(screened.neighbourSeed())).toBeNull();
    screened.warmKeys(index);
    const seed = screened.neighbourSeed();
    expect(index.keptNeighbours(seed)?.mark).toBeGreaterThan(0);
    // Another index (a rebuild) is not the one they were worked out against.
    expect(listedIndex().keptNeighbours(seed)).toBeNull();
    index.upsert(NEAR_TWINS[0]!, 'csl');
    expect(index.keptNeighbours(seed)).toBeNull();
  });
});
