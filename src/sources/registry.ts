/**
 * Every source entitywatch knows, by id: an explicit map (a test checks every folder under
 * src/sources/ is registered here). Each entry builds the source from its typed options, which
 * the config resolved from the settings the source declares (src/sources/<id>/options.ts,
 * composed in options.ts); nothing here reads the config modules.
 *
 * Source kinds (`rss`, `page`) are folders too, but their sources come from the config file,
 * one per configured feed or page, with ids `rss:<name>` and `page:<name>`; they are polled
 * whenever configured.
 */
import { UsageError } from '../errors.js';
import { create1260hSource } from './1260h/index.js';
import { createCslSource } from './csl/index.js';
import { createEcfrEntityListSource } from './ecfr-entity-list/index.js';
import { createFccCoveredListSource } from './fcc-covered-list/index.js';
import { createFederalRegisterSource } from './federal-register/index.js';
import { createOfacConsolidatedSource } from './ofac-consolidated/index.js';
import { createOfacSdnSource } from './ofac-sdn/index.js';
import { createPageSource } from './page/index.js';
import { createRssSource } from './rss/index.js';
import { createUflpaSource } from './uflpa/index.js';
import { enabledSourceIds, unknownSource, type SourceId } from './catalog.js';
import type { SourceOptions, SourcesConfig } from './options.js';
import type { WatchedPage } from './page/options.js';
import type { RssFeed } from './rss/options.js';
import type { FeedSource, SnapshotSource, Source } from './types.js';
export { DEFAULT_SOURCES, SOURCE_CATALOG, configuredSourceIds, type SourceId } from './catalog.js';

export const SOURCE_FACTORIES = {
  csl: (options: SourceOptions) => createCslSource(options.csl),
  'ofac-sdn': (options: SourceOptions) => createOfacSdnSource(options.ofac),
  'ofac-consolidated': (options: SourceOptions) => createOfacConsolidatedSource(options.ofac),
  'ecfr-entity-list': (options: SourceOptions) => createEcfrEntityListSource(options.ecfr),
  'federal-register': (options: SourceOptions) => createFederalRegisterSource(options.federalRegister),
  // DoD's notices come from the Federal Register: the 1260H source reads them from the host configured there.
  '1260h': (options: SourceOptions) => create1260hSource({ ...options.dod1260h, frApiUrl: options.federalRegister.apiUrl }),
  uflpa: (options: SourceOptions) => createUflpaSource(options.uflpa),
  'fcc-covered-list': (options: SourceOptions) => createFccCoveredListSource(options.fcc),
} as const satisfies Record<SourceId, (options: SourceOptions) => Source>;

/** Source folders whose sources are configured in the config file, one per entry: `<kind>:<name>`. */
export const SOURCE_KINDS = ['rss', 'page'] as const;

function rssSource(feed: RssFeed): FeedSource {
  return createRssSource({ ...feed, id: `rss:${feed.name}` });
}

function pageSource(page: WatchedPage): FeedSource {
  return createPageSource({ ...page, id: `page:${page.name}` });
}

/** The feeds and pages of the config file, as sources. */
export function configuredSources(config: SourcesConfig): FeedSource[] {
  return [...config.sources.rss.map(rssSource), ...config.sources.pages.map(pageSource)];
}

export function isSourceId(id: string): id is SourceId {
  return Object.hasOwn(SOURCE_FACTORIES, id);
}

/** Build one source by id (for `ingest`, `parse`, `diff`), whether or not it is enabled. */
export function buildSource(id: string, config: SourcesConfig): Source {
  if (isSourceId(id)) return SOURCE_FACTORIES[id](config.sources);
  const feed = config.sources.rss.find((f) => `rss:${f.name}` === id);
  if (feed) return rssSource(feed);
  const page = config.sources.pages.find((p) => `page:${p.name}` === id);
  if (page) return pageSource(page);
  throw unknownSource(id, config);
}

/** A snapshot source by id, for `parse`, `diff` and `ingest`, which work on whole snapshots. */
export function buildSnapshotSource(id: string, config: SourcesConfig): SnapshotSource {
  const source = buildSource(id, config);
  if (source.kind !== 'snapshot') throw new UsageError(`source "${id}" is a feed, not a list snapshot: it cannot be parsed, diffed or ingested from a file`);
  return source;
}

/** The sources the worker polls: ENABLED_SOURCES (or the file's `sources.enabled`), or the defaults; and every configured feed and page. */
export function enabledSources(config: SourcesConfig): Source[] {
  const configured = new Map(configuredSources(config).map((s) => [s.id, s]));
  return enabledSourceIds(config).map((id) => configured.get(id) ?? buildSource(id, config));
}
