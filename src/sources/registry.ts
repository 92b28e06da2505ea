/**
 * Every source entitywatch knows, by id: an explicit map (a test checks every folder under
 * src/sources/ is registered here). Each entry builds the source from config.
 *
 * Source kinds (`rss`, `page`) are folders too, but their sources come from the config file,
 * one per configured feed or page, with ids `rss:<name>` and `page:<name>`; they are polled
 * whenever configured.
 */
import type { Config } from '../config.js';
import type { PageConfig, RssFeedConfig } from '../config-file.js';
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
export { DEFAULT_SOURCES, SOURCE_CATALOG, configuredSourceIds, type SourceId } from './catalog.js';
import type { FeedSource, SnapshotSource, Source } from './types.js';

export const SOURCE_FACTORIES = {
  csl: (config: Config) => createCslSource(config.sources.csl.url),
  'ofac-sdn': (config: Config) => createOfacSdnSource(config.sources.ofac.baseUrl, config.sources.ofac.slsUrl),
  'ofac-consolidated': (config: Config) => createOfacConsolidatedSource(config.sources.ofac.baseUrl, config.sources.ofac.slsUrl),
  'ecfr-entity-list': (config: Config) => createEcfrEntityListSource(config.sources.ecfr.baseUrl),
  'federal-register': (config: Config) => createFederalRegisterSource(config.sources.federalRegister),
  '1260h': (config: Config) => create1260hSource({ baseline: config.sources.dod1260h.baseline, frApiUrl: config.sources.federalRegister.apiUrl }),
  uflpa: (config: Config) => createUflpaSource(config.sources.uflpa.url),
  'fcc-covered-list': (config: Config) => createFccCoveredListSource(config.sources.fcc.url),
} as const satisfies Record<SourceId, (config: Config) => Source>;

/** Source folders whose sources are configured in the config file, one per entry: `<kind>:<name>`. */
export const SOURCE_KINDS = ['rss', 'page'] as const;

function rssSource(feed: RssFeedConfig): FeedSource {
  return createRssSource({ id: `rss:${feed.name}`, title: feed.title, url: feed.url, include: feed.include, exclude: feed.exclude, regex: feed.regex });
}

function pageSource(page: PageConfig): FeedSource {
  return createPageSource({ id: `page:${page.name}`, title: page.title, url: page.url, selector: page.selector });
}

/** The feeds and pages of the config file, as sources. */
export function configuredSources(config: Config): FeedSource[] {
  return [...config.sources.rss.map(rssSource), ...config.sources.pages.map(pageSource)];
}

export function isSourceId(id: string): id is SourceId {
  return Object.hasOwn(SOURCE_FACTORIES, id);
}

/** Build one source by id (for `ingest`, `parse`, `diff`), whether or not it is enabled. */
export function buildSource(id: string, config: Config): Source {
  if (isSourceId(id)) return SOURCE_FACTORIES[id](config);
  const feed = config.sources.rss.find((f) => `rss:${f.name}` === id);
  if (feed) return rssSource(feed);
  const page = config.sources.pages.find((p) => `page:${p.name}` === id);
  if (page) return pageSource(page);
  throw unknownSource(id, config);
}

/** A snapshot source by id, for `parse`, `diff` and `ingest`, which work on whole snapshots. */
export function buildSnapshotSource(id: string, config: Config): SnapshotSource {
  const source = buildSource(id, config);
  if (source.kind !== 'snapshot') throw new UsageError(`source "${id}" is a feed, not a list snapshot: it cannot be parsed, diffed or ingested from a file`);
  return source;
}

/** The sources the worker polls: ENABLED_SOURCES (or the file's `sources.enabled`), or the defaults; and every configured feed and page. */
export function enabledSources(config: Config): Source[] {
  const configured = new Map(configuredSources(config).map((s) => [s.id, s]));
  return enabledSourceIds(config).map((id) => configured.get(id) ?? buildSource(id, config));
}
