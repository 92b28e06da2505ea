/**
 * Order of results. Pure.
 *
 * By score, then by how much of the name the query covered; ties (a name and someone else's
 * alias both equal to the query, a vessel and a company of one name) go to the name written as
 * typed, then to the name with fewer words the query lacks, then to primary names, then to the
 * designation indexed first.
 */
import { foldText } from './normalise.js';

export interface Hit {
  /** Designation (engine entry id). */
  entry: number;
  /** Its best-scoring name. */
  name: number;
  score: number;
  nameCoverage: number;
}

interface Ranked extends Hit {
  literal: boolean;
  extra: number;
  primary: boolean;
}

/**
 * `literals` are the query's names folded (foldText); `textOf` gives a name's published text,
 * `isPrimary` whether it is the designation's primary name.
 */
export function rankHits(
  hits: Iterable<Hit>,
  literals: readonly string[],
  textOf: (name: number) => string,
  isPrimary: (name: number) => boolean,
): Hit[] {
  const typed = new Set(literals.flatMap((literal) => literal.split(' ')));
  const ranked: Ranked[] = [];
  for (const hit of hits) {
    const folded = foldText(textOf(hit.name));
    ranked.push({
      ...hit,
      literal: literals.includes(folded),
      extra: folded.split(' ').filter((word) => !typed.has(word)).length,
      primary: isPrimary(hit.name),
    });
  }
  return ranked.sort(
    (a, b) =>
      b.score - a.score ||
      b.nameCoverage - a.nameCoverage ||
      Number(b.literal) - Number(a.literal) ||
      a.extra - b.extra ||
      Number(b.primary) - Number(a.primary) ||
      a.entry - b.entry,
  );
}
