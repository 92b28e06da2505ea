/**
 * The text of one alert row (a designation change, a document, a watchlist hit) as Slack mrkdwn
 * lines. Pure. Every value from a source goes through `escapeText`/`link`.
 */
import type { Alert, DocumentAlert, WatchlistHitAlert } from '../../core/alert.js';
import { frLinks } from '../../core/alerts.js';
import { FIELD_LABELS, removalFacts, rowFacts, type Fact } from '../../core/facts.js';
import type { Change } from '../../core/model.js';
import { groupHeading } from '../../core/announcements.js';
import { clip, escapeText, link } from './mrkdwn.js';

/** Entity names of a document shown before "(+N more)": the document has them all. */
const MAX_ITEMS = 10;

function items(values: readonly string[], separator: string): string {
  const shown = values.slice(0, MAX_ITEMS).map(escapeText).join(separator);
  return values.length > MAX_ITEMS ? `${shown}${separator}(+${values.length - MAX_ITEMS} more)` : shown;
}

/** Lines of a field's before/after summary shown in an amendment (the source entry has the rest). */
const MAX_SUMMARY_LINES = 20;

/** "88 FR 18983" as a federalregister.gov link; other citation text escaped as is. */
function citation(text: string): string {
  const links = frLinks(text);
  return links.length > 0 ? links.map((l) => link(l.url, l.label)).join(', ') : escapeText(text);
}

/** One fact (core/facts.ts) as mrkdwn lines: every value, lists one a line. */
export function factLines(fact: Fact): string[] {
  const label = `*${escapeText(fact.label)}:*`;
  switch (fact.form) {
    case 'lines':
      return fact.values.length === 1 ? [`${label} ${escapeText(fact.values[0]!)}`] : [label, ...fact.values.map((v) => `• ${escapeText(v)}`)];
    case 'citation':
      return [`${label} ${fact.values.map(citation).join('; ')}`];
    case 'url':
      return fact.values.map((url) => link(url, 'Source entry'));
    case 'text':
      return [`${label} ${fact.values.map((v) => escapeText(clip(v, 1000))).join(fact.label.startsWith('Countr') || fact.label === 'Programs' ? ', ' : '; ')}`];
  }
}

/** One designation change: name first, then what a compliance reader needs to act. */
export function changeLines(change: Change): string[] {
  switch (change.kind) {
    case 'added':
      return [`:heavy_plus_sign: *${escapeText(change.after.name)}* — added`, ...rowFacts(change.after).flatMap(factLines)];
    case 'removed':
      return [`:heavy_minus_sign: *${escapeText(change.before.name)}* — removed`, ...removalFacts(change).flatMap(factLines)];
    case 'amended': {
      const lines = [`:pencil2: *${escapeText(change.after.name)}* — amended`];
      for (const field of change.fields) {
        const summary = field.summary.split('\n').filter((line) => line.trim() !== '');
        lines.push(`*${FIELD_LABELS[field.field]}:*`, ...summary.slice(0, MAX_SUMMARY_LINES).map((line) => `>${escapeText(line)}`));
      }
      lines.push('_Now:_', ...rowFacts(change.after).flatMap(factLines));
      return lines;
    }
  }
}

function documentLines(doc: DocumentAlert['documents'][number]): string[] {
  const lines = [`*${doc.url ? link(doc.url, doc.title) : escapeText(doc.title)}*`];
  const by = [doc.publisher, doc.date].filter((v): v is string => Boolean(v)).map(escapeText).join(' · ');
  if (by) lines.push(by);
  if (doc.summary) lines.push(escapeText(clip(doc.summary, 600)));
  // Grouped names are never cut: a long list makes the row several sections, which go to the thread.
  if (doc.groups?.length) for (const group of doc.groups) lines.push(`*${escapeText(groupHeading(group))}:*`, ...group.names.map((name) => `• ${escapeText(name)}`));
  else if (doc.entities.length) lines.push(`*Entities named:* ${items(doc.entities, '; ')}`);
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
