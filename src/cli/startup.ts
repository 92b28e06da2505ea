/**
 * What `entitywatch run` (`npm start`) says when it starts, in plain lines on stderr beside the
 * JSON logs: the database, the sources, where alerts go, the next poll, how to stop. Pure.
 *
 *   entitywatch is running
 *     database   /srv/entitywatch/data/entitywatch.db
 *     sources    csl — Consolidated Screening List (trade.gov)
 *     alerts to  console (printed here), slack:C0123ALERTS
 *     next poll  now, then 2026-05-04 09:45 UTC (schedule "*\/15 * * * *", polls at most 15 minutes apart)
 *     stop with  Ctrl-C (or SIGTERM); polls and sends under way finish first
 */
import { resolve } from 'node:path';
import { utcMinute } from '../core/basis.js';

export interface StartupFacts {
  dbPath: string;
  sources: ReadonlyArray<{ id: string; title: string }>;
  /** Channel ids alerts go to now. */
  channels: readonly string[];
  cron: string;
  periodMs: number;
  /** The next scheduled poll, or null when the schedule never fires. */
  nextPoll: Date | null;
  initialPoll: boolean;
}

function apart(ms: number): string {
  const [unit, size] = ms % 86_400_000 === 0 ? ['day', 86_400_000] : ms % 3_600_000 === 0 ? ['hour', 3_600_000] : ms % 60_000 === 0 ? ['minute', 60_000] : ['second', 1000];
  const n = ms / (size as number);
  return `polls at most ${n} ${unit}${n === 1 ? '' : 's'} apart`;
}

export function startupLines(facts: StartupFacts): string[] {
  const alerts = facts.channels.length > 0
    ? facts.channels.map((c) => (c === 'console' ? 'console (printed here)' : c)).join(', ')
    : 'NO CHANNEL — alerts are stored but reach nobody: run `entitywatch doctor`';
  const next = facts.nextPoll ? utcMinute(facts.nextPoll.toISOString()) : 'never';
  return [
    'entitywatch is running',
    `  database   ${resolve(facts.dbPath)}`,
    ...facts.sources.map((s, i) => `  ${i === 0 ? 'sources  ' : '         '}  ${s.id} — ${s.title}`),
    `  alerts to  ${alerts}`,
    `  next poll  ${facts.initialPoll ? 'now, then ' : ''}${next} (schedule "${facts.cron}", ${apart(facts.periodMs)})`,
    '  stop with  Ctrl-C (or SIGTERM); polls and sends under way finish first',
  ];
}
