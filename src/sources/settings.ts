/**
 * The contract of a source's settings, declared beside the source in its folder's `options.ts`
 * (as Renovate's datasources declare their defaults beside the datasource): the environment
 * variables it reads, its section of the config file, and how the two resolve into the typed
 * options its factory takes. config.ts and config-file.ts only compose these, through the list in
 * options.ts; neither knows a source's fields.
 *
 *   // a source with one location setting (csl/options.ts):
 *   export const cslSettings = locationSettings({ sources: ['csl'], option: 'url', env: 'CSL_URL', options: CslOptions, checked: true });
 *   // the general form (ofac-common/options.ts):
 *   export const ofacSettings = sourceSettings({
 *     sources: ['ofac-sdn', 'ofac-consolidated'],
 *     env: { OFAC_API_URL: EnvLocation, OFAC_SLS_URL: EnvLocation },
 *     file: z.strictObject({ baseUrl: Location.optional(), slsUrl: Location.optional() }),
 *     resolve: (env, file) => OfacOptions.parse({ baseUrl: file?.baseUrl ?? env.OFAC_API_URL, slsUrl: file?.slsUrl ?? env.OFAC_SLS_URL }),
 *     locations: { baseUrl: 'OFAC_API_URL' },
 *   });
 *
 * Light on purpose: every command loads the config, so this file and each `options.ts` import
 * zod and constants only, never a parser or fetcher (test/sources/options.test.ts checks).
 */
import { z } from 'zod';

/** The environment as config.ts reads it: blank values removed. */
export type Environment = Readonly<Record<string, string | undefined>>;

/** A source's settings as declared in its `options.ts`: see the module comment. */
export interface SourceSettingsSpec<Env extends z.ZodRawShape, File extends z.ZodType, Options> {
  /** The source ids (SOURCE_CATALOG) these settings configure: OFAC's two sources share one section. */
  sources: readonly string[];
  /** Environment variables by name, each optional (blank counts as unset); validated with the rest of the environment. */
  env: Env;
  /** The section `sources.<key>` of the config file: strict, without defaults (an absent setting stays absent, so the environment can fill it). */
  file: File;
  /**
   * The options, setting by setting: the file's value where it gives one, else the environment's,
   * else the default (the source's options schema). Both inputs are already validated.
   */
  resolve(env: z.output<z.ZodObject<Env>>, file: z.output<File> | undefined): Options;
  /** Options that name a location (URL, `file://` URL or path), checked at start, each with its variable. */
  locations?: Partial<Record<keyof Options & string, keyof Env & string>>;
}

/** A source's settings as config.ts composes them: `resolve` reads its own variables from the whole environment. */
export interface SourceSettings<Env extends z.ZodRawShape, File extends z.ZodType, Options> extends Pick<SourceSettingsSpec<Env, File, Options>, 'sources' | 'env' | 'file'> {
  /** The options from the environment (validated, blank values removed) and the file's section. */
  resolve(env: Environment, file: z.output<File> | undefined): Options;
  /** The location options, each with its variable (see SourceSettingsSpec). */
  locations: ReadonlyArray<{ option: string; variable: string }>;
}

/** Declares a source's settings, with their types inferred from the schemas. */
export function sourceSettings<Env extends z.ZodRawShape, File extends z.ZodType, Options>(
  spec: SourceSettingsSpec<Env, File, Options>,
): SourceSettings<Env, File, Options> {
  const variables = z.object(spec.env);
  return {
    sources: spec.sources,
    env: spec.env,
    file: spec.file,
    resolve: (env, file) => spec.resolve(variables.parse(env), file),
    locations: Object.entries(spec.locations ?? {}).map(([option, variable]) => ({ option, variable: String(variable) })),
  };
}

/** A URL, `file://` URL or local path in the config file (trimmed), as for CSL_URL. */
export const Location = z.string().trim().min(1);

/** A keyword or phrase in the config file. */
export const Term = z.string().trim().min(1, 'empty keyword');

/** A location in the environment, kept as given: a blank variable counts as unset. */
export const EnvLocation = z.string().min(1).optional();

/** A comma-separated variable as a list: items trimmed, empty ones dropped; unset is []. */
export const EnvList = z
  .string()
  .optional()
  .transform((value) => (value ?? '').split(',').map((item) => item.trim()).filter(Boolean));

/** Names of configured feeds and pages become source ids (`rss:<name>`, `page:<name>`): lower case, digits, dashes. */
export const Name = z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'lower-case letters, digits and dashes, starting with a letter or digit');

/** Refinement of a list of named entries: each name once (it is an id). */
export function uniqueNames(entries: ReadonlyArray<{ name: string }>, ctx: z.RefinementCtx): void {
  const seen = new Set<string>();
  entries.forEach((entry, index) => {
    if (seen.has(entry.name)) ctx.addIssue({ code: 'custom', path: [index, 'name'], message: `duplicate name "${entry.name}"` });
    seen.add(entry.name);
  });
}

/**
 * Settings of a source whose one setting is a location (CSL_URL, ECFR_API_URL, UFLPA_URL …):
 * `option` in the file's section and in the options, `env` in the environment; `checked` locations
 * must be a URL or an existing path at start.
 *
 *   locationSettings({ sources: ['uflpa'], option: 'url', env: 'UFLPA_URL', options: UflpaOptions })
 */
export function locationSettings<Options>(spec: {
  sources: readonly string[];
  option: string;
  env: string;
  /** The options schema, with the default; it reads `{ [option]: value | undefined }`. */
  options: z.ZodType<Options>;
  checked?: boolean;
}): SourceSettings<Record<string, typeof EnvLocation>, z.ZodType<Readonly<Record<string, string>>>, Options> {
  const env = { [spec.env]: EnvLocation };
  const variables = z.object(env);
  return {
    sources: spec.sources,
    env,
    file: z.strictObject({ [spec.option]: Location }),
    resolve: (environment, section) => spec.options.parse({ [spec.option]: section?.[spec.option] ?? variables.parse(environment)[spec.env] }),
    locations: spec.checked ? [{ option: spec.option, variable: spec.env }] : [],
  };
}
