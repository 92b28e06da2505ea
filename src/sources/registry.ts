/**
 * Every source entitywatch knows, by id: an explicit map (a test checks every folder under
 * src/sources/ is registered here). Each entry builds the source from config.
 */
import type { Config } from '../config.js';
import { UsageError } from '../errors.js';
import { createCslSource } from './csl/index.js';
import { createEcfrEntityListSource } from './ecfr-entity-list/index.js';
import { createFederalRegisterSource } from './federal-register/index.js';
import { createOfacConsolidatedSource } from './ofac-consolidated/index.js';
import { createOfacSdnSource } from './ofac-sdn/index.js';
import type { SnapshotSource, Source } from './types.js';

export const SOURCE_FACTORIES = {
  csl: (config: Config) => createCslSource(config.sources.csl.url),
  'ofac-sdn': (config: Config) => createOfacSdnSource(config.sources.ofac.baseUrl),
  'ofac-consolidated': (config: Config) => createOfacConsolidatedSource(config.sources.ofac.baseUrl),
  'ecfr-entity-list': (config: Config) => createEcfrEntityListSource(config.sources.ecfr.baseUrl),
  'federal-register': (config: Config) => createFederalRegisterSource(config.sources.federalRegister),
} as const satisfies Record<string, (config: Config) => Source>;

export type SourceId = keyof typeof SOURCE_FACTORIES;

/** Sources polled when ENABLED_SOURCES is not set. */
export const DEFAULT_SOURCES: readonly SourceId[] = ['csl'];

export function isSourceId(id: string): id is SourceId {
  return Object.hasOwn(SOURCE_FACTORIES, id);
}

/** Build one source by id (for `ingest`, `parse`, `diff`), whether or not it is enabled. */
export function buildSource(id: string, config: Config): Source {
  if (!isSourceId(id)) throw new UsageError(`unknown source "${id}" (known: ${Object.keys(SOURCE_FACTORIES).join(', ')})`);
  return SOURCE_FACTORIES[id](config);
}

/** A snapshot source by id, for `parse`, `diff` and `ingest`, which work on whole snapshots. */
export function buildSnapshotSource(id: string, config: Config): SnapshotSource {
  const source = buildSource(id, config);
  if (source.kind !== 'snapshot') throw new UsageError(`source "${id}" is a feed, not a list snapshot: it cannot be parsed, diffed or ingested from a file`);
  return source;
}

/** The sources the worker polls: ENABLED_SOURCES, or the defaults. */
export function enabledSources(config: Config): Source[] {
  const ids = config.sources.enabled.length > 0 ? config.sources.enabled : DEFAULT_SOURCES;
  return ids.map((id) => buildSource(id, config));
}
