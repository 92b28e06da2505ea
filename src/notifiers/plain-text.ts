/**
 * Plain-text rendering of an alert, shared by the console notifier, the webhook's `text`
 * field and `entitywatch alerts`. Pure.
 *
 * Source text is untrusted. `sanitise` (core/text.ts) strips control characters (no terminal escape
 * sequences), and `defang` breaks the mention and link syntaxes of common chat platforms
 * (`@everyone`, `<!channel>`, `<@U123>`, `<https://…|…>`) with a zero-width space, so a
 * receiver that renders the text as chat markup still shows it as inert text.
 */
import { groupHeading } from '../core/announcements.js';
import type { Alert } from '../core/alert.js';
import { frLinks } from '../core/alerts.js';
import { sanitise } from '../core/text.js';
import { actionSummary, allLinks, dateLine, FIELD_LABELS, removalFacts, rowFacts, type Fact } from '../core/facts.js';
import type { Change } from '../core/model.js';

const ZWSP = '\u200b';

/** Break chat mention/link syntax: "@everyone" → "@\u200beveryone", "<!channel>" → "<\u200b!channel>". */
export function defang(text: string): string {
  return sanitise(text).replace(/@/g, `@${ZWSP}`).replace(/</g, `<${ZWSP}`);
}

/** A fact as indented lines: lists one item a line, citations with their federalregister.gov URL. */
function factLines(fact: Fact): string[] {
  if (fact.form === 'lines' && fact.values.length > 1) return [`    ${fact.label}:`, ...fact.values.map((v) => `      - ${v}`)];
  if (fact.form === 'citation') {
    const urls = fact.values.flatMap((v) => frLinks(v).map((l) => l.url));
    return [`    ${fact.label}: ${fact.values.join('; ')}${urls.length ? ` (${urls.join(', ')})` : ''}`];
  }
  return [`    ${fact.label}: ${fact.values.join('; ')}`];
}

function changeLines(change: Change): string[] {
  switch (change.kind) {
    case 'added':
      return [`  + ${change.after.name}`, ...rowFacts(change.after).flatMap(factLines)];
    case 'removed':
      return [`  - ${change.before.name} (removed)`, ...removalFacts(change).flatMap(factLines)];
    case 'amended': {
      const lines = [`  ~ ${change.after.name} (amended)`];
      for (const field of change.fields) {
        const summary = field.summary.split('\n');
        lines.push(`    ${FIELD_LABELS[field.field]}: ${summary[0]}`, ...summary.slice(1).map((line) => `      ${line}`));
      }
      lines.push('    Now:', ...rowFacts(change.after).flatMap(factLines).map((line) => `  ${line}`));
      return lines;
    }
  }
}

/** The alert as lines of plain text, untrusted parts sanitised (not defanged: see `defang`). */
export function alertLines(alert: Alert): string[] {
  const lines = [`[${alert.priority === 'high' ? 'HIGH ' : ''}${alert.source}] ${alert.title}`];
  if (alert.kind === 'designations' || alert.kind === 'document') lines.push(`  ${dateLine(alert)}`);
  for (const note of alert.notes) lines.push(`  ${note}`);
  for (const line of actionSummary(alert)) lines.push(`  ${line}`);
  switch (alert.kind) {
    case 'designations':
      for (const change of alert.changes) lines.push(...changeLines(change));
      break;
    case 'source-health':
      lines.push(`  ${alert.status}: ${alert.reason}`);
      break;
    case 'document':
      for (const doc of alert.documents) {
        lines.push(`  • ${doc.title}${doc.date ? ` (${doc.date})` : ''}`);
        if (doc.url) lines.push(`    ${doc.url}`);
        if (doc.groups?.length) for (const group of doc.groups) lines.push(`    ${groupHeading(group)}: ${group.names.join('; ')}`);
        else if (doc.entities.length) lines.push(`    entities: ${doc.entities.join('; ')}`);
      }
      break;
    case 'watchlist-hit':
      for (const hit of alert.hits) {
        lines.push(
          `  ! ${hit.counterparty}${hit.reference ? ` [${hit.reference}]` : ''} (watchlist ${hit.watchlist}) ↔ ${hit.designationName} on ${hit.list} via "${hit.matchedName}" score ${hit.score.toFixed(2)}`,
        );
      }
      break;
    case 'test':
      lines.push('  This is a test alert from entitywatch.');
      break;
  }
  for (const link of allLinks(alert)) lines.push(`  ${link.label}: ${link.url}`);
  return lines.map(sanitise);
}
