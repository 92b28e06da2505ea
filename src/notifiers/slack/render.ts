/**
 * Alert → Slack Block Kit messages. Pure.
 *
 *   const { main, thread } = renderSlackAlert(alert);
 *   // main: { text, blocks: [header "Entity List — 5 additions", FR links, context, one section per row] }
 *   // thread: [] — or, past Slack's limits, the rows as replies under a summary `main`
 *
 * An alert that fits one message (≤ 50 blocks, every row ≤ 3,000 characters, ≤ MESSAGE_CHARS in
 * all) is one message. Otherwise the channel gets a summary (header, citations, counts and
 * names) and the rows follow in its thread, at most 50 blocks and MESSAGE_CHARS a reply, long
 * rows split over several sections: the channel stays readable and nothing is cut.
 */
import type { Alert } from '../../core/alert.js';
import { subjectOf } from '../../core/alerts.js';
import { actionSummary, allLinks, dateLine } from '../../core/facts.js';
import { clip, context, escapeText, header, LIMITS, link, section, type AlertBlock, type SectionBlock } from './mrkdwn.js';
import { alertRows } from './rows.js';

export interface SlackMessage {
  /** Notification and fallback text (escaped mrkdwn). */
  text: string;
  blocks: AlertBlock[];
}

export interface SlackRendering {
  main: SlackMessage;
  /** Replies in the main message's thread, in order; empty when the alert fits one message. */
  thread: SlackMessage[];
}

/** Room kept in the summary for the names of the rows in the thread. */
const SUMMARY_NAMES_CHARS = 2000;

/**
 * Characters of block text per message. Slack documents 3,000 per section and 50 blocks, but
 * answers `msg_blocks_too_long` from about 13,000 characters in all (slackapi/bolt-js#2509):
 * with every address and alias shown, rows can reach that well before 50 blocks.
 */
export const MESSAGE_CHARS = 12_000;

function blockChars(block: AlertBlock): number {
  if (block.type === 'section' || block.type === 'header') return block.text.text.length;
  if (block.type === 'context') return block.elements.reduce((n, e) => n + e.text.length, 0);
  return 0;
}

/** Blocks in order, as messages of at most 50 blocks and MESSAGE_CHARS characters. */
function packBlocks(blocks: readonly AlertBlock[]): AlertBlock[][] {
  const parts: AlertBlock[][] = [];
  let current: AlertBlock[] = [];
  let chars = 0;
  for (const block of blocks) {
    const size = blockChars(block);
    if (current.length > 0 && (current.length === LIMITS.blocks || chars + size > MESSAGE_CHARS)) {
      parts.push(current);
      current = [];
      chars = 0;
    }
    current.push(block);
    chars += size;
  }
  if (current.length > 0) parts.push(current);
  return parts;
}

/** A row's lines as sections of at most 3,000 characters, split between lines. */
export function rowSections(lines: readonly string[]): SectionBlock[] {
  const sections: SectionBlock[] = [];
  let current = '';
  for (const raw of lines) {
    const line = clip(raw, LIMITS.text);
    if (current !== '' && current.length + 1 + line.length > LIMITS.text) {
      sections.push(section(current));
      current = '';
    }
    current = current === '' ? line : `${current}\n${line}`;
  }
  if (current !== '') sections.push(section(current));
  return sections;
}

function headBlocks(alert: Alert): AlertBlock[] {
  const blocks: AlertBlock[] = [header(`${alert.priority === 'high' ? '🚨 ' : ''}${alert.title}`)];
  const links = allLinks(alert);
  if (links.length > 0) {
    const label = alert.kind === 'designations' && alert.links.length > 0 ? '*Federal Register:* ' : '';
    blocks.push(section(`${label}${links.map((l) => link(l.url, l.label)).join(' · ')}`));
  }
  const summary = actionSummary(alert).map(escapeText).join('\n');
  if (summary) blocks.push(section(summary));
  const notes = alert.notes.map(escapeText).join('\n');
  // The action's date (or, labelled, when it was detected), not the alert's creation.
  blocks.push(context([...(notes ? [notes] : []), `${escapeText(dateLine(alert))} · source ${escapeText(alert.source)}`]));
  return blocks;
}

/** The names a summary lists, so the channel shows who is affected without opening the thread. */
function rowNames(alert: Alert): string[] {
  switch (alert.kind) {
    case 'designations':
      return alert.changes.map((c) => subjectOf(c).name);
    case 'document':
      return alert.documents.map((d) => d.title);
    case 'watchlist-hit':
      return alert.hits.map((h) => h.counterparty);
    case 'source-health':
    case 'test':
      return [];
  }
}

function summary(alert: Alert, rowCount: number): SectionBlock {
  const names = rowNames(alert).map(escapeText);
  let shown = '';
  let count = 0;
  for (const name of names) {
    const next = shown === '' ? name : `${shown}; ${name}`;
    if (next.length > SUMMARY_NAMES_CHARS) break;
    shown = next;
    count++;
  }
  const rest = names.length - count;
  const list = shown ? `\n${shown}${rest > 0 ? `; (+${rest} more)` : ''}` : '';
  return section(`Too long for one message: the details of ${rowCount === 1 ? 'this entry are' : `all ${rowCount} entries are`} in the thread :thread:${list}`);
}

export function renderSlackAlert(alert: Alert): SlackRendering {
  const text = escapeText(alert.title);
  const head = headBlocks(alert);
  const rows = alertRows(alert).map(rowSections);
  const rowBlocks = rows.flat();
  const all = [...head, ...rowBlocks];
  const fits = rows.every((r) => r.length <= 1) && all.length <= LIMITS.blocks && all.reduce((n, b) => n + blockChars(b), 0) <= MESSAGE_CHARS;
  if (fits) return { main: { text, blocks: all }, thread: [] };
  const parts = packBlocks(rowBlocks);
  const thread = parts.map((blocks, i): SlackMessage => ({ text: `${text} (${i + 1}/${parts.length})`, blocks }));
  return { main: { text, blocks: [...head, summary(alert, rows.length)] }, thread };
}
