/**
 * A relevant Federal Register document → the feed item the worker alerts on. Pure.
 *
 *   feedItem(piItem, { agencies }, ['Alpha Co., Ltd.'])
 *   // { id: '2024-04711:public-inspection', threadKey: '2024-04711',
 *   //   title: 'Federal Register — public inspection: Additions to the Entity List', … }
 *
 * Both stages of a document share its document number as thread key, so the published rule
 * replies under its public-inspection alert. Items of BIS list rules announce the entities
 * they name, so a later list addition links back to them (worker/announcements.ts linkAnnouncements).
 */
import type { AlertLink } from '../../core/alert.js';
import { groupEntities, type AnnouncedEntry } from '../../core/announcements.js';
import type { ListCode } from '../../core/model.js';
import { uniqueStrings } from '../../core/text.js';
import type { BisListCode } from '../bis-common/bis-table.js';
import type { FrAgencyRef, FrItem } from '../federal-register-common/documents.js';
import type { FeedItem } from '../types.js';

export const BIS_SLUG = 'industry-and-security-bureau';

/** Title phrases naming the BIS lists of 15 CFR part 744. */
const LIST_TITLES: ReadonlyArray<[RegExp, BisListCode]> = [
  [/\bentity\s+list\b/i, 'EL'],
  [/\bunverified\s+list\b/i, 'UVL'],
  [/\bmilitary\s+end[\s-‐‑]*users?\b/i, 'MEU'],
];

function isBis(agency: FrAgencyRef): boolean {
  return agency.slug === BIS_SLUG || /^(?:industry and security bureau|bureau of industry and security)$/i.test(agency.name ?? '');
}

/** The BIS lists a BIS document's title names (a list rule), in a fixed order; empty for anything else. */
export function bisListsOf(item: Pick<FrItem, 'title' | 'agencies'>): BisListCode[] {
  if (!item.agencies.some(isBis)) return [];
  return LIST_TITLES.filter(([pattern]) => pattern.test(item.title)).map(([, list]) => list);
}

/** Lists changed by notices of other agencies: the agency slug and the title words that mark such a notice. */
const NOTICE_LISTS: ReadonlyArray<{ slug: string; title: RegExp; list: ListCode }> = [
  { slug: 'defense-department', title: /\bchinese military compan(?:y|ies)\b|\b1260H\b/i, list: '1260H' },
  { slug: 'homeland-security-department', title: /\buyghur forced labor prevention act entity list\b|\bUFLPA entity list\b/i, list: 'UFLPA' },
  { slug: 'federal-communications-commission', title: /\bcovered list\b/i, list: 'FCC' },
];

/** The list a DoD, DHS or FCC notice changes (1260H, UFLPA, FCC Covered List), or null. */
export function noticeListOf(item: Pick<FrItem, 'title' | 'agencies'>): ListCode | null {
  for (const { slug, title, list } of NOTICE_LISTS) {
    if (item.agencies.some((agency) => agency.slug === slug) && title.test(item.title)) return list;
  }
  return null;
}

/** Whether the item changes a list whose entries the source reads (a BIS list rule, or a DoD/DHS/FCC list notice). */
export function readsEntries(item: Pick<FrItem, 'title' | 'agencies'>): boolean {
  return bisListsOf(item).length > 0 || noticeListOf(item) !== null;
}

/** The agency to show: the first one the filter names, else the most specific (the API lists parents first). */
export function agencyName(item: Pick<FrItem, 'agencies'>, wanted: readonly string[]): string | null {
  const set = new Set(wanted.map((agency) => agency.toLowerCase()));
  const matched = item.agencies.find((a) => (a.slug !== null && set.has(a.slug.toLowerCase())) || (a.name !== null && set.has(a.name.toLowerCase())));
  return (matched ?? item.agencies.at(-1))?.name ?? null;
}

function day(timestamp: string | null): string | null {
  return timestamp && /^\d{4}-\d{2}-\d{2}/.test(timestamp) ? timestamp.slice(0, 10) : null;
}

function links(candidates: ReadonlyArray<[string, string | null]>): AlertLink[] {
  const seen = new Set<string>();
  const out: AlertLink[] = [];
  for (const [label, url] of candidates) {
    if (!url || !/^https?:\/\//i.test(url) || seen.has(url)) continue;
    seen.add(url);
    out.push({ label, url });
  }
  return out;
}

/** What the item announces for the lists, when it was read from the document; null when not read. */
export interface ItemEntities {
  /** Every entry the document adds, revises or removes, in its order. */
  entries: AnnouncedEntry[];
}

/** "FR 2024-04711 (public inspection, 2024-02-29)" / "FR 2024-04711 (89 FR 15231, 2024-03-04)". */
export function referenceOf(item: FrItem): string {
  if (item.stage === 'public-inspection') {
    const filed = day(item.filedAt);
    return `FR ${item.documentNumber} (public inspection${filed ? `, ${filed}` : ''})`;
  }
  const parts = [item.citation, item.publicationDate].filter(Boolean);
  return `FR ${item.documentNumber}${parts.length > 0 ? ` (${parts.join(', ')})` : ''}`;
}

function notesOf(item: FrItem, agency: string | null, entities: ItemEntities | null): string[] {
  const notes: string[] = [];
  if (item.stage === 'public-inspection') {
    const filed = day(item.filedAt);
    const when = [filed && `filed for public inspection ${filed}`, item.publicationDate && `to be published ${item.publicationDate}`].filter(Boolean);
    notes.push(`Publication pending${when.length > 0 ? `: ${when.join(', ')}` : ''}`);
  } else {
    const as = [item.publicationDate && `Published ${item.publicationDate}`, item.citation && `as ${item.citation}`].filter(Boolean);
    if (as.length > 0) notes.push(as.join(' '));
  }
  if (agency) notes.push(`Agency: ${agency}`);
  if (item.action) notes.push(`Action: ${item.action}`);
  else if (item.type) notes.push(`Type: ${item.type}`);
  if (readsEntries(item) && (entities === null || entities.entries.length === 0)) {
    notes.push(item.stage === 'public-inspection' ? 'Entity names could not be read from the filing; see the PDF.' : 'No entries could be read from the rule; see the document.');
  }
  return notes;
}

/** One feed item for a relevant document. `entities`: what was read from its text, or null. */
export function feedItem(item: FrItem, wantedAgencies: readonly string[], entities: ItemEntities | null): FeedItem {
  const pending = item.stage === 'public-inspection';
  const agency = agencyName(item, wantedAgencies);
  const itemLinks = pending
    ? links([['Public inspection', item.htmlUrl], ['PDF', item.pdfUrl]])
    : links([[item.citation ?? 'Federal Register', item.htmlUrl], ['PDF', item.pdfUrl], ['Public inspection PDF', item.publicInspectionPdfUrl]]);
  return {
    id: `${item.documentNumber}:${item.stage}`,
    threadKey: item.documentNumber,
    title: `Federal Register — ${pending ? 'public inspection' : 'published'}: ${item.title}`,
    notes: notesOf(item, agency, entities),
    links: itemLinks,
    document: {
      title: item.title,
      url: item.htmlUrl ?? item.pdfUrl,
      publisher: agency,
      date: pending ? (day(item.filedAt) ?? item.publicationDate) : item.publicationDate,
      summary: item.abstract,
      entities: uniqueStrings((entities?.entries ?? []).map((entry) => entry.name)),
      ...(entities && entities.entries.length > 0 ? { groups: groupEntities(entities.entries) } : {}),
    },
    ...(entities && entities.entries.length > 0
      ? { announces: entities.entries.map((entry) => ({ list: entry.list, name: entry.name, action: entry.action })) }
      : {}),
    reference: referenceOf(item),
  };
}

/**
 * A filing withdrawn after it was placed on public inspection (its editorial note says so): one
 * more item in its thread, so nobody acts on an early warning that will not be published.
 */
export function withdrawalItem(item: FrItem, wantedAgencies: readonly string[]): FeedItem | null {
  if (item.stage !== 'public-inspection' || !item.editorialNote || !/\bwithdraw/i.test(item.editorialNote)) return null;
  const agency = agencyName(item, wantedAgencies);
  return {
    id: `${item.documentNumber}:withdrawn`,
    threadKey: item.documentNumber,
    title: `Federal Register — withdrawn from public inspection: ${item.title}`,
    priority: 'high',
    notes: [item.editorialNote, 'It will not be published as filed: the names it announced do not come from it.'],
    links: links([['Public inspection', item.htmlUrl]]),
    document: { title: item.title, url: item.htmlUrl, publisher: agency, date: day(item.filedAt) ?? item.publicationDate, summary: null, entities: [] },
    reference: `FR ${item.documentNumber} (withdrawn from public inspection)`,
  };
}
