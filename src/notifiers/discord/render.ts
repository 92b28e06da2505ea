/**
 * Alert → Discord messages. Pure.
 *
 *   const { messages, threadName } = renderDiscordAlert(alert);
 *   // messages[0] goes to the channel; messages[1..], if any, to a thread named threadName on it
 *
 * The first embed names the list and the action (the alert title), is coloured per list, links
 * the FR citation and carries the notes; then one field per designation (name, aliases,
 * country, addresses, licence requirement and policy, FR citation, dates, source — core/facts.ts — or what changed). Every source string is escaped (escape.ts) and every
 * message carries `allowed_mentions: { parse: [] }`. Splitting to Discord's limits is pack.ts.
 */
import type { APIEmbed, APIEmbedField } from 'discord-api-types/v10';
import type { Alert, EntityGroup } from '../../core/alert.js';
import { frLinks } from '../../core/alerts.js';
import { actionDate, actionSummary, allLinks, dateLine, FIELD_LABELS, removalFacts, rowFacts, type Fact } from '../../core/facts.js';
import type { Change, ListCode } from '../../core/model.js';
import { groupHeading } from '../../core/announcements.js';
import { sanitise } from '../../core/text.js';
import { escapeText, maskedLink, safeUrl, truncate } from './escape.js';
import { LIMITS, packAlert, type DiscordMessage } from './pack.js';

export type { DiscordMessage } from './pack.js';

export interface RenderedAlert {
  /** The channel message first, then (when it did not all fit) the messages for a thread on it. */
  messages: DiscordMessage[];
  /** A name for a thread about this alert (overflow, or a continuation of an earlier alert). */
  threadName: string;
}

/** One colour per list, so a glance tells the list; other alert kinds by meaning. */
export const LIST_COLOURS: Record<ListCode, number> = {
  EL: 0xc0392b,
  UVL: 0xe67e22,
  MEU: 0x8e44ad,
  DPL: 0x2c3e50,
  SDN: 0x1f4e79,
  SSI: 0x2980b9,
  CMIC: 0xd35400,
  FSE: 0x16a085,
  ISN: 0x7d3c98,
  DTC: 0x6e2c00,
  PLC: 0x27ae60,
  CAP: 0x34495e,
  MBS: 0x5d6d7e,
  '1260H': 0x922b21,
  UFLPA: 0x117a65,
  FCC: 0x1a5276,
};

const KIND_COLOURS = { failing: 0xe74c3c, refused: 0xf1c40f, recovered: 0x2ecc71, document: 0x3498db, hit: 0xff6f00, test: 0x95a5a6 };

function colourOf(alert: Alert): number {
  switch (alert.kind) {
    case 'designations':
      return LIST_COLOURS[alert.list];
    case 'source-health':
      return KIND_COLOURS[alert.status];
    case 'document':
      return KIND_COLOURS.document;
    case 'watchlist-hit':
      return KIND_COLOURS.hit;
    case 'test':
      return KIND_COLOURS.test;
  }
}

function more(items: readonly string[], shown: number, sep = '; '): string {
  const head = items.slice(0, shown).map(escapeText).join(sep);
  return items.length > shown ? `${head} (+${items.length - shown} more)` : head;
}

/** One fact (core/facts.ts) as markdown lines: every value, lists one a line. */
export function factLines(fact: Fact): string[] {
  const label = `**${escapeText(fact.label)}:**`;
  switch (fact.form) {
    case 'lines':
      return fact.values.length === 1 ? [`${label} ${escapeText(fact.values[0]!)}`] : [label, ...fact.values.map((v) => `• ${escapeText(v)}`)];
    case 'citation': {
      const cited = fact.values.map((v) => {
        const links = frLinks(v);
        return links.length > 0 ? links.map((l) => maskedLink(l.label, l.url)).join(', ') : escapeText(v);
      });
      return [`${label} ${cited.join('; ')}`];
    }
    case 'url':
      return fact.values.map((url) => maskedLink('Source entry', url));
    case 'text':
      return [`${label} ${fact.values.map(escapeText).join(fact.label.startsWith('Countr') || fact.label === 'Programs' ? ', ' : '; ')}`];
  }
}

function changeFields(change: Change): APIEmbedField[] {
  switch (change.kind) {
    case 'added':
      return fields(`Added: ${change.after.name}`, rowFacts(change.after).flatMap(factLines));
    case 'removed':
      return fields(`Removed: ${change.before.name}`, removalFacts(change).flatMap(factLines));
    case 'amended': {
      const changed = change.fields.map((f) => `• **${FIELD_LABELS[f.field]}:** ${escapeText(f.summary.split('\n').slice(0, 3).join(' / '))}`);
      return fields(`Amended: ${change.after.name}`, [...changed, ...rowFacts(change.after).flatMap(factLines)]);
    }
  }
}

/**
 * A row as embed fields of at most 1,024 characters, split between lines: the first under the
 * row's name, the rest "(continued)". pack.ts puts fields that do not fit into the thread, so
 * every address is shown, the later ones in the thread.
 */
function fields(untrustedName: string, valueLines: string[]): APIEmbedField[] {
  const name = truncate(escapeText(untrustedName), LIMITS.fieldName);
  const values: string[] = [];
  let current = '';
  for (const raw of valueLines) {
    const line = truncate(raw, LIMITS.fieldValue);
    if (current !== '' && current.length + 1 + line.length > LIMITS.fieldValue) {
      values.push(current);
      current = '';
    }
    current = current === '' ? line : `${current}\n${line}`;
  }
  // Discord refuses an empty field value.
  values.push(current || '—');
  return values.map((value, i) => ({ name: i === 0 ? name : truncate(`${name} (continued)`, LIMITS.fieldName), value }));
}

function field(untrustedName: string, valueLines: string[]): APIEmbedField {
  return fields(untrustedName, valueLines)[0]!;
}

/** A group of names as fields of at most 1,024 characters, every name kept (pack.ts moves overflow to the thread). */
function groupFields(group: EntityGroup): APIEmbedField[] {
  return fields(groupHeading(group), group.names.map((name) => `• ${escapeText(name)}`));
}

function fieldsOf(alert: Alert): APIEmbedField[] {
  switch (alert.kind) {
    case 'designations':
      return alert.changes.flatMap(changeFields);
    case 'document':
      return alert.documents.flatMap((doc) => [
        field(doc.title, [
          [doc.publisher, doc.date].filter((s): s is string => Boolean(s)).map(escapeText).join(' · '),
          doc.url ? maskedLink('Read the document', doc.url) : '',
          doc.summary ? escapeText(doc.summary) : '',
          !doc.groups?.length && doc.entities.length ? `**Entities:** ${more(doc.entities, 10)}` : '',
        ].filter(Boolean)),
        ...(doc.groups ?? []).flatMap(groupFields),
      ]);
    case 'watchlist-hit':
      return alert.hits.map((hit) =>
        field(`${hit.counterparty} ↔ ${hit.designationName}`, [
          `**Watchlist:** ${escapeText(hit.watchlist)}${hit.reference ? ` (${escapeText(hit.reference)})` : ''}`,
          `**List:** ${hit.list} · matched "${escapeText(hit.matchedName)}" · score ${hit.score.toFixed(2)}`,
        ]),
      );
    case 'source-health':
    case 'test':
      return [];
  }
}

function descriptionOf(alert: Alert): string {
  const dated = alert.kind === 'designations' || alert.kind === 'document';
  const lines = [...(dated ? [`**${dateLine(alert)}**`] : []), ...alert.notes.map(escapeText), ...actionSummary(alert).map(escapeText)];
  if (alert.kind === 'source-health') lines.push(`**${alert.status}** (${escapeText(alert.reasonCode)}): ${escapeText(alert.reason)}`);
  if (alert.kind === 'test') lines.push('This is a test alert from entitywatch: alerts reach this channel.');
  const links = allLinks(alert).map((link) => maskedLink(link.label, link.url));
  if (links.length) lines.push(links.join(' · '));
  return lines.join('\n');
}

export function renderDiscordAlert(alert: Alert): RenderedAlert {
  const header: APIEmbed = {
    title: truncate(`${alert.priority === 'high' ? '‼️ ' : ''}${escapeText(alert.title)}`, LIMITS.title),
    color: colourOf(alert),
    footer: { text: `entitywatch · ${escapeText(alert.source)}` },
    // The action's date when known (the footer time), else when it was detected.
    timestamp: actionDate(alert) ? `${actionDate(alert)}T00:00:00.000Z` : alert.createdAt,
  };
  const url = alert.links[0] ? safeUrl(alert.links[0].url) : null;
  if (url) header.url = url;
  const description = descriptionOf(alert);
  if (description) header.description = truncate(description, LIMITS.description - LIMITS.summaryReserve);
  const messages = packAlert(header, fieldsOf(alert));
  return { messages, threadName: truncate(sanitise(alert.title), LIMITS.threadName) };
}
