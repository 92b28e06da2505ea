/**
 * What every channel says about a designation and an alert — one list, so the console, the
 * webhook's text, Discord and Slack show the same facts (each renders them its own way). Pure.
 *
 *   designationFacts(d)
 *   // [{ label: 'Also known as', values: ['Hikvision'], form: 'text' }, { label: 'Country', … },
 *   //  { label: 'Addresses', values: [all of them], form: 'lines' }, …, { label: 'Source', values: [url], form: 'url' }]
 *   actionDate(alert)      // '2024-05-01': the action's date (start date), never the alert's creation
 *   actionSummary(alert)   // ['By program: RUSSIA-EO14024 250, SDGT 12', 'By country: RU 180, CN 40'] for large actions
 *   publisherLinks(alert)  // OFAC's recent-actions page for the day; the FR citations are in alert.links
 *
 * Values are untrusted source text: renderers escape them for their platform.
 */
import type { Alert, AlertLink, DesignationsAlert } from './alert.js';
import { LISTS } from './lists.js';
import type { Change, ComparedField, Designation } from './model.js';

/** How a fact's values are shown: joined on one line, one per line, a citation to link, a URL to link. */
export type FactForm = 'text' | 'lines' | 'citation' | 'url';

export interface Fact {
  /** Readable label, the same on every channel ("License requirement"). */
  label: string;
  values: string[];
  form: FactForm;
}

/** Readable names of the compared fields, for amendments ("Federal Register citation", not "frCitation"). */
export const FIELD_LABELS: Record<ComparedField, string> = {
  name: 'Name',
  aliases: 'Also known as',
  type: 'Type',
  countries: 'Countries',
  addresses: 'Addresses',
  programs: 'Programs',
  frCitation: 'Federal Register citation',
  startDate: 'Effective date',
  endDate: 'End date',
  licenseRequirement: 'License requirement',
  licensePolicy: 'License review policy',
  ids: 'IDs',
  remarks: 'Remarks',
  list: 'List',
  listName: 'List name',
};

/** Every fact of a designation that has a value, in reading order (the name is the row's heading). */
export function designationFacts(d: Designation): Fact[] {
  const facts: Fact[] = [{ label: 'List', values: [d.listName || LISTS[d.list].shortName], form: 'text' }];
  const add = (label: string, values: ReadonlyArray<string | null>, form: FactForm = 'text') => {
    const present = values.filter((v): v is string => v !== null && v.trim() !== '');
    if (present.length > 0) facts.push({ label, values: present, form });
  };
  add('Also known as', d.aliases);
  if (d.type && d.type !== 'Entity') add('Type', [d.type]);
  add(d.countries.length > 1 ? 'Countries' : 'Country', d.countries);
  add(d.addresses.length > 1 ? 'Addresses' : 'Address', d.addresses, 'lines');
  add('Programs', d.programs);
  add('License requirement', [d.licenseRequirement]);
  add('License review policy', [d.licensePolicy]);
  add('Federal Register', [d.frCitation], 'citation');
  add('Effective date', [d.startDate]);
  add('End date', [d.endDate]);
  add('IDs', d.ids);
  add('Source', [d.sourceUrl], 'url');
  return facts;
}

/** The facts of a designation in an alert row: the list is the alert's headline, so not repeated. */
export function rowFacts(d: Designation): Fact[] {
  return designationFacts(d).filter((f) => f.label !== 'List');
}

/** The facts a removal shows: where it was, what listed it, and the notice that removed it when known. */
export function removalFacts(change: Extract<Change, { kind: 'removed' }>): Fact[] {
  const d = change.before;
  const facts = designationFacts(d).filter((f) => ['Country', 'Countries', 'Federal Register', 'Effective date', 'Source'].includes(f.label));
  const listedBy = facts.find((f) => f.label === 'Federal Register');
  if (listedBy) listedBy.label = 'Was listed under';
  facts.push({ label: 'Removed by', values: [change.notice ?? 'not known yet (no removal notice seen)'], form: change.notice ? 'citation' : 'text' });
  return facts;
}

function subject(change: Change): Designation {
  return change.kind === 'removed' ? change.before : change.after;
}

/**
 * The date of the action an alert reports: the latest start date among its additions (and
 * amendments that changed the start date), or for a document the document's date; null when the
 * source gives none (renderers then say when it was detected, labelled as such). A removed or
 * otherwise amended entry's start date is when it was first listed, not this action's date.
 */
export function actionDate(alert: Alert): string | null {
  if (alert.kind === 'designations') {
    const dates = alert.changes
      .filter((c) => c.kind === 'added' || (c.kind === 'amended' && c.fields.some((f) => f.field === 'startDate')))
      .map((c) => subject(c).startDate)
      .filter((d): d is string => d !== null && /^\d{4}-\d\d-\d\d/.test(d));
    return dates.length > 0 ? dates.sort().at(-1)!.slice(0, 10) : null;
  }
  if (alert.kind === 'document') {
    const dates = alert.documents.map((d) => d.date).filter((d): d is string => d !== null);
    return dates.length > 0 ? dates.sort().at(-1)!.slice(0, 10) : null;
  }
  return null;
}

/** "Action date 2024-05-01", or "Detected 2026-12-02" when the action's own date is unknown. */
export function dateLine(alert: Alert): string {
  const date = actionDate(alert);
  return date ? `Action date ${date}` : `Detected ${alert.createdAt.slice(0, 10)}`;
}

/** An action with at least this many changes gets a summary by program and country. */
export const LARGE_ACTION = 10;

/** Values shown per summary line before "+N more". */
const SUMMARY_ITEMS = 8;

function tally(values: readonly string[]): string {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  const sorted = [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  const shown = sorted.slice(0, SUMMARY_ITEMS).map(([v, n]) => `${v} ${n}`);
  return sorted.length > SUMMARY_ITEMS ? `${shown.join(', ')}, +${sorted.length - SUMMARY_ITEMS} more` : shown.join(', ');
}

/** For a large action: how many entries by program and by country (empty for small ones). */
export function actionSummary(alert: Alert): string[] {
  if (alert.kind !== 'designations' || alert.changes.length < LARGE_ACTION) return [];
  const designations = alert.changes.map(subject);
  const lines: string[] = [];
  const programs = designations.flatMap((d) => d.programs);
  if (programs.length > 0) lines.push(`By program: ${tally(programs)}`);
  const countries = designations.map((d) => (d.countries.length > 0 ? d.countries.join('/') : 'no country'));
  lines.push(`By country: ${tally(countries)}`);
  return lines;
}

/**
 * Links to the publisher's own page for the action, beside the alert's FR citations: OFAC's
 * recent-actions page of the action's day for Treasury lists (OFAC publishes its actions there
 * the day they are taken). When the entries carry no date (the SDN file gives none), the day
 * the change was detected is no evidence of the action's day — a late or replayed ingest, or
 * an evening action seen after midnight UTC, would name a page that does not exist — so the
 * link is OFAC's recent-actions index instead.
 */
export function publisherLinks(alert: Alert): AlertLink[] {
  if (alert.kind !== 'designations' || LISTS[alert.list as DesignationsAlert['list']].agency !== 'OFAC') return [];
  const date = actionDate(alert);
  if (date === null) return [{ label: 'OFAC recent actions', url: 'https://ofac.treasury.gov/recent-actions' }];
  const day = date.replace(/-/g, '');
  return [{ label: `OFAC recent actions ${date}`, url: `https://ofac.treasury.gov/recent-actions/${day}` }];
}

/** The alert's links and the publisher's, without repeats. */
export function allLinks(alert: Alert): AlertLink[] {
  const seen = new Set<string>();
  return [...alert.links, ...publisherLinks(alert)].filter((l) => !seen.has(l.url) && seen.add(l.url));
}
