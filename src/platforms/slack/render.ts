/**
 * Reply → a Slack message (text + Block Kit). Pure. All text from sources and from the user is
 * escaped (src/notifiers/slack/mrkdwn.ts): a designation or a query can never mention or link.
 *
 *   renderReply({ kind: 'matches', query: 'acme', matches: [] })
 *   // { text: 'No match for “acme” on any list.', blocks: [section …] }
 *
 * A `matches` reply gets a "Share in channel" button (action SHARE_ACTION, value = the query)
 * unless `shared` — the shared copy is posted for everyone and has no button.
 */
import type { DesignationHistory, LookupMatch, Reply, RuleOrigin, SourceStatus } from '../../../handlers/types.js';
import { frLinks } from '../../core/alerts.js';
import { basisLine, staleWarning, type Basis } from '../../core/basis.js';
import { LISTS } from '../../core/lists.js';
import type { Designation } from '../../core/model.js';
import type { WatchRule } from '../../core/watch.js';
import { historyText } from '../history-text.js';
import { rowFacts } from '../../core/facts.js';
import { clip, context, escapeText, LIMITS, link, section, type AlertBlock } from '../../notifiers/slack/mrkdwn.js';
import { factLines } from '../../notifiers/slack/rows.js';

export const SHARE_ACTION = 'entity_share';

/** "2026-05-04T09:30:00.000Z" → "2026-05-04 09:30". */
function utcMinute(iso: string): string {
  return iso.slice(0, 16).replace('T', ' ');
}

export interface ButtonBlock {
  type: 'actions';
  elements: Array<{ type: 'button'; action_id: string; value: string; text: { type: 'plain_text'; text: string } }>;
}

export interface ReplyMessage {
  /** Fallback and notification text (escaped mrkdwn). */
  text: string;
  blocks: Array<AlertBlock | ButtonBlock>;
}

/** Slack's limit on a button value. */
const MAX_BUTTON_VALUE = 2000;

function designationLines(d: Designation, entityName: string, history: DesignationHistory[] | null): string[] {
  const fr = d.frCitation ? frLinks(d.frCitation).map((l) => link(l.url, l.label)).join(', ') || escapeText(d.frCitation) : null;
  const head = [`• *${escapeText(LISTS[d.list].shortName)}* (${d.list})`, d.startDate && `since ${escapeText(d.startDate)}`, fr && `— ${fr}`];
  const lines = [head.filter(Boolean).join(' ')];
  if (d.name !== entityName) lines.push(`   Listed as: ${escapeText(d.name)}`);
  // The same facts as the alerts (core/facts.ts); list, start date and citation are on the head line.
  const shown = new Set(['Federal Register', 'Effective date']);
  lines.push(...rowFacts(d).filter((f) => !shown.has(f.label)).flatMap(factLines).map((line) => `   ${line}`));
  if (history) lines.push(`   ${historyText(history.find((h) => h.key === d.key), escapeText)}`);
  return lines;
}

function matchText(m: LookupMatch, history: DesignationHistory[] | null): string {
  const via = m.matchedName !== m.name ? ` — matched “${escapeText(m.matchedName)}”` : '';
  const countries = [...new Set(m.designations.flatMap((d) => d.countries))];
  const where = countries.length ? ` (${escapeText(countries.join(', '))})` : '';
  return [`*${escapeText(m.name)}*${where}${via} · score ${m.score.toFixed(2)}`, ...m.designations.flatMap((d) => designationLines(d, m.name, history))].join('\n');
}

/** The stale warning first, where it cannot be missed; the basis line under the answer. */
function basisBlocks(basis: Basis): { warning: AlertBlock[]; line: string } {
  const warning = staleWarning(basis);
  return { warning: warning ? [section(`:warning: *${escapeText(warning)}*`)] : [], line: escapeText(basisLine(basis)) };
}

function matches(query: string, found: readonly LookupMatch[], basis: Basis, shared: string | null, history: DesignationHistory[] | null): ReplyMessage {
  const q = escapeText(query);
  const { warning, line } = basisBlocks(basis);
  const stale = basis.stale ? ' (lists out of date)' : '';
  if (found.length === 0) {
    const text = `No match for “${q}” on any list${stale}.`;
    return { text, blocks: [...warning, section(`${text}${shared ? `\nShared by ${shared}.` : ''}`), context([line])] };
  }
  const text = `${found.length} match${found.length === 1 ? '' : 'es'} for “${q}”${stale}`;
  const blocks: ReplyMessage['blocks'] = [...warning, section(`*${text}*`), ...found.map((m) => section(matchText(m, history))), context([line])];
  if (shared) blocks.push(context([`Shared by ${shared}. Lists change: check again before relying on this.`]));
  else if (query.length <= MAX_BUTTON_VALUE) {
    blocks.push({ type: 'actions', elements: [{ type: 'button', action_id: SHARE_ACTION, value: query, text: { type: 'plain_text', text: 'Share in channel' } }] });
  }
  return { text, blocks };
}

function ruleLine(rule: WatchRule, origin: RuleOrigin | undefined): string {
  const what = [rule.term && `“${escapeText(rule.term)}”`, rule.list && `list ${rule.list}`, rule.country && `country ${rule.country}`].filter(Boolean).join(', ');
  const scope = rule.channel === '*' ? ' _(every channel)_' : '';
  const added = origin ? `added by ${escapeText(origin.actor)}, ${escapeText(utcMinute(origin.at))} UTC` : '_no audit entry found_';
  return `*#${rule.id}* ${what}${scope} — ${added}`;
}

function rules(reply: Extract<Reply, { kind: 'rules' }>): ReplyMessage {
  const done = reply.changed ? `${reply.changed.action === 'added' ? 'Added' : 'Removed'} rule #${reply.changed.rule.id}.` : null;
  const list = reply.rules.length
    ? `This channel gets only the alert rows matching one of these rules:\n${reply.rules.map((r) => ruleLine(r, reply.origins?.find((o) => o.ruleId === r.id))).join('\n')}`
    : 'No rules: this channel gets every alert.';
  const text = done ?? 'Watch rules for this channel';
  return { text, blocks: [section([done, list].filter(Boolean).join('\n'))] };
}

const HEALTH_ICON: Record<SourceStatus['health'], string> = { ok: ':white_check_mark:', failing: ':x:', refused: ':warning:', 'never-polled': ':hourglass:' };

function status(reply: Extract<Reply, { kind: 'status' }>): ReplyMessage {
  const sources = reply.sources.map((s) => {
    const lines = [`${HEALTH_ICON[s.health]} *${escapeText(s.id)}* ${s.health} — ${s.designationCount} designations, last success ${escapeText(s.lastSuccessAt ?? 'never')}`];
    if (s.lastError) lines.push(`   last error ${escapeText(s.lastError.at)} (${escapeText(s.lastError.code)}, ${s.consecutiveFailures}×): ${escapeText(clip(s.lastError.message, 300))}`);
    return lines.join('\n');
  });
  const channels = reply.channels.map((c) => `:warning: *${escapeText(c.channel)}* ${c.final ? 'gave up' : 'retrying'}: ${escapeText(clip(c.error, 400))}`);
  const blocks: AlertBlock[] = [section(`*Sources*\n${sources.join('\n') || 'No source has been polled yet.'}`)];
  blocks.push(section(channels.length ? `*Channels with failing deliveries*\n${channels.join('\n')}` : 'Every channel delivers.'));
  blocks.push(context([`${reply.ruleCount} watch rule${reply.ruleCount === 1 ? '' : 's'} in all`]));
  return { text: 'entitywatch status', blocks };
}

/** `shared`: the mention of who shared a lookup to the channel, e.g. "<@U0123>". */
export function renderReply(reply: Reply, shared: string | null = null): ReplyMessage {
  let message: ReplyMessage;
  switch (reply.kind) {
    case 'text':
      message = { text: escapeText(reply.text), blocks: [section(escapeText(reply.text))] };
      break;
    case 'error':
      message = { text: escapeText(reply.message), blocks: [section(`:warning: ${escapeText(reply.message)}`)] };
      break;
    case 'refusal':
      message = { text: escapeText(reply.message), blocks: [section(`:no_entry: ${escapeText(reply.message)}`)] };
      break;
    case 'matches':
      message = matches(reply.query, reply.matches, reply.basis, shared, reply.history ?? null);
      break;
    case 'rules':
      message = rules(reply);
      break;
    case 'status':
      message = status(reply);
      break;
    case 'test-posted':
      message = { text: 'Posted a test alert to this channel.', blocks: [section(':white_check_mark: Posted a test alert to this channel.')] };
      break;
  }
  return { text: clip(message.text, LIMITS.text), blocks: message.blocks.slice(0, LIMITS.blocks) };
}
