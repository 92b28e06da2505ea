/**
 * Prefix completion over current designation names and aliases, for autocomplete while a name
 * is being typed ("hikv" → "Hangzhou Hikvision Digital Technology Co., Ltd."). The match engine
 * scores whole names; a half-typed word needs prefixes instead.
 *
 *   const completer = buildCompleter(designations);
 *   completer.complete('acme opt', 25)   // [{ name: 'Acme Optics Co., Ltd.', lists: ['EL'] }]
 *
 * Every word typed must begin a word of the name or of one alias (any order). Names beginning
 * with the whole query rank first, then primary names over aliases, then shorter names. One
 * suggestion per displayed name, with every list it is on.
 */
import { foldText } from '../../core/match/normalise.js';
import type { Designation, ListCode } from '../../core/model.js';
import type { Store } from '../../../store/types.js';

export interface Completion {
  /** The primary name, as published. */
  name: string;
  lists: ListCode[];
}

export interface Completer {
  complete(query: string, limit: number): Completion[];
}

interface Entry {
  group: number;
  folded: string;
  words: string[];
  alias: boolean;
}

export function buildCompleter(designations: Iterable<Designation>): Completer {
  const groups: Completion[] = [];
  const groupOf = new Map<string, number>();
  const entries: Entry[] = [];
  for (const d of designations) {
    const key = foldText(d.name);
    let group = groupOf.get(key);
    if (group === undefined) {
      group = groups.push({ name: d.name, lists: [] }) - 1;
      groupOf.set(key, group);
    }
    const lists = groups[group]!.lists;
    if (!lists.includes(d.list)) lists.push(d.list);
    for (const [i, text] of [d.name, ...d.aliases].entries()) {
      const folded = foldText(text);
      if (folded) entries.push({ group, folded, words: folded.split(' '), alias: i > 0 });
    }
  }
  return {
    complete(query, limit) {
      const folded = foldText(query);
      if (folded === '') return [];
      const typed = folded.split(' ');
      const best = new Map<number, number>();
      for (const entry of entries) {
        if (!typed.every((t) => entry.words.some((w) => w.startsWith(t)))) continue;
        const rank = (entry.folded.startsWith(folded) ? 0 : 2_000_000) + (entry.alias ? 1_000_000 : 0) + entry.folded.length;
        const seen = best.get(entry.group);
        if (seen === undefined || rank < seen) best.set(entry.group, rank);
      }
      return [...best.entries()]
        .sort((a, b) => a[1] - b[1] || a[0] - b[0])
        .slice(0, limit)
        .map(([group]) => groups[group]!);
    },
  };
}

/**
 * The completer over the store's current designations, rebuilt when a source changed (its last
 * change or count moved), shared by concurrent callers; a failed build is tried again next time.
 */
export function createCompleterSource(store: Pick<Store, 'listSourceStates' | 'allCurrentDesignations'>): () => Promise<Completer> {
  let current: { version: string; completer: Promise<Completer> } | null = null;
  return async () => {
    const states = await store.listSourceStates();
    const version = states.map((s) => `${s.source}@${s.lastChangeAt ?? ''}#${s.designationCount}`).sort().join('|');
    if (current?.version === version) return current.completer;
    const completer = store.allCurrentDesignations().then((rows) => buildCompleter(rows.map((row) => row.designation)));
    current = { version, completer };
    completer.catch(() => {
      if (current?.completer === completer) current = null;
    });
    return completer;
  };
}
