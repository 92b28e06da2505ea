/**
 * The poll cycle of a feed source (Federal Register documents, RSS, watched pages):
 * fetch → items → drop the ones seen before → one DocumentAlert per new item → commit.
 *
 * The first accepted poll of a feed is a silent baseline: items are remembered, not announced.
 * Items, alerts, outbox rows, announcements and the feed state are written in one transaction
 * (store.commitFeed), so an item is either remembered with its alert queued, or not at all.
 * Items sharing a thread key reply under the first one's alert (a Federal Register document's
 * publication under its public-inspection notice).
 */
import type { Alert, DocumentAlert } from '../core/alert.js';
import { announcementName } from '../core/announcements.js';
import { routeAlert } from '../core/watch.js';
import type { FeedItem, FeedSource, Source } from '../sources/types.js';
import type { AlertInsert, FeedCommit } from '../../store/types.js';
import { notifyRecovered, pollSource, recordFailure, type PollDeps, type PollOutcome } from './poll.js';

function toAlert(source: FeedSource, item: FeedItem, id: string, createdAt: string, threadOf: string | null): DocumentAlert {
  return {
    id,
    kind: 'document',
    source: source.id,
    createdAt,
    title: item.title,
    priority: item.priority ?? 'normal',
    threadOf,
    notes: item.notes ?? [],
    links: item.links ?? [],
    documents: [item.document],
  };
}

export async function pollFeed(source: FeedSource, deps: PollDeps): Promise<PollOutcome> {
  const { store, log } = deps;
  const state = await store.getSourceState(source.id);
  try {
    const previous = state?.etag || state?.lastModified ? { etag: state.etag, lastModified: state.lastModified } : null;
    const fetched = await source.fetch({
      download: deps.download,
      validators: previous,
      log,
      state: await store.feedState(source.id),
    });
    const at = deps.now().toISOString();
    if (fetched.status === 'not-modified') {
      await store.recordUnchanged(source.id, at);
      return { status: 'not-modified' };
    }
    const baseline = !state?.lastSuccessAt;
    const unique = new Map(fetched.items.map((item) => [item.id, item]));
    const seen = await store.seenFeedItems(source.id, [...unique.keys()]);
    const fresh = [...unique.values()].filter((item) => !seen.has(item.id));

    const commit: FeedCommit = {
      source: source.id,
      at,
      baseline,
      validators: fetched.validators,
      items: [],
      alerts: [],
      announcements: [],
      ...(fetched.state !== undefined ? { state: fetched.state } : {}),
    };
    const items: Array<FeedCommit['items'][number]> = [];
    const alerts: AlertInsert[] = [];
    const announcements: Array<FeedCommit['announcements'][number]> = [];
    const rootsInThisPoll = new Map<string, string>();
    const rules = fresh.length > 0 && !baseline ? await store.listWatchRules() : [];
    const channels = deps.channels();
    for (const item of fresh) {
      if (baseline) {
        items.push({ id: item.id, threadKey: item.threadKey, alertId: null });
        continue;
      }
      const id = deps.newId();
      const threadOf = item.threadKey
        ? (rootsInThisPoll.get(item.threadKey) ?? (await store.threadRoot(source.id, item.threadKey)))
        : null;
      if (item.threadKey && !threadOf) rootsInThisPoll.set(item.threadKey, id);
      const alert: Alert = toAlert(source, item, id, at, threadOf);
      alerts.push({ alert, routes: routeAlert(alert, channels, rules) });
      items.push({ id: item.id, threadKey: item.threadKey, alertId: id });
      for (const a of item.announces ?? []) {
        announcements.push({ list: a.list, name: announcementName(a.action ?? 'added', a.name), alertId: id, reference: item.reference ?? item.title });
      }
    }
    await store.commitFeed({ ...commit, items, alerts, announcements });
    await notifyRecovered(source, deps, state);
    const outcome: PollOutcome = baseline
      ? { status: 'baseline', count: unique.size, unit: 'items' }
      : { status: 'items', seen: unique.size, new: fresh.length, alerts: alerts.length };
    log.info({ source: source.id, ...outcome }, 'poll finished');
    return outcome;
  } catch (err) {
    return await recordFailure(source, deps, err, state);
  }
}

/** Poll any source, by kind. */
export function pollAny(source: Source, deps: PollDeps): Promise<PollOutcome> {
  return source.kind === 'feed' ? pollFeed(source, deps) : pollSource(source, deps);
}
