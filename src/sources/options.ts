/**
 * Every source's settings, composed: the explicit list of the `options.ts` files, keyed by their
 * section of the config file (`sources.csl`, `sources.ofac` …), and the feed and page kinds'
 * lists (`sources.rss`, `sources.pages`). config.ts validates the environment with SOURCE_ENV and
 * resolves with `resolveSourceOptions`; config-file.ts builds the file's `sources` from
 * SOURCE_FILE_SECTIONS. A test checks every source id of catalog.ts is configured here and every
 * `options.ts` is listed.
 *
 * Only `options.ts` files are imported here, never a source's index.ts: loading the config must
 * not load a parser (`status` and `lookup` load the config and no source).
 */
import type { z } from 'zod';
import { dod1260hSettings } from './1260h/options.js';
import { cslSettings } from './csl/options.js';
import { ecfrSettings } from './ecfr-entity-list/options.js';
import { fccSettings } from './fcc-covered-list/options.js';
import { federalRegisterSettings } from './federal-register/options.js';
import { ofacSettings } from './ofac-common/options.js';
import { WatchedPages } from './page/options.js';
import { RssFeeds } from './rss/options.js';
import type { Environment, SourceSettings } from './settings.js';
import { uflpaSettings } from './uflpa/options.js';

/** The built-in sources' settings, by config file section, in the order the file's errors are reported. */
export const SOURCE_SETTINGS = {
  csl: cslSettings,
  ofac: ofacSettings,
  ecfr: ecfrSettings,
  federalRegister: federalRegisterSettings,
  dod1260h: dod1260hSettings,
  uflpa: uflpaSettings,
  fcc: fccSettings,
} as const;

type Registry = typeof SOURCE_SETTINGS;
type Section = keyof Registry;
/** Any source's settings, whatever its types: what the composition below reads of each. */
type AnySettings = SourceSettings<z.ZodRawShape, z.ZodType, unknown>;

/** The sections in SOURCE_SETTINGS's order, each with its settings. */
const SECTIONS: ReadonlyArray<readonly [Section, AnySettings]> = (Object.keys(SOURCE_SETTINGS) as Section[]).map((key) => [key, SOURCE_SETTINGS[key]]);

/** The configured feeds and pages (the `rss` and `page` kinds), by config file section. */
export const SOURCE_KIND_SECTIONS = { rss: RssFeeds, pages: WatchedPages } as const;

/** Each section's resolved options. */
type ResolvedSections = { [K in Section]: ReturnType<Registry[K]['resolve']> };

/** The resolved settings of every source: `config.sources`, and what the registry builds sources from. */
export type SourceOptions = ResolvedSections & {
  /** Ids to poll (ENABLED_SOURCES, or the file's `sources.enabled`); empty = the defaults. */
  enabled: string[];
  /** RSS/Atom feeds from the config file, polled as `rss:<name>` whenever configured. */
  rss: z.output<typeof RssFeeds>;
  /** Watched pages from the config file, polled as `page:<name>` whenever configured. */
  pages: z.output<typeof WatchedPages>;
};

/** What the registry and catalog read of a config: its sources' settings (a `Config` is one). */
export interface SourcesConfig {
  sources: SourceOptions;
}

/** Every source's environment variables (name → schema), validated by config.ts with the rest of the environment. */
export const SOURCE_ENV: z.ZodRawShape = Object.assign({}, ...SECTIONS.map(([, settings]) => settings.env));

/** The file's source sections (`sources.csl` …), each optional, for config-file.ts. */
export const SOURCE_FILE_SECTIONS = Object.fromEntries(SECTIONS.map(([key, settings]) => [key, settings.file.optional()])) as {
  [K in Section]: z.ZodOptional<Registry[K]['file']>;
};

/** The file's source sections as parsed. */
export type SourceFileSections = { [K in Section]?: z.output<Registry[K]['file']> };

/**
 * Each source's options: the file's value where it gives one, else the environment's, else the
 * default. `env` is the environment with blank values removed, already validated with SOURCE_ENV.
 */
export function resolveSourceOptions(env: Environment, file: SourceFileSections | undefined): ResolvedSections {
  // Each entry pairs a section with its own settings' result; TypeScript cannot follow that pairing through the loop.
  return Object.fromEntries(SECTIONS.map(([key, settings]) => [key, settings.resolve(env, file?.[key])])) as ResolvedSections;
}

/**
 * The location options of every source, with where each was set: "sources.csl.url in <file>"
 * when the file gives it, else its variable ("CSL_URL"); config.ts checks each at start.
 */
export function sourceLocations(options: ResolvedSections, file: { path: string; sections: SourceFileSections } | null): Array<{ name: string; value: string }> {
  return SECTIONS.flatMap(([key, settings]) => {
    // Options and sections are plain objects of strings; only the declared location options are read.
    const resolved = options[key] as Readonly<Record<string, unknown>>;
    const given = file?.sections[key] as Readonly<Record<string, unknown>> | undefined;
    return settings.locations.map(({ option, variable }) => ({
      name: given?.[option] !== undefined ? `sources.${key}.${option} in ${file!.path}` : variable,
      value: String(resolved[option]),
    }));
  });
}
