/**
 * Handler Reply → Discord message data (interaction response or follow-up). Pure.
 *
 *   renderReply({ kind: 'matches', query: 'acme', matches }, { ephemeral: false })
 *   // { embeds: [one per match, a field per designation], allowed_mentions: { parse: [] } }
 *
 * Designation text is escaped like alerts; handler text is the project's own (its markdown is
 * kept). Every message has `allowed_mentions: { parse: [] }`; errors and refusals are ephemeral.
 */
import { MessageFlags, type APIEmbed, type APIEmbedField } from 'discord-api-types/v10';
import type { DesignationHistory, LookupMatch, Reply, RuleOrigin } from '../../../handlers/types.js';
import { basisLine, staleWarning } from '../../core/basis.js';
import type { WatchRule } from '../../core/watch.js';
import { escapeText, truncate } from '../../notifiers/discord/escape.js';
import { historyText } from '../history-text.js';
import { embedChars, LIMITS } from '../../notifiers/discord/pack.js';
import { factLines, LIST_COLOURS } from '../../notifiers/discord/render.js';
import { rowFacts } from '../../core/facts.js';

export interface ReplyMessage {
  content?: string;
  embeds?: APIEmbed[];
  allowed_mentions: { parse: [] };
  flags?: number;
}

/** Designations shown per match: a name on more lists than this is rare and the rest is "+N". */
const DESIGNATIONS_PER_MATCH = 8;

function text(content: string, ephemeral: boolean): ReplyMessage {
  const message: ReplyMessage = { content: truncate(content, 2000), allowed_mentions: { parse: [] } };
  if (ephemeral) message.flags = MessageFlags.Ephemeral;
  return message;
}

function matchEmbed(match: LookupMatch, history: DesignationHistory[] | null): APIEmbed {
  const fields: APIEmbedField[] = match.designations.slice(0, DESIGNATIONS_PER_MATCH).map((d) => {
    // The same facts as the alerts (core/facts.ts), the source link first, then the history.
    const facts = rowFacts(d);
    const lines = [escapeText(d.listName), ...[...facts.filter((f) => f.form === 'url'), ...facts.filter((f) => f.form !== 'url')].flatMap(factLines)];
    if (history) lines.push(historyText(history.find((h) => h.key === d.key), escapeText));
    return { name: truncate(`${d.list}: ${escapeText(d.name)}`, LIMITS.fieldName), value: truncate(lines.join('\n'), LIMITS.fieldValue) };
  });
  const hidden = match.designations.length - fields.length;
  const via = match.matchedName !== match.name ? ` · matched “${escapeText(match.matchedName)}”` : '';
  const first = match.designations[0];
  const embed: APIEmbed = {
    title: truncate(escapeText(match.name), LIMITS.title),
    description: truncate(`Score ${match.score.toFixed(2)}${via}${hidden > 0 ? ` · +${hidden} more listings` : ''}`, 400),
    fields,
  };
  if (first) embed.color = LIST_COLOURS[first.list];
  return embed;
}

/** Embeds in order while they fit Discord's 10 embeds / 6,000 characters. */
function fitting(embeds: APIEmbed[]): APIEmbed[] {
  const kept: APIEmbed[] = [];
  let chars = 0;
  for (const embed of embeds.slice(0, LIMITS.embedsPerMessage)) {
    chars += embedChars(embed);
    if (chars > LIMITS.charsPerMessage) break;
    kept.push(embed);
  }
  return kept;
}

function ruleLine(rule: WatchRule, origin: RuleOrigin | undefined): string {
  const what = [rule.term && `“${escapeText(rule.term)}”`, rule.list && `list ${rule.list}`, rule.country && `country ${rule.country}`].filter(Boolean).join(', ');
  const where = rule.channel === '*' ? ' (every channel)' : '';
  const added = origin ? `added by ${escapeText(origin.actor)}, ${origin.at.slice(0, 16).replace('T', ' ')} UTC` : '*no audit entry found*';
  return `\`#${rule.id}\` ${what}${where} — ${added}`;
}

export function renderReply(reply: Reply, options: { ephemeral: boolean }): ReplyMessage {
  const { ephemeral } = options;
  switch (reply.kind) {
    case 'text':
      return text(reply.text, ephemeral);
    case 'error':
      return text(`⚠️ ${reply.message}`, true);
    case 'refusal':
      return text(`⛔ ${reply.message}`, true);
    case 'matches': {
      // The stale warning leads, where it cannot be missed; the basis line follows the answer.
      // Both are the project's own text (source ids and dates), so their markdown is kept.
      const warning = staleWarning(reply.basis);
      const head = warning ? `⚠️ **${warning}**\n` : '';
      const basis = `-# ${basisLine(reply.basis)}`;
      if (reply.matches.length === 0) return text(`${head}No match for “${escapeText(reply.query)}” on any list.\n${basis}`, ephemeral);
      const content = `${head}Matches for “${escapeText(reply.query)}”:\n${basis}`;
      const message: ReplyMessage = { content: truncate(content, 2000), embeds: fitting(reply.matches.map((m) => matchEmbed(m, reply.history ?? null))), allowed_mentions: { parse: [] } };
      if (ephemeral) message.flags = MessageFlags.Ephemeral;
      return message;
    }
    case 'rules': {
      const head = reply.changed ? `${reply.changed.action === 'added' ? 'Added' : 'Removed'} rule \`#${reply.changed.rule.id}\`.` : 'Watch rules for this channel:';
      const body = reply.rules.length ? reply.rules.map((r) => ruleLine(r, reply.origins?.find((o) => o.ruleId === r.id))).join('\n') : 'No rules: this channel receives every alert it is sent.';
      return text(`${head}\n${body}`, ephemeral);
    }
    case 'status': {
      const sources = reply.sources.map((s) => `• **${s.id}**: ${s.health}, ${s.designationCount} designations, last success ${s.lastSuccessAt ?? 'never'}${s.lastError ? ` — ${escapeText(s.lastError.message)}` : ''}`);
      const channels = reply.channels.map((c) => `• ${c.channel}: ${escapeText(c.error)}${c.final ? ' (given up)' : ' (retrying)'}`);
      const lines = ['**Sources**', ...(sources.length ? sources : ['none polled yet']), `**Watch rules:** ${reply.ruleCount}`];
      if (channels.length) lines.push('**Channels with failing deliveries**', ...channels);
      return text(lines.join('\n'), ephemeral);
    }
    case 'test-posted':
      return text(`Posted a test alert here (\`${reply.alertId}\`).`, ephemeral);
  }
}
