/**
 * Correlation of list changes with earlier announcements (Federal Register documents), for the
 * poll cycle (worker/poll.ts): additions thread under the announcement; removals name the notice.
 */
import type { DesignationsAlert } from '../core/alert.js';
import { announcedActionOf, announcementName } from '../core/announcements.js';
import type { Store } from '../../store/types.js';

/**
 * Correlation: changes that a feed (the Federal Register) announced earlier — additions,
 * revisions (amendments here) and removals — reply in that announcement's thread, with a note
 * saying where and when, instead of reading as news twice.
 */
export async function linkAnnouncements(store: Store, alerts: DesignationsAlert[]): Promise<DesignationsAlert[]> {
  for (const alert of alerts) await nameRemovalNotices(store, alert);
  for (const alert of alerts) {
    const namesOf = (change: DesignationsAlert['changes'][number]): string[] => {
      const d = change.kind === 'removed' ? change.before : change.after;
      return [d.name, ...d.aliases].map((name) => announcementName(announcedActionOf(change), name));
    };
    const keys = alert.changes.flatMap((change) => namesOf(change).map((name) => ({ list: alert.list, name })));
    if (keys.length === 0) continue;
    const found = (await store.findAnnouncements(keys)).filter((a) => a.source !== alert.source);
    if (found.length === 0) continue;
    alert.threadOf = found[0]!.alertId;
    const references = [...new Set(found.map((a) => a.reference))];
    const announced = new Set(found.map((a) => a.name));
    const count = alert.changes.filter((change) => namesOf(change).some((name) => announced.has(name))).length;
    alert.notes.push(`${count} of these ${count === 1 ? 'was' : 'were'} announced in ${references.join('; ')}`);
  }
  return alerts;
}

/**
 * A removal names the notice that removed it: the latest document that announced its removal
 * ("removed:<name>", core/announcements.ts); failing that, the latest that named the entity at
 * all after it was listed (announcements come oldest first).
 */
async function nameRemovalNotices(store: Store, alert: DesignationsAlert): Promise<void> {
  for (const change of alert.changes) {
    if (change.kind !== 'removed') continue;
    const printed = [change.before.name, ...change.before.aliases];
    const names = printed.flatMap((name) => [announcementName('removed', name), announcementName('added', name)]).map((name) => ({ list: alert.list, name }));
    const since = change.before.startDate ?? '';
    const later = (await store.findAnnouncements(names)).filter((a) => a.source !== alert.source && a.announcedAt.slice(0, 10) > since);
    const removal = later.filter((a) => a.name.startsWith('removed:'));
    const notice = (removal.length > 0 ? removal : later).at(-1);
    if (notice) change.notice = notice.reference;
  }
}
