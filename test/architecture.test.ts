/**
 * The import boundaries the architecture relies on (STYLE.md): `core/` is pure, only
 * `platforms/` and `notifiers/` touch the chat SDKs, `handlers/` never sees a platform type,
 * and data flows one way (core never imports the worker, store, notifiers or platforms; only the
 * CLI, at the top, imports the composition root src/index.ts). Each source folder stands alone:
 * what two sources share lives in a `*-common` folder (ofac-common, bis-common, …) or a top-level
 * file of src/sources/, and the watchlist import uses no source.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = new URL('..', import.meta.url).pathname;

function files(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(join(root, dir))) {
    const path = join(root, dir, entry);
    if (statSync(path).isDirectory()) out.push(...files(relative(root, path)));
    else if (path.endsWith('.ts')) out.push(relative(root, path));
  }
  return out;
}

function imports(file: string): string[] {
  const text = readFileSync(join(root, file), 'utf8');
  return [...text.matchAll(/^\s*(?:import|export)[^'"]*?from\s+['"]([^'"]+)['"]/gm), ...text.matchAll(/import\(\s*['"]([^'"]+)['"]\s*\)/g)].map((m) => m[1]!);
}

function violations(dir: string, forbidden: RegExp): string[] {
  return files(dir).flatMap((file) => imports(file).filter((spec) => forbidden.test(spec)).map((spec) => `${file} imports ${spec}`));
}

/** The project-relative paths a file's relative imports point at ("src/sources/csl/map.js"). */
function importedPaths(file: string): string[] {
  return imports(file)
    .filter((spec) => spec.startsWith('.'))
    .map((spec) => relative(root, resolve(dirname(join(root, file)), spec)));
}

/** The source folder a project path lies in ("csl" for src/sources/csl/map.js), or null (outside one, or a top-level file). */
function sourceFolder(path: string): string | null {
  return /^src\/sources\/([^/]+)\//.exec(path)?.[1] ?? null;
}

/** Every file that imports `target` (a path from the root, as built: "src/index.js"), resolving relative imports. */
function importersOf(dirs: readonly string[], target: string): string[] {
  return dirs.flatMap((dir) => files(dir)).filter((file) => importedPaths(file).includes(target));
}

const CHAT_SDKS = /^(@slack\/|discord\.js|@discordjs\/|discord-api-types)/;
const IO = /^(node:(fs|http|https|net|child_process|worker_threads)|fs|http|pino|better-sqlite3|undici|node-cron)/;

describe('architecture boundaries', () => {
  it('core/ is pure: no I/O, no logger, no clock-driven modules', () => {
    expect(violations('src/core', IO)).toEqual([]);
  });

  it('core/ does not reach into the worker, store, sources, notifiers or platforms', () => {
    expect(violations('src/core', /(\/worker\/|\/store\/|\/sources\/|\/notifiers\/|\/platforms\/|\/handlers\/)/)).toEqual([]);
  });

  it('only platforms/ and notifiers/ import the chat SDKs', () => {
    const outside = ['src/core', 'src/worker', 'src/sources', 'src/cli', 'handlers', 'store'].flatMap((dir) => violations(dir, CHAT_SDKS));
    expect(outside).toEqual([]);
  });

  it('handlers/ never see a platform type', () => {
    expect(violations('handlers', /(\/platforms\/|\/notifiers\/(slack|discord)\/)/)).toEqual([]);
  });

  it('nothing below cli/ imports the composition root (src/index.ts): platforms get PlatformDeps, the rest their parts', () => {
    const importers = importersOf(['src', 'handlers', 'store'], 'src/index.js');
    expect(importers.filter((file) => !file.startsWith('src/cli/'))).toEqual([]);
    // The resolver finds relative imports as written (src/index.ts imports src/config.ts).
    expect(importersOf(['src'], 'src/config.js')).toContain('src/index.ts');
  });

  it('the store does not depend on the worker or the platforms', () => {
    expect(violations('store', /(\/worker\/|\/platforms\/|\/notifiers\/|\/cli\/)/)).toEqual([]);
  });

  it('a source folder imports no other source folder, except the shared *-common folders', () => {
    const crossings = files('src/sources').flatMap((file) => {
      const own = sourceFolder(file);
      if (own === null) return [];
      return importedPaths(file)
        .filter((path) => {
          const other = sourceFolder(path);
          return other !== null && other !== own && !other.endsWith('-common');
        })
        .map((path) => `${file} imports ${path}`);
    });
    expect(crossings).toEqual([]);
  });

  it('watchlists/ imports no source', () => {
    const reaches = files('src/watchlists').flatMap((file) =>
      importedPaths(file)
        .filter((path) => path.startsWith('src/sources/'))
        .map((path) => `${file} imports ${path}`),
    );
    expect(reaches).toEqual([]);
  });

  it('sources/ never import the config modules: each declares its settings (options.ts), and config.ts composes them', () => {
    expect(violations('src/sources', /^(\.\.\/)+config(-file)?\.js$/)).toEqual([]);
  });
});
