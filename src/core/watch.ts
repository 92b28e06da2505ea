/**
 * Watch rules and routing: which channel receives which alert. Pure.
 *
 * A channel with rules receives only the rows that match one of its rules (an alert none of
 * whose rows match is not sent there at all); a channel without rules receives everything.
 * Rules for channel "*" apply to every channel.
 */
import type { Alert } from './alert.js';
import { headline, subjectOf } from './alerts.js';
import type { Designation, ListCode } from './model.js';
import { normaliseName } from './text.js';

export interface WatchRule {
  /** Store-assigned id, used by `watch remove`. */
  id: number;
  /** Channel id the rule filters ("slack:C0123", "webhook:1a2b3c"), or "*" for every channel. */
  channel: string;
  /** Matched, normalised, against name, aliases and addresses; null = any. */
  term: string | null;
  /** Only this list; null = any. */
  list: ListCode | null;
  /** Only designations with this ISO-2 country; null = any. */
  country: string | null;
  /** Who made the rule (user id or "cli:<os user>"). */
  createdBy: string;
  createdAt: string;
}

export type WatchRuleInput = Pick<WatchRule, 'channel' | 'term' | 'list' | 'country'>;

export function ruleMatches(rule: Pick<WatchRule, 'term' | 'list' | 'country'>, d: Designation): boolean {
  if (rule.list && d.list !== rule.list) return false;
  if (rule.country && !d.countries.includes(rule.country)) return false;
  if (rule.term) {
    const term = ` ${normaliseName(rule.term)} `;
    const haystacks = [d.name, ...d.aliases, ...d.addresses];
    if (!haystacks.some((text) => ` ${normaliseName(text)} `.includes(term))) return false;
  }
  return true;
}

/** One delivery to make: the channel and, when rules filter it, the keys of the rows it gets. */
export interface Route {
  channel: string;
  /** null: the whole alert. Otherwise only the changes with these keys. */
  matchKeys: string[] | null;
}

/**
 * Decide which channels get an alert. `adminChannels` receive source-health alerts;
 * designation alerts are filtered per channel by rules; everything else goes to every channel.
 */
export function routeAlert(
  alert: Alert,
  channels: readonly string[],
  rules: readonly WatchRule[],
  adminChannels: readonly string[] = channels,
): Route[] {
  if (alert.kind === 'source-health') return adminChannels.map((channel) => ({ channel, matchKeys: null }));
  if (alert.kind !== 'designations') return channels.map((channel) => ({ channel, matchKeys: null }));
  const routes: Route[] = [];
  for (const channel of channels) {
    const own = rules.filter((rule) => rule.channel === channel || rule.channel === '*');
    if (own.length === 0) {
      routes.push({ channel, matchKeys: null });
      continue;
    }
    const keys = alert.changes
      .filter((change) => own.some((rule) => ruleMatches(rule, subjectOf(change))))
      .map((change) => change.key);
    if (keys.length > 0) routes.push({ channel, matchKeys: keys });
  }
  return routes;
}

/** The alert as one channel sees it: only the changes its rules matched. */
export function alertForRoute(alert: Alert, matchKeys: readonly string[] | null): Alert {
  if (!matchKeys || alert.kind !== 'designations') return alert;
  const keep = new Set(matchKeys);
  const changes = alert.changes.filter((change) => keep.has(change.key));
  return { ...alert, changes, title: headline(alert.list, changes) };
}
