/**
 * The config file: `entitywatch.config.yaml` (or `.yml`, `.json`), for what does not fit in an
 * environment variable — RSS feeds with keyword filters, watched pages — and for source settings
 * kept in one place. Validated with zod; a bad file stops the process with a ConfigError naming
 * the file and the path of the bad field (`sources.rss[0].regex: …`).
 *
 * Where: `ENTITYWATCH_CONFIG` (must exist when set), else `./entitywatch.config.yaml`, `.yml`,
 * `.json` in the working directory, first found; no file is fine. Precedence, per setting: the
 * file's value when it gives one, else the environment's, else the default (see config.ts).
 * Read only by `loadConfig`. Example: entitywatch.config.example.yaml.
 */
import { existsSync, readFileSync } from 'node:fs';
import { extname, resolve } from 'node:path';
import { createRequire } from 'node:module';
import { z } from 'zod';
import { ConfigError } from './errors.js';
import { SOURCE_FILE_SECTIONS, SOURCE_KIND_SECTIONS } from './sources/options.js';

// yaml is loaded only when a YAML config file exists.
const requireLazily = createRequire(import.meta.url);
function parseYaml(text: string): unknown {
  return (requireLazily('yaml') as typeof import('yaml')).parse(text);
}

/**
 * The file's shape, composed of the sources' own sections (src/sources/options.ts): each source
 * declares its section, defaults and refinements (a regex that compiles, a selector cheerio reads)
 * in its folder's options.ts.
 */
export const ConfigFile = z.strictObject({
  sources: z
    .strictObject({
      /** Replaces ENABLED_SOURCES when given. Configured feeds and pages are always polled. */
      enabled: z.array(z.string().trim().min(1)).optional(),
      ...SOURCE_FILE_SECTIONS,
      ...SOURCE_KIND_SECTIONS,
    })
    .default({ rss: [], pages: [] }),
});

export type ConfigFile = z.infer<typeof ConfigFile>;

/** Default file names, tried in order in the working directory. */
export const CONFIG_FILE_NAMES = ['entitywatch.config.yaml', 'entitywatch.config.yml', 'entitywatch.config.json'] as const;

/** "sources.rss[0].regex" */
function issuePath(path: ReadonlyArray<PropertyKey>): string {
  return path.reduce<string>((out, key) => (typeof key === 'number' ? `${out}[${key}]` : out ? `${out}.${String(key)}` : String(key)), '') || '(file)';
}

/** Parse and validate a config file's text. Pure. Throws ConfigError naming the file and field. */
export function parseConfigFile(text: string, file: string): ConfigFile {
  let data: unknown;
  try {
    data = extname(file).toLowerCase() === '.json' ? JSON.parse(text) : parseYaml(text);
  } catch (err) {
    throw new ConfigError(`${file}: not valid ${extname(file).toLowerCase() === '.json' ? 'JSON' : 'YAML'}: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
  }
  const parsed = ConfigFile.safeParse(data ?? {});
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issuePath(issue.path)}: ${issue.message}`);
    throw new ConfigError(`${file}: invalid configuration — ${problems.join('; ')}`);
  }
  return parsed.data;
}

/** Which file to read: ENTITYWATCH_CONFIG, else the first default name present in `cwd`, else null. */
export function findConfigFile(configured: string | undefined, cwd: string): string | null {
  if (configured) {
    const path = resolve(cwd, configured);
    if (!existsSync(path)) throw new ConfigError(`ENTITYWATCH_CONFIG: no such file: ${path}`);
    return path;
  }
  for (const name of CONFIG_FILE_NAMES) {
    const path = resolve(cwd, name);
    if (existsSync(path)) return path;
  }
  return null;
}

/** Read and validate the config file, if there is one. */
export function readConfigFile(configured: string | undefined, cwd: string): { path: string; file: ConfigFile } | null {
  const path = findConfigFile(configured, cwd);
  if (!path) return null;
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new ConfigError(`${path}: cannot read the config file`, { cause: err });
  }
  return { path, file: parseConfigFile(text, path) };
}
