/**
 * Correlation of list changes with earlier announcements (Federal Register documents), for the
 * poll cycle (worker/poll.ts).
 */
import type { DesignationsAlert } from '../core/alert.js';
import { normaliseName } from '../core/text.js';
import type { Store } from '../../store/types.js';

/**
 * Correlation: additions that a feed (the Federal Register) announced earlier reply in that
 * announcement's thread, with a note saying where and when, instead of reading as news twice.
 */
export async function linkAnnouncements(store: Store, alerts: DesignationsAlert[]): Promise<DesignationsAlert[]> {
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
