/**
 * The import boundaries the architecture relies on (STYLE.md): `core/` is pure, only
 * `platforms/` and `notifiers/` touch the chat SDKs, `handlers/` never sees a platform type,
 * and data flows one way (core never imports the worker, store, notifiers or platforms; only the
 * CLI, at the top, imports the composition root src/index.ts).
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

/** Every file that imports `target` (a path from the root, as built: "src/index.js"), resolving relative imports. */
function importersOf(dirs: readonly string[], target: string): string[] {
  const wanted = join(root, target);
  return dirs.flatMap((dir) => files(dir)).filter((file) => imports(file).some((spec) => spec.startsWith('.') && resolve(dirname(join(root, file)), spec) === wanted));
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
});
