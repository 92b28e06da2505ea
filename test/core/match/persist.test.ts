/**
 * A MatchIndex restored from its state (persist.ts, through v8 serialisation as the CLI keeps it)
 * answers every search exactly as the index it was taken from: exact names, typos, glued and
 * split words, reordered and partial names, names on no list — and keeps doing so after both are
 * changed the same way.
 */
import { deserialize, serialize } from 'node:v8';
import { describe, expect, it } from 'vitest';
import { syntheticCorpus } from '../../../bench/lookup-synthetic.js';
import { labelledQueries } from '../../../bench/lookup-data.js';
import { MatchIndex, type IndexState } from '../../../src/core/match/engine.js';

function restored(index: MatchIndex): MatchIndex {
  const copy = MatchIndex.fromState(deserialize(serialize(index.toState())) as IndexState);
  if (!copy) throw new Error('state not restored');
  return copy;
}

describe('persisted MatchIndex', () => {
  const docs = syntheticCorpus(7, 3000);
  const queries = labelledQueries(docs, 11, 150).map((q) => q.query);
  // Hand-made typos on top: a dropped letter, swapped neighbours, glued and split words.
  for (const doc of docs.slice(0, 60)) {
    const name = doc.designation.name;
    queries.push(name.slice(0, 3) + name.slice(4), name.slice(0, 2) + name[3] + name[2] + name.slice(4), name.replace(' ', ''), name.split(' ').reverse().join(' '));
  }

  function build(): MatchIndex {
    const index = new MatchIndex();
    docs.forEach((doc, i) => index.upsert(doc.designation, i % 3 === 0 ? 'a' : 'b'));
    // Removed and replaced entries, so the state carries holes and dead names.
    for (const doc of docs.slice(100, 160)) index.remove(doc.designation.key, 'b');
    for (const doc of docs.slice(200, 230)) index.upsert({ ...doc.designation, aliases: [] }, 'b');
    return index;
  }

  it('answers every query as the index it was taken from', () => {
    const original = build();
    const copy = restored(original);
    expect(copy.size).toBe(original.size);
    expect(queries.length).toBeGreaterThan(500);
    let found = 0;
    for (const query of queries) {
      const expected = original.search(query, { limit: 5 });
      found += expected.length > 0 ? 1 : 0;
      expect(copy.search(query, { limit: 5 }), query).toEqual(expected);
    }
    expect(found).toBeGreaterThan(queries.length / 2);
  });

  it('stays equal when both are changed alike after the restore', () => {
    const original = build();
    const copy = restored(original);
    for (const index of [original, copy]) {
      for (const doc of docs.slice(0, 1200)) index.remove(doc.designation.key, doc === docs[0] ? 'a' : 'b');
      for (const doc of docs.slice(0, 1200)) index.remove(doc.designation.key, 'a');
      index.upsert({ ...docs[5]!.designation, key: 'new', name: 'Quantum Photonics Reborn Ltd' }, 'c');
    }
    for (const query of [...queries.slice(0, 200), 'Quantum Photonics Reborn']) {
      expect(copy.search(query, { limit: 5 }), query).toEqual(original.search(query, { limit: 5 }));
    }
    expect(copy.get('new', 'c')).toEqual(original.get('new', 'c'));
    expect(copy.entityOf(docs[2000]!.designation.key, 'b')).toEqual(original.entityOf(docs[2000]!.designation.key, 'b'));
  });

  it('keeps a restored index as it would keep the index it came from, changes included', () => {
    const original = build();
    const copy = restored(original);
    // Some restored designations read (parsed) before the copy is kept again, some not.
    for (const doc of docs.slice(0, 40)) copy.get(doc.designation.key, 'b');
    for (const index of [original, copy]) {
      index.upsert({ ...docs[7]!.designation, name: 'Amended Name Holdings' }, docs[7]! === docs[0] ? 'a' : 'b');
      index.upsert({ ...docs[5]!.designation, key: 'new', name: 'Quantum Photonics Reborn Ltd' }, 'c');
    }
    const again = restored(copy);
    const fresh = restored(original);
    for (const doc of docs) {
      for (const source of ['a', 'b']) expect(again.get(doc.designation.key, source)).toEqual(fresh.get(doc.designation.key, source));
    }
    expect(again.get('new', 'c')?.name).toBe('Quantum Photonics Reborn Ltd');
    for (const query of [...queries.slice(0, 200), 'Amended Name Holdings', 'Quantum Photonics Reborn']) {
      expect(again.search(query, { limit: 5 }), query).toEqual(original.search(query, { limit: 5 }));
    }
  });

  it('gives the designations in chunks of the size asked, the same bytes as in one piece, restored or not', () => {
    const original = build();
    const copy = restored(original);
    for (const index of [original, copy]) {
      const whole = index.toState();
      const chunks: Buffer[] = [];
      // A size no designation fits evenly: designations span chunks.
      const state = index.toState({ chunk: 1_000, write: (bytes) => chunks.push(Buffer.from(bytes)) });
      expect(chunks.slice(0, -1).every((c) => c.length === 1_000)).toBe(true);
      expect(chunks.at(-1)!.length).toBeGreaterThan(0);
      expect(chunks.at(-1)!.length).toBeLessThanOrEqual(1_000);
      expect(Buffer.concat(chunks).equals(Buffer.from(whole.json as Uint8Array))).toBe(true);
      expect(state.json).toHaveLength(0);
      expect(state.jsonAt).toEqual(whole.jsonAt);
    }
  });

  it('keeps a restored index that compacted as it keeps the index it came from', () => {
    const original = build();
    const copy = restored(original);
    // Removing most of it compacts both: restored entries are renumbered with their kept bytes.
    for (const index of [original, copy]) {
      for (const doc of docs.slice(0, 2000)) for (const source of ['a', 'b']) index.remove(doc.designation.key, source);
      // Fewer entry ids than designations ever added: removed ones were dropped (compacted).
      expect((index as unknown as { entries: { size: number } }).entries.size).toBeLessThan(docs.length);
    }
    const again = restored(copy);
    const fresh = restored(original);
    expect(again.size).toBe(fresh.size);
    for (const doc of docs) {
      for (const source of ['a', 'b']) expect(again.get(doc.designation.key, source)).toEqual(fresh.get(doc.designation.key, source));
    }
    for (const query of queries.slice(0, 200)) expect(again.search(query, { limit: 5 }), query).toEqual(original.search(query, { limit: 5 }));
  });

  it('refuses a state of another format', () => {
    const state = { ...build().toState(), format: 0 } as unknown as IndexState;
    expect(MatchIndex.fromState(state)).toBeNull();
  });
});
