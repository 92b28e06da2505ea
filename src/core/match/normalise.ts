/**
 * From a published name to the tokens the matcher compares. Pure.
 *
 *   normaliseForMatch('Hangzhou Hikvision Digital Technology Co., Ltd.')  // 'hangzhou hikvision digital technology'
 *   normaliseForMatch('ООО «Рособоронэкспорт»')                           // 'rosoboroneksport'
 *   normaliseForMatch('PUTIN, Vladimir Vladimirovich')                    // 'putin vladimir vladimirovich'
 *
 * Steps: any script to ASCII (any-ascii: diacritics, Cyrillic, Arabic, CJK…), lower case,
 * apostrophes and soft signs dropped ("Koval'chuk" = "Kovalchuk"), abbreviation dots closed up
 * ("L.L.C." = "LLC", "S.A. de C.V." = "SA de CV"), other punctuation to spaces, legal forms
 * stripped (legal-forms.ts), stop words dropped and plurals folded (tokens.ts). Word order is
 * kept here; the scorer compares token sets, which is what makes "SURNAME, Given" = "Given Surname".
 */
import anyAscii from 'any-ascii';
import { LEGAL_FORM_TOKENS, stripLegalFormsInto } from './legal-forms.js';
import { STOP_WORDS, stem } from './tokens.js';

const NON_ASCII = /[^\u0000-\u007f]/;
const APOSTROPHES = /['`\u2018\u2019\u02bc\u02b9\u00b4]/g;
/** A single letter followed by "." or "/" and another single letter: the inside of "l.l.c.", "a/s". */
const ABBREVIATION_DOT = /\b([a-z])[./](?=[a-z]\b)/g;
const NOT_ALPHANUMERIC = /[^a-z0-9]+/g;

/** Lower-case ASCII words separated by single spaces. */
export function foldText(text: string): string {
  let out = text;
  // NFC, not NFKD: decomposing first would turn Cyrillic "й" into "и" + breve ("Yurii", not "Yuriy");
  // any-ascii folds Latin diacritics, ligatures and full-width forms itself.
  if (NON_ASCII.test(out)) out = anyAscii(out.normalize('NFC'));
  return out
    .toLowerCase()
    .replace(APOSTROPHES, '')
    .replace(/&/g, ' and ')
    .replace(ABBREVIATION_DOT, '$1')
    .replace(NOT_ALPHANUMERIC, ' ')
    .trim();
}

const APOSTROPHE_OR_NON_ASCII = /['`\u0080-\uffff]/;

function isLetter(c: number): boolean {
  return c >= 97 && c <= 122;
}

function isAlphanumeric(c: number): boolean {
  return isLetter(c) || (c >= 48 && c <= 57);
}

/** A regular-expression word character, as `\b` reads them: letters, digits, "_". */
function isWordChar(c: number): boolean {
  return isAlphanumeric(c) || c === 95;
}

/** The "." or "/" at `i` stands between two single letters (`\b([a-z])[./](?=[a-z]\b)`). */
function abbreviationMark(text: string, i: number): boolean {
  if (i < 1 || i + 1 >= text.length) return false;
  if (!isLetter(text.charCodeAt(i - 1)) || !isLetter(text.charCodeAt(i + 1))) return false;
  if (i >= 2 && isWordChar(text.charCodeAt(i - 2))) return false;
  return i + 2 >= text.length || !isWordChar(text.charCodeAt(i + 2));
}

/**
 * The words of `foldText(text)`, without building the folded text: the index
 * folds every name it holds, a million at scale, and the chain of regular expressions was most
 * of its build.
 *
 *   foldWords('Huawei Technologies Co., Ltd.')   // ['huawei', 'technologies', 'co', 'ltd']
 *   foldWords('A.O. "Kvant" L.L.C. & Partners')  // ['ao', 'kvant', 'llc', 'and', 'partners']
 *
 * Contract: `foldWords(text)` equals `foldText(text).split(' ')`, or [] when that is ''. Text
 * with a letter outside ASCII, or an apostrophe (removed before the abbreviation rule looks at
 * its neighbours), takes foldText itself; the rest is read in one pass over the lower-cased
 * text: words are runs of letters and digits, "&" is the word "and", and the dot or slash of an
 * abbreviation ("l.l.c.", "a/s": a single letter, the mark, a single letter) is dropped so the
 * letters join, as foldText's ABBREVIATION_DOT does.
 */
export function foldWords(text: string): string[] {
  const words: string[] = [];
  foldWordsInto(text, words);
  return words;
}

/** foldWords into words[0 .. n] (slots after n left as they were); returns n. */
function foldWordsInto(text: string, words: string[]): number {
  let n = 0;
  if (APOSTROPHE_OR_NON_ASCII.test(text)) {
    const folded = foldText(text);
    if (folded === '') return 0;
    for (const word of folded.split(' ')) words[n++] = word;
    return n;
  }
  const lower = text.toLowerCase();
  let start = -1;
  let joined = '';
  for (let i = 0; i < lower.length; i++) {
    const c = lower.charCodeAt(i);
    if (isAlphanumeric(c)) {
      if (start === -1) start = i;
      continue;
    }
    if ((c === 46 || c === 47) && start !== -1 && abbreviationMark(lower, i)) {
      joined += lower.slice(start, i);
      start = i + 1;
      continue;
    }
    if (start !== -1) words[n++] = joined + lower.slice(start, i);
    start = -1;
    joined = '';
    if (c === 38) words[n++] = 'and';
  }
  if (start !== -1) words[n++] = joined + lower.slice(start);
  return n;
}

/** "a.k.a.", "f.k.a.", "n.k.a.", "d.b.a." (dots and spaces optional) and their spelled-out forms. */
const ALIAS_MARKER =
  /(?:\b(?:a[./]?\s?k[./]?\s?a|f[./]?\s?k[./]?\s?a|n[./]?\s?k[./]?\s?a|d[./]?\s?b[./]?\s?a)\b\.?|\b(?:also|formerly|now|previously) known as\b|\bdoing business as\b|\btrading as\b|\bt\/a\b)\s*:?/gi;
/**
 * What every match of ALIAS_MARKER holds, as a quicker test that reads every name of an index:
 * "k" then "a" (a.k.a., f.k.a., n.k.a.) or "kn" ("known as"), "b" then "a" (d.b.a.) or "bu"
 * ("doing business as"), "g as" ("trading as"), "/a" ("t/a"); /i without /u like ALIAS_MARKER,
 * so the same letters fold alike. A name it misses holds no marker (split would give it back whole).
 */
const MAY_HOLD_ALIAS_MARKER = /k[./]?\s?a|b[./]?\s?a|kn|bu|g as|\/a/i;
const EDGE_PUNCTUATION = /^[\s,;:()[\]'"-]+|[\s,;:([\]'"-]+$/g;

/**
 * A name that carries its own aliases, split into them:
 * "Beijing Zhongke Co. (a.k.a. Zhongke Tech; f.k.a. ZK Ltd.)" → ["Beijing Zhongke Co.", "Zhongke Tech", "ZK Ltd."].
 * Semicolons only split inside the alias part, so a plain name is always one item.
 */
export function splitAliasText(name: string): string[] {
  if (!MAY_HOLD_ALIAS_MARKER.test(name)) return [name.trim()];
  const parts = name.split(ALIAS_MARKER);
  if (parts.length === 1) return [name.trim()];
  const [first = '', ...rest] = parts;
  const out = [first, ...rest.flatMap((part) => part.split(';'))]
    .map((part) => part.replace(/\([^)]*$/, '').replace(EDGE_PUNCTUATION, '').trim())
    .map((part) => (/^[^(]*\)/.test(part) ? part.replace(')', '') : part))
    .filter((part) => part.length > 0);
  return out.length > 0 ? out : [name.trim()];
}

/** The name with parenthesised parts removed ("MIPT" in "Moscow Institute … (MIPT)"), or null when it has none. */
export function withoutParentheses(name: string): string | null {
  if (!name.includes('(')) return null;
  const out = name.replace(/\([^)]*\)?/g, ' ').replace(/\s+/g, ' ').trim();
  return out.length > 0 && out !== name ? out : null;
}

/** A name's tokens with the words they came from (before plural folding), index for index. */
export interface MatchTerms {
  tokens: string[];
  words: string[];
}

/**
 * The distinct tokens a name is compared by, in order of first appearance, and the unfolded
 * word of each (typo search looks at both: "Rastrojs" is one edit from "Rastrojos", but its
 * folded "rastroj" is two). Empty only when the name has no letters or digits; a name of
 * nothing but stop words keeps them.
 */
export function matchTerms(name: string): MatchTerms {
  const n = matchTermsInto(name, shared);
  return { tokens: shared.tokens.slice(0, n), words: shared.words.slice(0, n) };
}

/**
 * Reusable arrays for matchTermsInto: a caller that reads every name of an index (engine.ts)
 * keeps one, so a name costs no arrays of its own; only slots 0 .. n of `tokens` and `words`
 * are a name's, the rest are leftovers of longer names.
 */
export class TermScratch {
  readonly tokens: string[] = [];
  readonly words: string[] = [];
  /** foldWords's and stripLegalForms's output. */
  readonly folded: string[] = [];
  readonly kept: string[] = [];
}

/** matchTerms's own scratch (it copies the terms out). */
const shared = new TermScratch();

/** matchTerms(name) into scratch.tokens[0 .. n] and scratch.words[0 .. n]; returns n. */
export function matchTermsInto(name: string, scratch: TermScratch): number {
  const folded = foldWordsInto(name, scratch.folded);
  if (folded === 0) return 0;
  const kept = stripLegalFormsInto(scratch.folded, folded, scratch.kept);
  const words = scratch.kept;
  let n = 0;
  for (let i = 0; i < kept; i++) if (!STOP_WORDS.has(words[i]!)) n = take(scratch, n, words[i]!);
  if (n === 0) for (let i = 0; i < kept; i++) n = take(scratch, n, words[i]!);
  return n;
}

/** Add a word's token to terms 0 .. n unless they hold it; returns the new n. */
function take(scratch: TermScratch, n: number, word: string): number {
  const token = stem(word);
  for (let i = 0; i < n; i++) if (scratch.tokens[i] === token) return n;
  scratch.tokens[n] = token;
  scratch.words[n] = word;
  return n + 1;
}

/** The distinct tokens a name is compared by (see matchTerms). */
export function matchTokens(name: string): string[] {
  return matchTerms(name).tokens;
}

/** The comparison form of a name's first alias segment: tokens joined by single spaces. */
export function normaliseForMatch(name: string): string {
  return matchTokens(splitAliasText(name)[0] ?? '').join(' ');
}

/**
 * OFAC writes individuals "SURNAME, Given Names". For a name with exactly one comma and at most
 * four words before it, the tokens of the surname part; null otherwise. Used to require that a
 * one-word query about a person names the surname, not just "Vladimir".
 */
export function surnameTokens(name: string): string[] | null {
  const comma = name.indexOf(',');
  if (comma <= 0 || name.indexOf(',', comma + 1) !== -1) return null;
  // In the shared scratch, each part read through before the next (the index asks this of every
  // name of a person). foldText(…).split(' ') of an empty part is [''], which is no legal form:
  // hence the length test.
  const after = name.slice(comma + 1);
  const words = foldWordsInto(after, shared.folded);
  let onlyForms = true;
  for (let i = 0; i < words && onlyForms; i++) onlyForms = LEGAL_FORM_TOKENS.has(shared.folded[i]!);
  if (words > 0 && onlyForms) return null;
  if (matchTermsInto(after, shared) === 0) return null;
  const surname = matchTermsInto(name.slice(0, comma), shared);
  if (surname === 0 || surname > 4) return null;
  return shared.tokens.slice(0, surname);
}
