/**
 * Brand-like no-list queries for the lookup benchmark and the real-list accuracy test
 * (bench/lookup-data.ts): unlisted names one letter away from a distinctive word of a longer
 * listed name. Pure, deterministic for a given `rand`.
 */
import { normaliseName } from '../src/core/text.js';
import type { BenchDoc, BenchQuery } from './lookup-data.js';

function pick<T>(rand: () => number, items: readonly T[]): T | undefined {
  return items[Math.floor(rand() * items.length)];
}

function words(text: string): string[] {
  return normaliseName(text).split(' ').filter(Boolean);
}

/** Plain Levenshtein distance ≤ 2 (the engine's own typo reach is what is under test). */
function withinTwoEdits(a: string, b: string): boolean {
  if (Math.abs(a.length - b.length) > 2) return false;
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) row.push(Math.min(previous[j]! + 1, row[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1)));
    if (Math.min(...row) > 2) return false;
    previous = row;
  }
  return previous[b.length]! <= 2;
}

/** A word used by at most this many designations is distinctive. */
const DISTINCTIVE_DF = 3;
/** A word used by more designations than this does not tell one entity from another. */
const COMMON_DF = 15;

/**
 * Unlisted brand names one letter from a listed word: from a name with two or more distinctive
 * words ("Skyrizen Aviation …"), one of them (six letters or more) with one letter replaced, so
 * that it is no word of the corpus ("Skyrizon"). The query reaches the name only through an edit
 * and lacks its other distinctive word: it must match nothing. A word that is on its own a listed
 * name or alias is skipped (a typo of it is a typo of a complete name, which must match).
 */
export function brandQueries(
  docs: readonly BenchDoc[],
  rand: () => number,
  df: ReadonlyMap<string, number>,
  wanted: number,
  NOT_DISTINCTIVE: ReadonlySet<string>,
): BenchQuery[] {
  // Names with one uncommon word ("SALIM S.A.", "KHALIDI COMPANY", "Sichuan University"), and
  // every word of a person's name: a brand within typo reach of one of them is a typo of a
  // complete name (or a fair search for a person), which must match — such brands are skipped.
  const oneWordNames = new Set<string>();
  for (const doc of docs) {
    const person = /individual|person/i.test(doc.designation.type ?? '');
    for (const name of [doc.designation.name, ...doc.designation.aliases]) {
      const uncommon = words(name).filter((w) => !NOT_DISTINCTIVE.has(w) && w.length > 2 && (person || (df.get(w) ?? 0) <= COMMON_DF));
      if (person || uncommon.length === 1) for (const w of uncommon) oneWordNames.add(w);
    }
  }
  const nearOneWordName = (brand: string): boolean => [...oneWordNames].some((name) => withinTwoEdits(brand, name));
  // Companies only: a surname alone is a fair search for a person.
  const entities = docs.filter((doc) => !/individual|person/i.test(doc.designation.type ?? ''));
  const letters = 'abcdefghijklmnopqrstuvwxyz';
  const out: BenchQuery[] = [];
  const seen = new Set<string>();
  for (let tries = 0; out.length < wanted && tries < wanted * 20; tries++) {
    const entity = pick(rand, entities);
    if (!entity) break;
    const tokens = words(entity.designation.name).filter((w) => !NOT_DISTINCTIVE.has(w));
    const distinctive = tokens.filter((w) => (df.get(w) ?? 0) <= DISTINCTIVE_DF && /^[a-z]+$/.test(w));
    if (distinctive.length < 2) continue;
    const word = pick(rand, distinctive.filter((w) => w.length >= 6));
    if (!word || oneWordNames.has(word)) continue;
    const at = 1 + Math.floor(rand() * (word.length - 2));
    const brand = word.slice(0, at) + pick(rand, letters.replace(word[at]!, '').split(''))! + word.slice(at + 1);
    if (df.has(brand) || seen.has(brand) || nearOneWordName(brand)) continue;
    seen.add(brand);
    out.push({ query: brand[0]!.toUpperCase() + brand.slice(1), kind: 'no-list (brand one letter off a listed word)', accept: null });
  }
  return out;
}

