/**
 * Corpora and labelled queries for bench/lookup.ts.
 *
 * - realCorpus(dataDir): every designation of ../shared/data/csl/*.csv (the project's CSL parser)
 *   and of the OFAC legacy set ofac_sdn_legacy/*_2021-07.csv (the project's SDN parser).
 * - syntheticCorpus(seed) (lookup-synthetic.ts): ~30,000 generated entities, ~100,000 names.
 * - labelledQueries(docs, seed): queries derived from sampled names (exact, lower-cased, legal form
 *   dropped, one-letter typo, first two words swapped) with the designations any of which counts
 *   as right, plus no-list queries: real companies on no list, sampled names whose rarest word
 *   was replaced by an invented one, and brand-like words one letter away from a distinctive word
 *   of a listed name that has another distinctive word (`brandQueries`).
 * The expected answers are computed with the project's plain `normaliseName`, not the matcher's.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { Designation } from '../src/core/model.js';
import { normaliseName } from '../src/core/text.js';
import { brandQueries } from './lookup-brands.js';
import { SnapshotRefusedError } from '../src/errors.js';
import { createCslSource } from '../src/sources/csl/index.js';
import { parseOfacSdn } from '../src/sources/ofac-sdn/parse.js';

/** One designation as every engine indexes it. */
export interface BenchDoc {
  /** Unique across sources: `${source} ${key}`. */
  id: string;
  source: string;
  designation: Designation;
}

export interface BenchQuery {
  query: string;
  kind: string;
  /** Ids of the docs any of which is a right first answer; null when nothing may match. */
  accept: ReadonlySet<string> | null;
}

/** Well-known companies on no US restriction list (checked against the real corpus at run time). */
export const NO_LIST_COMPANIES = [
  'Toshiba', 'Seagate Technology', 'Siemens', 'Nokia', 'Tata Motors', 'Samsung Electronics', 'Sony Group Corporation',
  'Panasonic', 'Robert Bosch GmbH', 'Koninklijke Philips N.V.', 'Ericsson', 'Lenovo Group Limited', 'Infosys Limited',
  'Wipro', 'Volkswagen AG', 'Toyota Motor Corporation', 'Nestle S.A.', 'Unilever PLC', 'A.P. Moller - Maersk',
  'Accenture', 'Oracle Corporation', 'Intel Corporation', 'Micron Technology', 'Texas Instruments', 'ASML Holding N.V.',
  'Airbus SE', 'Hitachi, Ltd.', 'Fujitsu Limited', 'Mitsubishi Electric Corporation', 'Canon Inc.', 'LG Electronics',
  'Hyundai Motor Company', 'Reliance Industries Limited', 'Schneider Electric', 'Vodafone Group Plc', 'BASF SE',
  'Hon Hai Precision Industry Co., Ltd.', 'Taiwan Semiconductor Manufacturing Company Limited', 'China Southern Airlines',
  'Bank of China', 'National Bank of Egypt', 'Haier Smart Home Co., Ltd.', 'Geely Automobile Holdings', 'Turkish Airlines',
  'Emirates Airline', 'Deutsche Bank AG', 'HSBC Holdings plc', 'Standard Chartered', 'Maruti Suzuki India', 'Larsen & Toubro',
  'Petrobras', 'Equinor ASA', 'Shell plc', 'TotalEnergies SE', 'Rio Tinto', 'BHP Group', 'Nippon Steel Corporation',
  'POSCO Holdings', 'Kia Corporation', 'Foxconn Technology Group',
];

/** Deterministic PRNG (mulberry32). */
export function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function pick<T>(rand: () => number, items: readonly T[]): T {
  return items[Math.floor(rand() * items.length)]!;
}

// ---------------------------------------------------------------- real corpus

/**
 * The project's CSL parser over a file. The staged 2023-11 file is the head of a larger download
 * and ends inside a record, which the parser rightly refuses as truncated; for the benchmark the
 * body is then cut after the last complete record (records start with a quoted `_id` on a new line).
 */
function parseCslFile(location: string): Designation[] {
  const bytes = readFileSync(location);
  const source = createCslSource({ url: location });
  try {
    return source.parse({ bytes, contentType: null, location });
  } catch (err) {
    if (!(err instanceof SnapshotRefusedError) || err.code !== 'truncated') throw err;
    const text = bytes.toString('utf8');
    const cut = text.lastIndexOf('\n"');
    return source.parse({ bytes: Buffer.from(text.slice(0, cut + 1)), contentType: null, location });
  }
}

export function realCorpus(dataDir: string): BenchDoc[] {
  const docs: BenchDoc[] = [];
  const cslDir = join(dataDir, 'csl');
  for (const file of readdirSync(cslDir).filter((f) => f.endsWith('.csv')).sort()) {
    const location = join(cslDir, file);
    const source = `csl:${basename(file, '.csv')}`;
    const designations = parseCslFile(location);
    for (const designation of designations) docs.push({ id: `${source} ${designation.key}`, source, designation });
  }
  const ofacDir = join(dataDir, 'ofac_sdn_legacy');
  const part = (name: string): Buffer | undefined => {
    const path = join(ofacDir, `${name}_2021-07.csv`);
    return existsSync(path) ? readFileSync(path) : undefined;
  };
  const sdn = part('sdn');
  if (sdn) {
    const parts: Record<string, Buffer> = {};
    for (const [key, name] of [['ADD.CSV', 'add'], ['ALT.CSV', 'alt'], ['SDN_COMMENTS.CSV', 'sdn_comments']] as const) {
      const bytes = part(name);
      if (bytes) parts[key] = bytes;
    }
    for (const designation of parseOfacSdn({ bytes: sdn, contentType: null, location: 'sdn_2021-07.csv', parts })) {
      docs.push({ id: `ofac-sdn ${designation.key}`, source: 'ofac-sdn', designation });
    }
  }
  return docs;
}

// ---------------------------------------------------------------- labelled queries

const TRAILING_LEGAL_FORM =
  /[\s,]+(co\.?,?\s*ltd\.?|company\s+limited|co\.?|ltd\.?|limited|inc\.?|llc|l\.l\.c\.|corp\.?|corporation|company|jsc|ojsc|pjsc|cjsc|ooo|oao|zao|pao|gmbh|ag|s\.a\.?|sa|plc|llp|pte\.?\s*ltd\.?|pvt\.?\s*ltd\.?|sdn\.?\s*bhd\.?|fze|fzco|b\.v\.|n\.v\.)\s*$/i;
const LEADING_LEGAL_FORM = /^(ooo|oao|zao|pao|ao|jsc|ojsc|pjsc|cjsc|joint stock company|limited liability company|public joint stock company)\s+/i;

function dropLegalForm(name: string): string | null {
  let out = name;
  for (let i = 0; i < 3; i++) out = out.replace(TRAILING_LEGAL_FORM, '').replace(LEADING_LEGAL_FORM, '').trim();
  return out !== name.trim() && out.length >= 3 ? out : null;
}

function typo(rand: () => number, name: string): string | null {
  const words = [...name.matchAll(/[A-Za-z]{6,}/g)];
  if (words.length === 0) return null;
  const target = words.reduce((a, b) => (b[0].length > a[0].length ? b : a));
  const word = target[0];
  const at = 1 + Math.floor(rand() * (word.length - 2));
  const letters = 'abcdefghijklmnopqrstuvwxyz';
  const kind = Math.floor(rand() * 3);
  const next =
    kind === 0
      ? word.slice(0, at) + word.slice(at + 1)
      : kind === 1
        ? word.slice(0, at) + word[at + 1] + word[at] + word.slice(at + 2)
        : word.slice(0, at) + pick(rand, letters.replace(word[at]!.toLowerCase(), '').split('')) + word.slice(at + 1);
  if (next === word) return null;
  return name.slice(0, target.index) + next + name.slice(target.index! + word.length);
}

function swapped(name: string): string | null {
  const comma = name.indexOf(',');
  if (comma > 0 && name.indexOf(',', comma + 1) === -1) {
    const given = name.slice(comma + 1).trim();
    if (given && !/^(ltd|inc|llc|co|s\.?a|c\.?a)\b/i.test(given)) return `${given} ${name.slice(0, comma).trim()}`;
  }
  const words = name.split(/\s+/);
  if (words.length < 2) return null;
  return [words[1], words[0], ...words.slice(2)].join(' ');
}

function words(text: string): string[] {
  return normaliseName(text).split(' ').filter(Boolean);
}

function inventedWord(rand: () => number, vocabulary: ReadonlySet<string>): string {
  const onsets = ['zv', 'kr', 'qu', 'vr', 'pl', 'gw', 'sk', 'tr', 'br', 'fl', 'dz', 'xy'];
  const vowels = ['o', 'a', 'e', 'u', 'i', 'y'];
  const codas = ['rq', 'lx', 'nt', 'mb', 'rv', 'sk', 'lt', 'wn'];
  for (;;) {
    const word = pick(rand, onsets) + pick(rand, vowels) + pick(rand, codas) + pick(rand, vowels) + pick(rand, ['l', 'n', 'x', 'rd']);
    if (!vocabulary.has(word)) return word;
  }
}

/**
 * `perEntity` sampled designations give up to five listed queries each; as many no-list
 * queries are made by replacing the rarest word of other sampled names with an invented word.
 */
export function labelledQueries(docs: readonly BenchDoc[], seed: number, sampled: number): BenchQuery[] {
  const rand = random(seed);
  const byName = new Map<string, Set<string>>();
  const df = new Map<string, number>();
  const vocabulary = new Set<string>();
  for (const doc of docs) {
    const d = doc.designation;
    for (const name of [d.name, ...d.aliases]) {
      const key = normaliseName(name);
      const set = byName.get(key) ?? new Set<string>();
      set.add(doc.id);
      byName.set(key, set);
    }
    for (const word of new Set([d.name, ...d.aliases].flatMap(words))) {
      df.set(word, (df.get(word) ?? 0) + 1);
      vocabulary.add(word);
    }
  }
  const out: BenchQuery[] = [];
  const eligible = docs.filter((doc) => normaliseName(doc.designation.name).length >= 3);
  for (let i = 0; i < sampled; i++) {
    const doc = pick(rand, eligible);
    const name = doc.designation.name;
    const accept = byName.get(normaliseName(name))!;
    const variants: Array<[string, string | null]> = [
      ['exact', name],
      ['lower-case', name.toLowerCase()],
      ['legal form dropped', dropLegalForm(name)],
      ['typo', typo(rand, name)],
      ['word order', swapped(name)],
    ];
    for (const [kind, query] of variants) if (query) out.push({ query, kind, accept });
    const other = pick(rand, eligible).designation.name;
    // A name that carries its own aliases ("X (f.k.a. Y)") would still name the entity through them.
    if (/\b(?:a[./]?k[./]?a|f[./]?k[./]?a|n[./]?k[./]?a|d[./]?b[./]?a)\b/i.test(other)) continue;
    const tokens = words(other);
    const rarest = tokens.reduce((a, b) => ((df.get(b) ?? 0) < (df.get(a) ?? 0) ? b : a), tokens[0]!);
    const pattern = new RegExp(`\\b${rarest.replace(/[^a-z0-9]/g, '.')}\\b`, 'gi');
    const mutated = other.replace(pattern, inventedWord(rand, vocabulary));
    if (mutated !== other) out.push({ query: mutated, kind: 'no-list (invented word)', accept: null });
  }
  for (const query of NO_LIST_COMPANIES) {
    if (!containedIn(query, vocabularyOfNames(docs))) out.push({ query, kind: 'no-list (real company)', accept: null });
  }
  out.push(...brandQueries(docs, rand, df, sampled, NOT_DISTINCTIVE));
  return out;
}

/** Words of a company name that say which company it is: without legal forms and the like. */
const NOT_DISTINCTIVE = new Set(['co', 'ltd', 'limited', 'inc', 'corporation', 'corp', 'company', 'group', 'holdings', 'holding', 'plc', 'ag', 'se', 'sa', 'nv', 'n', 'v', 'asa', 'a', 'p', 'of', 'the', 'and']);

let nameWordSets: { docs: readonly BenchDoc[]; sets: Array<Set<string>> } | undefined;

function vocabularyOfNames(docs: readonly BenchDoc[]): Array<Set<string>> {
  if (nameWordSets?.docs === docs) return nameWordSets.sets;
  const sets = docs.flatMap((doc) => [doc.designation.name, ...doc.designation.aliases].map((name) => new Set(words(name))));
  nameWordSets = { docs, sets };
  return sets;
}

/**
 * True when every distinctive word of a company name appears in one listed name ("Accenture" in
 * "ACCENTURE BUILDING MATERIALS"): a partial-name match there is a right answer to a lookup, so
 * the company cannot serve as a no-list query. Such companies are left out (and listed).
 */
export function containedIn(query: string, names: ReadonlyArray<Set<string>>): boolean {
  const distinctive = words(query).filter((word) => !NOT_DISTINCTIVE.has(word));
  return distinctive.length > 0 && names.some((name) => distinctive.every((word) => name.has(word)));
}

/** The no-list companies left out of a corpus's queries because a listed name contains them. */
export function containedCompanies(docs: readonly BenchDoc[]): string[] {
  const names = vocabularyOfNames(docs);
  return NO_LIST_COMPANIES.filter((query) => containedIn(query, names));
}
