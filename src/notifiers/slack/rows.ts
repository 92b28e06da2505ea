/**
 * The text of one alert row (a designation change, a document, a watchlist hit) as Slack mrkdwn
 * lines. Pure. Every value from a source goes through `escapeText`/`link`.
 */
import type { Alert, DocumentAlert, WatchlistHitAlert } from '../../core/alert.js';
import { frLinks } from '../../core/alerts.js';
import type { Change, ComparedField, Designation } from '../../core/model.js';
import { clip, escapeText, link } from './mrkdwn.js';

/** Items of a list field shown before "(+N more)". */
const MAX_ITEMS = 10;

function items(values: readonly string[], separator: string): string {
  const shown = values.slice(0, MAX_ITEMS).map(escapeText).join(separator);
  return values.length > MAX_ITEMS ? `${shown}${separator}(+${values.length - MAX_ITEMS} more)` : shown;
}

const FIELD_LABELS: Record<ComparedField, string> = {
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

/** "88 FR 18983" as a federalregister.gov link; other citation text escaped as is. */
function citation(text: string): string {
  const links = frLinks(text);
  return links.length > 0 ? links.map((l) => link(l.url, l.label)).join(', ') : escapeText(text);
}

function details(d: Designation): string[] {
  const lines: string[] = [];
  if (d.aliases.length) lines.push(`*Also known as:* ${items(d.aliases, '; ')}`);
  if (d.type && d.type !== 'Entity') lines.push(`*Type:* ${escapeText(d.type)}`);
  if (d.countries.length) lines.push(`*Country:* ${items(d.countries, ', ')}`);
  if (d.addresses.length === 1) lines.push(`*Address:* ${escapeText(d.addresses[0]!)}`);
  if (d.addresses.length > 1) lines.push('*Addresses:*', ...d.addresses.slice(0, MAX_ITEMS).map((a) => `• ${escapeText(a)}`));
  if (d.addresses.length > MAX_ITEMS) lines.push(`• (+${d.addresses.length - MAX_ITEMS} more)`);
  if (d.programs.length) lines.push(`*Programs:* ${items(d.programs, ', ')}`);
  if (d.licenseRequirement) lines.push(`*License requirement:* ${escapeText(d.licenseRequirement)}`);
  if (d.licensePolicy) lines.push(`*License review policy:* ${escapeText(d.licensePolicy)}`);
  if (d.ids.length) lines.push(`*IDs:* ${items(d.ids, '; ')}`);
  const when = [d.frCitation && `*Federal Register:* ${citation(d.frCitation)}`, d.startDate && `*Effective:* ${escapeText(d.startDate)}`];
  if (when.some(Boolean)) lines.push(when.filter(Boolean).join('   '));
  if (d.remarks) lines.push(`*Remarks:* ${escapeText(clip(d.remarks, 500))}`);
  if (d.sourceUrl) lines.push(link(d.sourceUrl, 'Source entry'));
  return lines;
}

/** One designation change: name first, then what a compliance reader needs to act. */
export function changeLines(change: Change): string[] {
  switch (change.kind) {
    case 'added':
      return [`:heavy_plus_sign: *${escapeText(change.after.name)}* — added`, ...details(change.after)];
    case 'removed': {
      const d = change.before;
      const where = d.countries.length ? ` (${items(d.countries, ', ')})` : '';
      return [`:heavy_minus_sign: *${escapeText(d.name)}*${where} — removed`, ...(d.frCitation ? [`*Was listed under:* ${citation(d.frCitation)}`] : [])];
    }
    case 'amended': {
      const lines = [`:pencil2: *${escapeText(change.after.name)}* — amended`];
      for (const field of change.fields) {
        const summary = field.summary.split('\n').filter((line) => line.trim() !== '');
        lines.push(`*${FIELD_LABELS[field.field]}:*`, ...summary.slice(0, MAX_ITEMS * 2).map((line) => `>${escapeText(line)}`));
      }
      if (change.after.frCitation) lines.push(`*Federal Register:* ${citation(change.after.frCitation)}`);
      return lines;
    }
  }
}

function documentLines(doc: DocumentAlert['documents'][number]): string[] {
  const lines = [`*${doc.url ? link(doc.url, doc.title) : escapeText(doc.title)}*`];
  const by = [doc.publisher, doc.date].filter((v): v is string => Boolean(v)).map(escapeText).join(' · ');
  if (by) lines.push(by);
  if (doc.summary) lines.push(escapeText(clip(doc.summary, 600)));
  if (doc.entities.length) lines.push(`*Entities named:* ${items(doc.entities, '; ')}`);
  return lines;
}

function hitLines(hit: WatchlistHitAlert['hits'][number]): string[] {
  const ref = hit.reference ? ` [${escapeText(hit.reference)}]` : '';
  return [
    `:rotating_light: *${escapeText(hit.counterparty)}*${ref} (watchlist ${escapeText(hit.watchlist)})`,
    `matches *${escapeText(hit.designationName)}* on ${escapeText(hit.list)} via “${escapeText(hit.matchedName)}” (score ${hit.score.toFixed(2)})`,
  ];
}

/** The alert's rows, each as lines; the order is the alert's. */
export function alertRows(alert: Alert): string[][] {
  switch (alert.kind) {
    case 'designations':
      return alert.changes.map(changeLines);
    case 'document':
      return alert.documents.map(documentLines);
    case 'watchlist-hit':
      return alert.hits.map(hitLines);
    case 'source-health':
      return [[`*${escapeText(alert.status)}* (${escapeText(alert.reasonCode)}): ${escapeText(alert.reason)}`]];
    case 'test':
      return [['This is a test alert from entitywatch. Nothing was added to or removed from any list.']];
  }
}
