/**
 * The sources the configuration enables, with a one-line ConfigError (exit 2) naming where an
 * unknown id was set (ENABLED_SOURCES, or sources.enabled in the config file) and the fix.
 *
 *   enabledSourcesOf(config)   // Source[]; ENABLED_SOURCES=csl,ofac → ConfigError: ENABLED_SOURCES: unknown source "ofac" (known: …); fix the id or remove it
 */
import type { Config } from './config.js';
import { configErrorFor } from './enabled-source-ids.js';
import { enabledSources } from './sources/registry.js';
import type { Source } from './sources/types.js';

/** The enabled sources; an unknown id is a ConfigError naming where it was set. */
export function enabledSourcesOf(config: Config): Source[] {
  return configErrorFor(config, () => enabledSources(config));
}
