/**
 * Amendatory instructions (`<AMDPAR>`) of a rule amending 15 CFR part 744 → which entries it
 * adds, revises or removes, on which list, under which country. Pure, best-effort.
 *
 * BIS writes them in a few stable shapes:
 *
 *   3. Supplement No. 4 to part 744 is amended:
 *   a. Under CHINA, PEOPLE'S REPUBLIC OF, by adding, in alphabetical order, entries for
 *      “Alpha Co., Ltd.,” and “Beta Ltd.”;
 *   b. By adding under IRAN, in alphabetical order, an entry for “Gamma Co.”; and
 *   c. Under RUSSIA, by revising the entry for “Delta LLC” and removing the entry for “Epsilon”.
 *
 * A numbered instruction naming a supplement sets the list; its lettered sub-instructions
 * inherit it; a numbered instruction naming none ("4. Section 744.21 is amended…") clears it.
 * Names are the quoted strings after a verb; the country is the last "under X" before them.
 */
import { normaliseName } from '../../core/text.js';
import { supplementList, type BisListCode } from '../bis-common/bis-table.js';
import { cleanItem } from '../bis-common/entity-cell.js';

export type AmendmentKind = 'added' | 'revised' | 'removed';

export interface Amendment {
  kind: AmendmentKind;
  list: BisListCode;
  /** The country as the instruction prints it ("CHINA, PEOPLE'S REPUBLIC OF"), or null. */
  countryText: string | null;
  /** The entry's name as quoted. */
  name: string;
}

const TOKEN = new RegExp(
  [
    String.raw`\b(?<verb>add(?:ing|ed|s)?|revis(?:ing|ed|es|e)|remov(?:ing|ed|es|e))\b`,
    String.raw`\bunder\s+(?:the\s+(?:destination|country)\s+(?:of\s+)?)?(?<country>[^“”"]+?)\s*,?\s+(?=by\b|in\s+alphabetical\b|the\s+entr|an?\s+entr|entries\b|entry\b)`,
    String.raw`[“"](?<quoted>[^“”"]+)[”"]`,
  ].join('|'),
  'gi',
);

function kindOf(verb: string): AmendmentKind {
  const lower = verb.toLowerCase();
  if (lower.startsWith('add')) return 'added';
  if (lower.startsWith('revis')) return 'revised';
  return 'removed';
}

/** The amendments in one instruction, given the list it belongs to and the country its parent names. */
function amendmentsOf(text: string, list: BisListCode, carried: string | null): Amendment[] {
  const out: Amendment[] = [];
  let kind: AmendmentKind | null = null;
  let countryText: string | null = carried;
  for (const match of text.matchAll(TOKEN)) {
    const { verb, country, quoted } = match.groups ?? {};
    if (verb) kind = kindOf(verb);
    else if (country) countryText = country.replace(/[,\s]+$/, '').trim();
    else if (quoted && kind) {
      const name = cleanItem(quoted);
      if (name) out.push({ kind, list, countryText, name });
    }
  }
  return out;
}

/** Reads a sequence of instructions in document order, keeping the current supplement. */
/** "a. Under CHINA, PEOPLE'S REPUBLIC OF:" — a lettered instruction naming only a country, for its sub-items. */
const COUNTRY_HEADING = /^\s*\(?[a-z]{1,2}\)?\s*\.?\s*under\s+(?:the\s+(?:destination|country)\s+(?:of\s+)?)?([^“”"]+?)\s*:\s*$/i;
/** "i.", "ii.", "(iv)": the roman-numbered sub-items under a lettered instruction. */
const ROMAN_ITEM = /^\s*\(?(?:i{1,3}|iv|vi{0,3}|ix|x{1,2})\)?\s*\.?\s/i;

export function createAmendmentReader(): { read(text: string): Amendment[]; note(heading: string): void; list(): BisListCode | null } {
  let current: BisListCode | null = null;
  let carried: string | null = null;
  return {
    read(text) {
      const named = supplementList(text);
      if (named) current = named;
      else if (/^\s*\d+\s*\./.test(text)) current = null;
      const heading = COUNTRY_HEADING.exec(text);
      if (heading) {
        carried = heading[1]!.replace(/[,\s]+$/, '').trim();
        return [];
      }
      if (!(carried && ROMAN_ITEM.test(text))) carried = null;
      return current ? amendmentsOf(text, current, carried) : [];
    },
    note(heading) {
      const named = supplementList(heading);
      if (named) current = named;
    },
    list: () => current,
  };
}

/** Whether two printed names are the same entry (normalised equality). */
export function sameName(a: string, b: string): boolean {
  return normaliseName(a) === normaliseName(b);
}
