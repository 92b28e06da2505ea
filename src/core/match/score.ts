/**
 * How well one indexed name answers one query, 0..1. Pure.
 *
 * Every token weighs its inverse document frequency over the index, so "Hikvision" (one
 * designation) weighs about four times "technology" (thousands). Three figures combine:
 * - query coverage: the share of the query's weight found in the name (a typo counts at its
 *   similarity, see fuzzy.ts). Everything the user typed must be explained: "Seagate Technology"
 *   finds "technology" in many names, but not "seagate", so it covers well under half.
 * - name coverage: the share of the name's weight the query found. "Huawei" covers most of
 *   "Huawei Technologies" (technology weighs little) and less of "Huawei Marine Networks".
 * - specificity: whether what was found is rare enough to single an entity out on its own:
 *   the noisy-or of the matched tokens' rarities (weight / weight of a one-designation token).
 *   For a person only the surname counts, so "Vladimir" alone does not find every Vladimir.
 *
 *   score = queryCoverage × (0.4 + 0.6 × max(nameCoverage, specificity))
 *
 * A query fully found in a name therefore scores at least 0.4, and reaches 1 when it is the whole
 * name or names something rare.
 */

/**
 * The one threshold: a result is returned only when its score is at least this.
 *
 * Chosen on the labelled query set (test/fixtures/lookup/queries.json) and the real-list
 * benchmark (bench/lookup.ts): it is the lowest round value at which no no-list query matches,
 * while one-edit typos of a rare word (similarity ≈ 0.9 × strength ≈ 0.95) and partial names
 * whose words are all found and rare ("Hikvision", "Huawei Marine") stay above it. One query
 * word in five missing (coverage 0.8) is the most a match can lack.
 */
export const MATCH_THRESHOLD = 0.78;

/** Floor of `0.4 + 0.6 × strength`: what a fully covered query is worth with nothing specific found. */
const BASE = 0.4;

/** One way a query token can be found in a name. */
export interface Expansion {
  /** Vocabulary id of the name token. */
  id: number;
  /** 1 for the token itself, below 1 for a token some edits away. */
  sim: number;
  /** Weight of the name token (the word the user presumably meant). */
  weight: number;
  /** 0..1: how well this token alone singles out an entity. */
  rarity: number;
}

export interface QueryToken {
  text: string;
  /** What the token costs when a name lacks it (soft words already discounted). */
  missingWeight: number;
  expansions: Expansion[];
}

/** The parts of an indexed name the scorer needs. */
export interface ScoredName {
  /** Distinct vocabulary ids of the name's tokens. */
  tokens: Int32Array;
  /** For people: the ids whose match makes a one-word query specific (surname); null for entities. */
  surname: Int32Array | null;
}

export interface Score {
  score: number;
  queryCoverage: number;
  nameCoverage: number;
}

function indexIn(tokens: Int32Array, id: number): number {
  for (let i = 0; i < tokens.length; i++) if (tokens[i] === id) return i;
  return -1;
}

/**
 * Score one name. `weightOf` gives a name token's current weight; `found` is scratch space at
 * least as long as the name's token list.
 */
export function scoreName(
  query: readonly QueryToken[],
  name: ScoredName,
  weightOf: (id: number) => number,
  found: Float64Array,
): Score {
  const { tokens, surname } = name;
  found.fill(0, 0, tokens.length);
  let matched = 0;
  let total = 0;
  let unspecific = 1;
  for (const token of query) {
    let best: Expansion | undefined;
    let at = -1;
    for (const expansion of token.expansions) {
      if (best && expansion.sim <= best.sim) continue;
      const i = indexIn(tokens, expansion.id);
      if (i === -1) continue;
      best = expansion;
      at = i;
    }
    if (!best) {
      total += token.missingWeight;
      continue;
    }
    matched += best.weight * best.sim;
    total += best.weight;
    if (best.sim > found[at]!) found[at] = best.sim;
    if (!surname || indexIn(surname, best.id) !== -1) unspecific *= 1 - best.rarity;
  }
  if (matched === 0 || total === 0) return { score: 0, queryCoverage: 0, nameCoverage: 0 };
  let nameFound = 0;
  let nameTotal = 0;
  for (let i = 0; i < tokens.length; i++) {
    const weight = weightOf(tokens[i]!);
    nameTotal += weight;
    nameFound += weight * found[i]!;
  }
  const queryCoverage = matched / total;
  const nameCoverage = nameTotal > 0 ? nameFound / nameTotal : 0;
  const specificity = 1 - unspecific;
  const strength = Math.max(nameCoverage, specificity);
  return { score: queryCoverage * (BASE + (1 - BASE) * strength), queryCoverage, nameCoverage };
}
