/**
 * What is known of each built-in source without loading it: its title and kind, as plain data,
 * and which source ids the config names. `entitywatch status` reads this instead of building
 * every source (which loads every parser: most of status's time before). The registry
 * (registry.ts) builds the sources; its factories must cover exactly these ids (a type check),
 * and each source takes its title and kind from here.
 */
import { UsageError } from '../errors.js';
import type { SourceOptions } from './options.js';

export const SOURCE_CATALOG = {
  csl: { title: 'Consolidated Screening List (trade.gov)', kind: 'snapshot' },
  'ofac-sdn': { title: 'OFAC Specially Designated Nationals (SDN) List', kind: 'snapshot' },
  'ofac-consolidated': { title: 'OFAC Consolidated (non-SDN) Sanctions Lists', kind: 'snapshot' },
  'ecfr-entity-list': { title: 'Entity List (eCFR, 15 CFR 744 Supp. 4)', kind: 'snapshot' },
  'federal-register': { title: 'Federal Register', kind: 'feed' },
  '1260h': { title: 'DoD 1260H Chinese Military Companies List', kind: 'snapshot' },
  uflpa: { title: 'DHS UFLPA Entity List', kind: 'snapshot' },
  'fcc-covered-list': { title: 'FCC Covered List', kind: 'snapshot' },
} as const satisfies Record<string, { title: string; kind: 'snapshot' | 'feed' }>;

export type SourceId = keyof typeof SOURCE_CATALOG;

/** What of the config these functions read (`status` passes no more: cli/settings.ts). */
export interface SourceIdSettings {
  sources: Pick<SourceOptions, 'enabled' | 'rss' | 'pages'>;
}

/** Sources polled when ENABLED_SOURCES is not set. */
export const DEFAULT_SOURCES: readonly SourceId[] = ['csl'];

/** Ids of the configured feeds and pages, without building them. */
export function configuredSourceIds(config: SourceIdSettings): string[] {
  return [...config.sources.rss.map((feed) => `rss:${feed.name}`), ...config.sources.pages.map((page) => `page:${page.name}`)];
}

/** The UsageError for an id that is neither built in nor configured. */
export function unknownSource(id: string, config: SourceIdSettings): UsageError {
  const known = [...Object.keys(SOURCE_CATALOG), ...configuredSourceIds(config)];
  return new UsageError(`unknown source "${id}" (known: ${known.join(', ')})`);
}

/** Ids of the sources the worker polls (registry.ts's enabledSources, without building them); an unknown id throws unknownSource. */
export function enabledSourceIds(config: SourceIdSettings): string[] {
  const ids = config.sources.enabled.length > 0 ? config.sources.enabled : DEFAULT_SOURCES;
  const configured = configuredSourceIds(config);
  const listed = ids.filter((id) => !configured.includes(id));
  const unknown = listed.find((id) => !Object.hasOwn(SOURCE_CATALOG, id));
  if (unknown !== undefined) throw unknownSource(unknown, config);
  return [...listed, ...configured];
}

/** Title and kind of a built-in or configured source, or null for an id the config does not know. */
export function sourceInfo(id: string, config: SourceIdSettings): { title: string; kind: 'snapshot' | 'feed' } | null {
  if (Object.hasOwn(SOURCE_CATALOG, id)) return SOURCE_CATALOG[id as SourceId];
  const feed = [...config.sources.rss.map((f) => [`rss:${f.name}`, f.title]), ...config.sources.pages.map((p) => [`page:${p.name}`, p.title])].find(([known]) => known === id);
  return feed ? { title: feed[1]!, kind: 'feed' } : null;
}
