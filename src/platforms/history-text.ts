/**
 * One line of designation history for a lookup answer, the same words on Slack and Discord.
 * Pure; `escape` is the platform's text escaper (notices come from the lists).
 *
 *   historyText([{ kind: 'added', seenAt: '2026-05-04T09:30:00Z', notice: '91 FR 1234', … }], esc)
 *   // "History: added 2026-05-04 (91 FR 1234)"
 *   historyText([], esc)   // "History: no change seen — listed before entitywatch began watching"
 */
import type { DesignationHistory } from '../../handlers/types.js';

/** The latest events shown; older ones are counted. */
const SHOWN = 5;

type Event = DesignationHistory['events'][number];

function eventText(e: Event, escape: (text: string) => string): string {
  const day = e.seenAt.slice(0, 10);
  const notice = e.notice && (e.kind !== 'amended' || e.fields.includes('frCitation')) ? escape(e.notice) : null;
  const fields = e.kind === 'amended' && e.fields.length ? e.fields.join(', ') : null;
  const detail = [fields, notice].filter(Boolean).join('; ');
  return `${e.kind} ${day}${detail ? ` (${detail})` : ''}`;
}

export function historyText(history: DesignationHistory | undefined, escape: (text: string) => string): string {
  const events = history?.events ?? [];
  if (events.length === 0) return 'History: no change seen — listed before entitywatch began watching';
  const shown = events.slice(-SHOWN).map((e) => eventText(e, escape));
  const older = events.length - shown.length;
  return `History: ${older > 0 ? `${older} earlier · ` : ''}${shown.join(' · ')}`;
}
