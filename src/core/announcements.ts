/**
 * Announcements: names a feed (the Federal Register) says a list will add, revise or remove,
 * before the list itself changes. Pure.
 *
 * A later list change of the same kind, list and name replies in the announcement's thread
 * (worker/poll.ts). The stored name of an addition is the normalised name itself (as it always
 * was); revisions and removals are stored as "revised:<name>" and "removed:<name>", so an old
 * announcement of an addition never links a later removal of the same name. Normalised names
 * hold no ":" (core/text.ts), so the prefixes cannot collide with a name.
 *
 *   announcementName('removed', 'Alpha Co., Ltd.') // "removed:alpha co ltd"
 *   groupEntities([{ action: 'added', list: 'EL', country: 'CHINA', name: 'Alpha' }])
 *   // [{ action: 'added', list: 'EL', country: 'CHINA', names: ['Alpha'] }]
 */
import type { EntityGroup } from './alert.js';
import { LISTS } from './lists.js';
import type { Change, ListCode } from './model.js';
import { normaliseName } from './text.js';

export type AnnouncedAction = EntityGroup['action'];

/** One name a document announces, with what happens to it, on which list, under which country. */
export interface AnnouncedEntry {
  action: AnnouncedAction;
  list: ListCode;
  /** The country as an English short name ("China"; the printed text when not recognised), or null. */
  country: string | null;
  name: string;
}

/** The name stored for an announcement (see the module comment). */
export function announcementName(action: AnnouncedAction, name: string): string {
  const normalised = normaliseName(name);
  return action === 'added' ? normalised : `${action}:${normalised}`;
}

/** The announced action a list change answers: an amendment answers a revision. */
export function announcedActionOf(change: Change): AnnouncedAction {
  return change.kind === 'amended' ? 'revised' : change.kind;
}

const ACTION_ORDER: readonly AnnouncedAction[] = ['added', 'revised', 'removed'];

/**
 * Entries grouped by action (added, revised, removed), then by list and country in the order
 * the document gives them; every name kept, each once per group.
 */
export function groupEntities(entries: readonly AnnouncedEntry[]): EntityGroup[] {
  const groups: EntityGroup[] = [];
  for (const action of ACTION_ORDER) {
    const byPlace = new Map<string, EntityGroup>();
    for (const entry of entries) {
      if (entry.action !== action) continue;
      const place = `${entry.list}\u001f${entry.country ?? ''}`;
      let group = byPlace.get(place);
      if (!group) {
        group = { action, list: entry.list, country: entry.country, names: [] };
        byPlace.set(place, group);
        groups.push(group);
      }
      if (!group.names.some((name) => normaliseName(name) === normaliseName(entry.name))) group.names.push(entry.name);
    }
  }
  return groups;
}

const ACTION_WORDS: Record<AnnouncedAction, string> = { added: 'Added to', revised: 'Revised on', removed: 'Removed from' };

/** A group's heading for every renderer: "Added to the Entity List — China (3)". */
export function groupHeading(group: EntityGroup): string {
  const where = group.country ? ` — ${group.country}` : '';
  return `${ACTION_WORDS[group.action]} the ${LISTS[group.list].shortName}${where} (${group.names.length})`;
}
