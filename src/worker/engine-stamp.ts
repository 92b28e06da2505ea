/**
 * The identity of the match engine's code, for the lookup copy (src/worker/lookup-copy.ts): a copy is
 * read only by the engine code that wrote it. It is a hash of the contents of the engine's
 * modules (src/core/match) and of any-ascii's, the one package the engine uses — contents, not
 * times: `npm run build` rewrites every file, and a rebuild that changes no engine code keeps
 * the copy.
 *
 *   engineStamp()   // "5f0c…" (32 hex digits)
 *
 * The CLI bundle (scripts/bundle-cli.mjs) computes the stamp when it bundles those very files
 * and compiles it in as __ENGINE_STAMP__, so a lookup reads no file for it; unbundled (tests,
 * dist/src/cli) it is computed from the files on first use.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Defined by the bundle (esbuild `define`); not defined unbundled. */
declare const __ENGINE_STAMP__: string | undefined;

/** The engine's module files (.js or .ts) and any-ascii's, by path: what the stamp covers. */
export function engineFiles(engineDir: string, anyAsciiEntry: string): string[] {
  const modules = (dir: string) =>
    readdirSync(dir)
      .filter((name) => /\.[jt]s$/.test(name) && !name.endsWith('.d.ts'))
      .sort()
      .map((name) => join(dir, name));
  return [...modules(engineDir), ...modules(dirname(anyAsciiEntry))];
}

/** A hash of the files' names and contents, in the order given. */
export function stampOf(files: readonly string[]): string {
  const hash = createHash('sha256');
  for (const file of files) {
    const bytes = readFileSync(file);
    hash.update(`${basename(file)}\u0000${bytes.length}\u0000`).update(bytes);
  }
  return hash.digest('hex').slice(0, 32);
}

let computed: string | undefined;

/** The stamp of the engine this module runs with. */
export function engineStamp(): string {
  if (typeof __ENGINE_STAMP__ === 'string') return __ENGINE_STAMP__;
  computed ??= stampOf(
    engineFiles(dirname(fileURLToPath(new URL('../core/match/engine.js', import.meta.url))), createRequire(import.meta.url).resolve('any-ascii')),
  );
  return computed;
}
