/**
 * Correlation of list changes with earlier announcements (Federal Register documents), for the
 * poll cycle (worker/poll.ts): additions thread under the announcement; removals name the notice.
 */
import type { DesignationsAlert } from '../core/alert.js';
import { normaliseName } from '../core/text.js';
import type { Store } from '../../store/types.js';

/**
 * Correlation: additions that a feed (the Federal Register) announced earlier reply in that
 * announcement's thread, with a note saying where and when, instead of reading as news twice.
 */
export async function linkAnnouncements(store: Store, alerts: DesignationsAlert[]): Promise<DesignationsAlert[]> {
  for (const alert of alerts) await nameRemovalNotices(store, alert);
  for (const alert of alerts) {
    const keys = alert.changes
      .filter((change) => change.kind === 'added')
      .flatMap((change) => [change.after.name, ...change.after.aliases].map((name) => ({ list: alert.list, name: normaliseName(name) })));
    if (keys.length === 0) continue;
    const found = (await store.findAnnouncements(keys)).filter((a) => a.source !== alert.source);
    if (found.length === 0) continue;
    alert.threadOf = found[0]!.alertId;
    const references = [...new Set(found.map((a) => a.reference))];
    const announced = new Set(found.map((a) => a.name));
    const count = alert.changes.filter(
      (c) => c.kind === 'added' && [c.after.name, ...c.after.aliases].some((name) => announced.has(normaliseName(name))),
    ).length;
    alert.notes.push(`${count} of these ${count === 1 ? 'was' : 'were'} announced in ${references.join('; ')}`);
  }
  return alerts;
}

/**
 * A removal names the notice that removed it when a feed (the Federal Register) named the entity
 * after it was listed: the latest such announcement (announcements come oldest first).
 */
async function nameRemovalNotices(store: Store, alert: DesignationsAlert): Promise<void> {
  for (const change of alert.changes) {
    if (change.kind !== 'removed') continue;
    const names = [change.before.name, ...change.before.aliases].map((name) => ({ list: alert.list, name: normaliseName(name) }));
    const since = change.before.startDate ?? '';
    const later = (await store.findAnnouncements(names)).filter((a) => a.source !== alert.source && a.announcedAt.slice(0, 10) > since);
    if (later.length > 0) change.notice = later.at(-1)!.reference;
  }
}
