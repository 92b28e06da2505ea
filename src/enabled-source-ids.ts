/**
 * The ids of the sources the configuration enables, without building (or loading) any source —
 * for `status` — with the same one-line ConfigError as enabled-sources.ts for an unknown id.
 */
import type { Config } from './config.js';
import { ConfigError, UsageError } from './errors.js';
import { enabledSourceIds, type SourceIdSettings } from './sources/catalog.js';

/** Their ids, without building (or loading) any source: for `status`. */
export function enabledSourceIdsOf(config: SourceIdSettings & Pick<Config, 'configFile'>): string[] {
  return configErrorFor(config, () => enabledSourceIds(config));
}

/** `read()`, with an unknown-source UsageError turned into a ConfigError naming where the id was set. */
export function configErrorFor<T>(config: Pick<Config, 'configFile'>, read: () => T): T {
  try {
    return read();
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    const where = config.configFile ? `sources.enabled in ${config.configFile} (or ENABLED_SOURCES)` : 'ENABLED_SOURCES';
    throw new ConfigError(`${where}: ${err.message}; fix the id or remove it`, { cause: err });
  }
}
