/**
 * Plain-text rendering of an alert, shared by the console notifier, the webhook's `text`
 * field and `entitywatch alerts`. Pure.
 *
 * Source text is untrusted. `sanitise` strips control characters (no terminal escape
 * sequences), and `defang` breaks the mention and link syntaxes of common chat platforms
 * (`@everyone`, `<!channel>`, `<@U123>`, `<https://…|…>`) with a zero-width space, so a
 * receiver that renders the text as chat markup still shows it as inert text.
 */
import type { Alert } from '../core/alert.js';
import type { Change, Designation } from '../core/model.js';

const ZWSP = '\u200b';

/** Remove C0/C1 control characters other than newline and tab. */
export function sanitise(text: string): string {
  return text.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u001b]/g, '');
}

/** Break chat mention/link syntax: "@everyone" → "@\u200beveryone", "<!channel>" → "<\u200b!channel>". */
export function defang(text: string): string {
  return sanitise(text).replace(/@/g, `@${ZWSP}`).replace(/</g, `<${ZWSP}`);
}

function describe(d: Designation): string[] {
  const lines = [`${d.name}${d.countries.length ? ` (${d.countries.join(', ')})` : ''}`];
  if (d.aliases.length) lines.push(`    aka: ${d.aliases.slice(0, 5).join('; ')}${d.aliases.length > 5 ? ` (+${d.aliases.length - 5} more)` : ''}`);
  if (d.addresses[0]) lines.push(`    address: ${d.addresses[0]}${d.addresses.length > 1 ? ` (+${d.addresses.length - 1} more)` : ''}`);
  if (d.programs.length) lines.push(`    programs: ${d.programs.join(', ')}`);
  if (d.licensePolicy) lines.push(`    license policy: ${d.licensePolicy}`);
  if (d.frCitation) lines.push(`    FR: ${d.frCitation}`);
  return lines;
}

function changeLines(change: Change): string[] {
  switch (change.kind) {
    case 'added': {
      const [first, ...rest] = describe(change.after);
      return [`  + ${first}`, ...rest];
    }
    case 'removed':
      return [`  - ${change.before.name}${change.before.countries.length ? ` (${change.before.countries.join(', ')})` : ''}`];
    case 'amended': {
      const lines = [`  ~ ${change.after.name}`];
      for (const field of change.fields) {
        const summary = field.summary.split('\n');
        lines.push(`    ${field.field}: ${summary[0]}`, ...summary.slice(1).map((line) => `      ${line}`));
      }
      return lines;
    }
  }
}

/** The alert as lines of plain text, untrusted parts sanitised (not defanged: see `defang`). */
export function alertLines(alert: Alert): string[] {
  const lines = [`[${alert.priority === 'high' ? 'HIGH ' : ''}${alert.source}] ${alert.title}`];
  for (const note of alert.notes) lines.push(`  ${note}`);
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
        if (doc.entities.length) lines.push(`    entities: ${doc.entities.join('; ')}`);
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
  for (const link of alert.links) lines.push(`  ${link.label}: ${link.url}`);
  return lines.map(sanitise);
}
