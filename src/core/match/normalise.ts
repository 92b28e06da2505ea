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
import { LEGAL_FORM_TOKENS, stripLegalForms } from './legal-forms.js';
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

/** "a.k.a.", "f.k.a.", "n.k.a.", "d.b.a." (dots and spaces optional) and their spelled-out forms. */
const ALIAS_MARKER =
  /(?:\b(?:a[./]?\s?k[./]?\s?a|f[./]?\s?k[./]?\s?a|n[./]?\s?k[./]?\s?a|d[./]?\s?b[./]?\s?a)\b\.?|\b(?:also|formerly|now|previously) known as\b|\bdoing business as\b|\btrading as\b|\bt\/a\b)\s*:?/gi;
const EDGE_PUNCTUATION = /^[\s,;:()[\]'"-]+|[\s,;:([\]'"-]+$/g;

/**
 * A name that carries its own aliases, split into them:
 * "Beijing Zhongke Co. (a.k.a. Zhongke Tech; f.k.a. ZK Ltd.)" → ["Beijing Zhongke Co.", "Zhongke Tech", "ZK Ltd."].
 * Semicolons only split inside the alias part, so a plain name is always one item.
 */
export function splitAliasText(name: string): string[] {
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
  const folded = foldText(name);
  const terms: MatchTerms = { tokens: [], words: [] };
  if (folded === '') return terms;
  const words = stripLegalForms(folded.split(' '));
  const take = (word: string): void => {
    const token = stem(word);
    if (terms.tokens.includes(token)) return;
    terms.tokens.push(token);
    terms.words.push(word);
  };
  for (const word of words) if (!STOP_WORDS.has(word)) take(word);
  if (terms.tokens.length === 0) for (const word of words) take(word);
  return terms;
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
  const after = foldText(name.slice(comma + 1)).split(' ');
  if (after.every((word) => LEGAL_FORM_TOKENS.has(word))) return null;
  const surname = matchTokens(name.slice(0, comma));
  const given = matchTokens(name.slice(comma + 1));
  if (surname.length === 0 || surname.length > 4 || given.length === 0) return null;
  return surname;
}
