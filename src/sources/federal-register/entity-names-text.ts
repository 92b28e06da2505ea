/**
 * Entity names out of the plain text of a public-inspection document (`raw_text_url`), for the
 * early-warning alert that comes before the rule is published. Pure, best-effort.
 *
 * The text is the filed manuscript flattened: the amendatory instructions ("…by adding, in
 * alphabetical order, entries for “Alpha Co., Ltd.” and “Beta LLC”…") and the table, whose
 * cells run together line by line:
 *
 *   CHINA, PEOPLE'S REPUBLIC OF      *   *   *   *   *
 *   Alpha Co., Ltd., a.k.a., the following two aliases: …  Room 1, Beijing, China.
 *   For all items subject to the EAR. (See § 744.11 of the EAR)   Presumption of denial.
 *   89 FR [INSERT FR PAGE NUMBER] [INSERT DATE OF PUBLICATION IN THE FEDERAL REGISTER].
 *
 * Each table entry ends with its citation; the entity is what precedes the license columns.
 * Names from the table come first, then names quoted in the instructions that the table lacks.
 */
import type { AnnouncedEntry } from '../../core/announcements.js';
import { countryCode, displayCountry } from '../../core/countries.js';
import { normaliseName, uniqueStrings } from '../../core/text.js';
import type { BisListCode } from '../bis-common/bis-table.js';
import { cleanItem, parseEntityCell } from '../bis-common/entity-cell.js';
import { createAmendmentReader, type Amendment } from './amendments.js';

/** The end of one table entry: its citation, as filed or as published. */
const CITATION = /\b\d{2,3}\s+FR\s+(?:\[INSERT[^\]]*\]|\d[\d,]*)(?:[^\n]*?\[INSERT[^\]]*\])?[^\n]*/gi;

/** The table's column headings, flattened (the table starts after them). */
const HEADINGS = /Country\s+(?:Entity|Listed\s+person(?:\s+and\s+address)?)\s+(?:License\s+requirement\s+License\s+review\s+policy\s+)?Federal\s+Register\s+citation/gi;

/** Where the license columns begin, ending the entity text. */
const LICENSE_COLUMNS = /\b(?:For all items subject to|For all items|License requirement|Presumption of|Case-by-case|Policy of denial|See §)/i;

const STARS = /^[\s*]+$/;

/** A line's leading country heading (upper case, then two spaces or the line end), and the rest. */
function splitCountry(line: string): { country: string | null; rest: string } {
  const columns = line.split(/\s{2,}|\t+/);
  const first = columns[0]?.trim() ?? '';
  if (first === first.toUpperCase() && /[A-Z]/.test(first) && countryCode(first)) return { country: first, rest: columns.slice(1).join('  ').trim() };
  return { country: null, rest: line };
}

interface TableName {
  name: string;
  /** The country heading in force, as printed. */
  country: string | null;
}

function tableNames(text: string): TableName[] {
  const headings = [...text.matchAll(HEADINGS)];
  const starts = headings.map((match) => match.index + match[0].length);
  const names: TableName[] = [];
  let country: string | null = null;
  for (const [i, start] of starts.entries()) {
    const end = starts[i + 1] ?? text.length;
    const table = text.slice(start, end);
    let from = 0;
    for (const citation of table.matchAll(CITATION)) {
      const entry = table.slice(from, citation.index);
      from = citation.index + citation[0].length;
      const entityText = entry.split(LICENSE_COLUMNS)[0] ?? '';
      const lines: string[] = [];
      for (const raw of entityText.split('\n')) {
        const split = splitCountry(raw.replace(/(?:\*\s*){2,}/g, ' ').trim());
        if (split.country) country = split.country;
        if (split.rest !== '' && !STARS.test(split.rest)) lines.push(split.rest);
      }
      if (lines.length === 0) continue;
      const { name } = parseEntityCell(lines);
      if (name) names.push({ name, country });
    }
  }
  return names;
}

/** Names quoted after "entry for" / "entries for" in the instructions. */
function instructionNames(text: string): string[] {
  const names: string[] = [];
  const flat = text.replace(/\s+/g, ' ');
  for (const match of flat.matchAll(/\bentr(?:y|ies)\s+for\s*:?\s*/gi)) {
    const rest = flat.slice(match.index + match[0].length);
    const quoted = /^(?:(?:[,;]|\band\b|\s)*[“"][^“”"]+[”"])+/i.exec(rest);
    if (!quoted) continue;
    for (const name of quoted[0].matchAll(/[“"]([^“”"]+)[”"]/g)) names.push(cleanItem(name[1]!));
  }
  return names;
}

/** Entity names in a public-inspection text, table first, each once (by normalised name). */
export function entityNamesFromText(text: string): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const name of uniqueStrings([...tableNames(text).map((entry) => entry.name), ...instructionNames(text)])) {
    const key = normaliseName(name);
    if (key === '' || seen.has(key)) continue;
    seen.add(key);
    out.push(name);
  }
  return out;
}

const INSTRUCTION = /^(?:\d{1,2}|[a-z]{1,2}|\([a-z0-9]{1,3}\))\s*\.?\s+\S/i;

/** The amendatory instructions of a flattened text, paragraph by paragraph, in order. */
function instructionEntries(text: string): Amendment[] {
  const reader = createAmendmentReader();
  const out: Amendment[] = [];
  for (const paragraph of text.split(/\n\s*\n/)) {
    const flat = paragraph.replace(/\s+/g, ' ').trim();
    if (flat === '') continue;
    // Headings such as "Supplement No. 4 to Part 744 – Entity List" set the list without instructing.
    if (/^supplement\s+no/i.test(flat) && !/\bamended\b/i.test(flat)) reader.note(flat);
    // Only numbered or lettered instructions ("2. Supplement no. 4 … is amended:", "a. Under …"):
    // the summary's prose ("The “Entity List” is found in supplement no. 4 …") instructs nothing.
    else if (INSTRUCTION.test(flat)) out.push(...reader.read(flat));
  }
  return out;
}

/**
 * What a public-inspection text announces: each entry with its action (added, revised,
 * removed), list and country, from the instructions; table entries they do not name count as
 * added to `fallbackList` (the list the title names). Each entry once per action.
 */
export function entriesFromText(text: string, fallbackList: BisListCode): AnnouncedEntry[] {
  const entries: AnnouncedEntry[] = instructionEntries(text).map((a) => ({ action: a.kind, list: a.list, country: displayCountry(a.countryText), name: a.name }));
  const named = new Set(entries.map((entry) => normaliseName(entry.name)));
  for (const { name, country } of tableNames(text)) {
    const key = normaliseName(name);
    if (key === '' || named.has(key)) continue;
    named.add(key);
    entries.push({ action: 'added', list: fallbackList, country: displayCountry(country), name });
  }
  return entries;
}
