/**
 * Turn a snapshot diff into platform-neutral alerts: one alert per list per source update,
 * holding every change of that list (40 additions are one alert with 40 rows). Pure.
 */
import type { AlertLink, DesignationsAlert } from './alert.js';
import { LISTS } from './lists.js';
import type { Change, Designation, ListCode, SnapshotDiff } from './model.js';

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** "Entity List — 5 additions, 1 amendment". */
export function headline(list: ListCode, changes: readonly Change[]): string {
  const added = changes.filter((c) => c.kind === 'added').length;
  const removed = changes.filter((c) => c.kind === 'removed').length;
  const amended = changes.filter((c) => c.kind === 'amended').length;
  const parts: string[] = [];
  if (added) parts.push(plural(added, 'addition'));
  if (removed) parts.push(plural(removed, 'removal'));
  if (amended) parts.push(plural(amended, 'amendment'));
  return `${LISTS[list].shortName} — ${parts.join(', ')}`;
}

const FR_CITATION = /(\d{1,3})\s*F\.?\s?R\.?\s*(\d{1,6})/g;

/** Federal Register citations in a text ("88 FR 18983", "82 F.R. 48792"), as federalregister.gov links. */
export function frLinks(text: string | null): AlertLink[] {
  if (!text) return [];
  const links: AlertLink[] = [];
  for (const match of text.matchAll(FR_CITATION)) {
    const [, volume, page] = match;
    links.push({ label: `${volume} FR ${page}`, url: `https://www.federalregister.gov/citation/${volume}-FR-${page}` });
  }
  return links;
}

function changesOf(diff: SnapshotDiff): Change[] {
  return [
    ...diff.added.map((after): Change => ({ kind: 'added', key: after.key, after })),
    ...diff.removed.map((before): Change => ({ kind: 'removed', key: before.key, before })),
    // An amendment with no changed field only re-keyed a row (core/identity.ts): nothing to tell.
    ...diff.amended
      .filter(({ fields }) => fields.length > 0)
      .map(({ before, after, fields }): Change => ({ kind: 'amended', key: after.key, before, after, fields })),
  ];
}

/** The designation a change is about (the new version when there is one). */
export function subjectOf(change: Change): Designation {
  return change.kind === 'removed' ? change.before : change.after;
}

export interface BuildAlertsInput {
  source: string;
  diff: SnapshotDiff;
  createdAt: string;
  /** Makes a unique alert id; called once per alert. */
  newId: (list: ListCode) => string;
}

/** One DesignationsAlert per list that changed, lists in a stable order. */
export function buildDesignationAlerts(input: BuildAlertsInput): DesignationsAlert[] {
  const byList = new Map<ListCode, Change[]>();
  for (const change of changesOf(input.diff)) {
    const list = subjectOf(change).list;
    const group = byList.get(list);
    if (group) group.push(change);
    else byList.set(list, [change]);
  }
  const alerts: DesignationsAlert[] = [];
  for (const list of [...byList.keys()].sort()) {
    const changes = byList.get(list)!;
    const seen = new Set<string>();
    const links: AlertLink[] = [];
    // Link the rules behind this update: citations of additions, and of amendments that changed
    // their citation. A removed entry's citation is the rule that once added it: not news.
    for (const change of changes) {
      const cited =
        change.kind === 'added' || (change.kind === 'amended' && change.fields.some((f) => f.field === 'frCitation'));
      if (!cited) continue;
      for (const link of frLinks(subjectOf(change).frCitation)) {
        if (!seen.has(link.label)) {
          seen.add(link.label);
          links.push(link);
        }
      }
    }
    const first = subjectOf(changes[0]!);
    alerts.push({
      id: input.newId(list),
      kind: 'designations',
      source: input.source,
      createdAt: input.createdAt,
      title: headline(list, changes),
      priority: 'normal',
      threadOf: null,
      notes: [],
      links: links.slice(0, 5),
      list,
      listName: first.listName,
      changes,
    });
  }
  return alerts;
}
