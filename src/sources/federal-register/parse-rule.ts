/**
 * The full-text XML of a Federal Register rule amending the BIS lists of 15 CFR part 744 →
 * the entries it adds, revises and removes. Pure.
 *
 * Input is GPO's FEDREG markup: one document (`full_text_xml_url` of the Federal Register API,
 * root `<RULE>`) or a whole daily issue (root `<FEDREG>`), in which case the first document
 * amending part 744's lists is read. In the document's `<REGTEXT PART="744">`:
 * - `<AMDPAR>` instructions say what is added, revised, removed (amendments.ts);
 * - a `<GPOTABLE>` (under an `<HD>` "Supplement No. 4 to Part 744—Entity List") prints the new
 *   and revised entries in full (bis-table.ts). Removed entries are usually only named.
 * Supplement No. 4 is the Entity List, No. 6 the Unverified List, No. 7 the Military End-User List.
 *
 *   const rule = parseEntityListRule(xml, { citation: '89 FR 10000' });
 *   rule.actions.map((a) => `${a.kind} ${a.designation.name}`)
 */
import { countryCode } from '../../core/countries.js';
import { assignKeys, type Keyless } from '../../core/identity.js';
import type { Designation } from '../../core/model.js';
import { normaliseName } from '../../core/text.js';
import { fillCitation, listOfColumns, placeholderDate, readBisRows, rowDesignation, type BisListCode, type BisRow, type PublishedFacts } from '../bis-common/bis-table.js';
import { readTable } from '../bis-common/tables.js';
import { childrenNamed, descendantsNamed, isElement, parseXml, textOf, type XmlElement } from '../bis-common/xml.js';
import { createAmendmentReader, type Amendment } from './amendments.js';

export interface RuleAction {
  kind: 'added' | 'revised' | 'removed';
  /** For removals only the name, list and country are known (removed entries are not reprinted). */
  designation: Keyless;
}

export interface EntityListRule {
  /** "2024-02930", from `[FR Doc. 2024-02930 Filed …]`. */
  documentNumber: string | null;
  /** The document's SUBJECT, e.g. "Additions to the Entity List". */
  title: string | null;
  /** "89 FR 9741": the caller's, or the daily issue's table of contents; null when unknown. */
  citation: string | null;
  /** YYYY-MM-DD from "This rule is effective February 12, 2024."; null when not a date. */
  effectiveDate: string | null;
  actions: RuleAction[];
}

export interface RuleContext {
  /** The document's citation (Federal Register API `citation`), used for rows without their own. */
  citation?: string | null;
  /** Where the rule can be read (API `html_url`); becomes each designation's `sourceUrl`. */
  sourceUrl?: string | null;
  /** YYYY-MM-DD it was published (API `publication_date`): fills "[INSERT DATE OF PUBLICATION …]". */
  publicationDate?: string | null;
}

const DOCUMENT_TAGS = ['RULE', 'PRORULE', 'NOTICE', 'PRESDOCU'];

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];

function documentsOf(root: XmlElement): XmlElement[] {
  if (DOCUMENT_TAGS.includes(root.tag.toUpperCase())) return [root];
  return descendantsNamed(root, ...DOCUMENT_TAGS);
}

function regtextsOf(document: XmlElement): XmlElement[] {
  return descendantsNamed(document, 'REGTEXT').filter(
    (regtext) => regtext.attrs.PART === '744' || descendantsNamed(regtext, 'AMDPAR').some((p) => /\bpart\s+744\b/i.test(textOf(p))),
  );
}

function amendsBisList(document: XmlElement): boolean {
  return regtextsOf(document).some((regtext) =>
    descendantsNamed(regtext, 'AMDPAR', 'HD').some((node) => /supplement\s+no\.?\s*[467]\s+to\s+part\s+744/i.test(textOf(node))),
  );
}

function firstText(document: XmlElement, tag: string): string | null {
  const [element] = descendantsNamed(document, tag);
  const text = element ? textOf(element) : '';
  return text === '' ? null : text;
}

function documentNumberOf(document: XmlElement): string | null {
  const frdoc = firstText(document, 'FRDOC');
  return frdoc ? (/FR\s+Doc\.?\s*([\w-]+)/i.exec(frdoc)?.[1] ?? null) : null;
}

function effectiveDateOf(document: XmlElement, publicationDate: string | null): string | null {
  const dates = firstText(document, 'EFFDATE') ?? firstText(document, 'DATES');
  const filled = dates ? placeholderDate(dates, publicationDate) : null;
  if (filled) return filled;
  const match = dates ? /effective\s+(?:on\s+)?([A-Za-z]+)\.?\s+(\d{1,2}),\s+(\d{4})/i.exec(dates) : null;
  if (!match) return null;
  const month = MONTHS.findIndex((name) => name.startsWith(match[1]!.toLowerCase().slice(0, 3)));
  if (month === -1) return null;
  return `${match[3]}-${String(month + 1).padStart(2, '0')}-${match[2]!.padStart(2, '0')}`;
}

/** "89 FR 9776" from a daily issue's VOL and its contents entry (PGS beside FRDOCBP). */
function issueCitation(root: XmlElement, documentNumber: string | null): string | null {
  if (root.tag.toUpperCase() !== 'FEDREG' || !documentNumber) return null;
  const volume = childrenNamed(root, 'VOL')[0];
  if (!volume) return null;
  for (const entry of descendantsNamed(root, 'SJDENT', 'DOCENT')) {
    const number = childrenNamed(entry, 'FRDOCBP')[0];
    const pages = childrenNamed(entry, 'PGS')[0];
    if (number && pages && textOf(number) === documentNumber) {
      const start = /\d+/.exec(textOf(pages))?.[0];
      return start ? `${textOf(volume)} FR ${start}` : null;
    }
  }
  return null;
}

interface TableEntry {
  list: BisListCode;
  row: BisRow;
}

/** Walk the part-744 REGTEXTs in order: instructions, headings and tables. */
function readRegtexts(regtexts: XmlElement[]): { amendments: Amendment[]; entries: TableEntry[] } {
  const reader = createAmendmentReader();
  const amendments: Amendment[] = [];
  const entries: TableEntry[] = [];
  const visit = (element: XmlElement): void => {
    const tag = element.tag.toUpperCase();
    if (tag === 'AMDPAR') {
      amendments.push(...reader.read(textOf(element)));
      return;
    }
    if (tag === 'HD') {
      reader.note(textOf(element));
      return;
    }
    if (tag === 'GPOTABLE') {
      const table = readTable(element);
      const list = reader.list() ?? listOfColumns(table);
      if (list) for (const row of readBisRows(table)) entries.push({ list, row });
      return;
    }
    for (const child of element.children) if (isElement(child)) visit(child);
  };
  for (const regtext of regtexts) visit(regtext);
  return { amendments, entries };
}

function amendmentDesignation(amendment: Amendment, extras: { frCitation: string | null; startDate: string | null; sourceUrl: string | null }): Keyless {
  const country = countryCode(amendment.countryText);
  return rowDesignation(
    {
      countryText: amendment.countryText,
      country,
      entity: { name: amendment.name, aliases: [], addresses: [] },
      licenseRequirement: null,
      licensePolicy: null,
      frCitation: null,
    },
    amendment.list,
    extras,
  );
}

/** The first printed page of the document (`<PRTPAGE P="67317"/>`), or the citation's page. */
function firstPage(document: XmlElement, citation: string | null): string | null {
  const cited = citation ? /\bFR\s+(\d+)/i.exec(citation)?.[1] : undefined;
  if (cited) return cited;
  return descendantsNamed(document, 'PRTPAGE')[0]?.attrs.P ?? null;
}

/**
 * One action per entry: an entry printed under several countries (a multi-country entry) is one
 * designation with every country and address, as the CSL keeps it.
 */
function mergeMultiCountry(actions: RuleAction[]): RuleAction[] {
  const byKey = new Map<string, RuleAction>();
  const out: RuleAction[] = [];
  for (const action of actions) {
    const key = `${action.kind}:${action.designation.list}:${normaliseName(action.designation.name)}`;
    const seen = byKey.get(key);
    if (!seen) {
      byKey.set(key, action);
      out.push(action);
      continue;
    }
    const d = seen.designation;
    d.countries = [...new Set([...d.countries, ...action.designation.countries])].sort();
    d.addresses = [...new Set([...d.addresses, ...action.designation.addresses])];
    d.aliases = [...new Set([...d.aliases, ...action.designation.aliases])];
  }
  return out;
}

/** Pair table rows with instructions; rows no instruction names take the rule's main verb. */
function actionsOf(amendments: Amendment[], entries: TableEntry[], citation: string | null, effectiveDate: string | null, sourceUrl: string | null, facts: PublishedFacts): RuleAction[] {
  const key = (list: BisListCode, name: string): string => `${list}:${normaliseName(name)}`;
  const byName = new Map<string, Amendment>();
  for (const amendment of amendments) byName.set(key(amendment.list, amendment.name), amendment);
  const matched = new Set<Amendment>();
  const actions: RuleAction[] = [];
  const published = { frCitation: citation, startDate: effectiveDate, sourceUrl };
  for (const { list, row } of entries) {
    const amendment = byName.get(key(list, row.entity.name));
    if (amendment) matched.add(amendment);
    const listVerbs = amendments.filter((a) => a.list === list).map((a) => a.kind);
    const fallback = listVerbs.includes('added') || !listVerbs.includes('revised') ? 'added' : 'revised';
    const kind = amendment && amendment.kind !== 'removed' ? amendment.kind : fallback;
    const filled = { ...row, frCitation: row.frCitation === null ? null : fillCitation(row.frCitation, facts) };
    actions.push({ kind, designation: rowDesignation(filled, list, published) });
  }
  // Named but not printed: additions and revisions whose table is missing, and removals.
  for (const amendment of amendments) {
    if (matched.has(amendment)) continue;
    const removed = amendment.kind === 'removed';
    const extras = { frCitation: citation, startDate: removed ? null : effectiveDate, sourceUrl };
    actions.push({ kind: amendment.kind, designation: amendmentDesignation(amendment, extras) });
  }
  return mergeMultiCountry(actions);
}

/**
 * Parse a rule's FEDREG XML. A document that amends none of the part 744 lists gives no
 * actions (not an error). Throws SnapshotRefusedError('unparseable') for XML that is not well-formed.
 */
export function parseEntityListRule(xml: string, context: RuleContext = {}): EntityListRule {
  const roots = parseXml(xml, 'Federal Register document');
  const root = roots[0];
  if (!root) return { documentNumber: null, title: null, citation: context.citation ?? null, effectiveDate: null, actions: [] };
  const documents = documentsOf(root);
  const document = documents.find(amendsBisList) ?? documents[0] ?? root;
  const documentNumber = documentNumberOf(document);
  const preamble = childrenNamed(document, 'PREAMB')[0] ?? document;
  const title = firstText(preamble, 'SUBJECT');
  const citation = context.citation ?? issueCitation(root, documentNumber);
  const publicationDate = context.publicationDate ?? null;
  const effectiveDate = effectiveDateOf(document, publicationDate);
  const regtexts = amendsBisList(document) ? regtextsOf(document) : [];
  const { amendments, entries } = readRegtexts(regtexts);
  const facts: PublishedFacts = { page: firstPage(document, citation), publicationDate };
  const actions = actionsOf(amendments, entries, citation, effectiveDate, context.sourceUrl ?? null, facts);
  return { documentNumber, title, citation, effectiveDate, actions };
}

/** The rule's new and revised entries as keyed designations (removals are left out). */
export function designationsOfRule(rule: EntityListRule): Designation[] {
  return assignKeys(rule.actions.filter((action) => action.kind !== 'removed').map((action) => action.designation));
}
