/**
 * The CLI as one ES module with lazy chunks (esbuild code splitting), built from tsc's output by
 * `npm run build` and run by bin/entitywatch.js. Why: a short command (`status`, `lookup`) spent
 * a third of its time resolving, reading and compiling some 150 separate modules; one file per
 * command and shared chunk costs a few module loads instead. Each command's module and every
 * `import()` stays its own chunk, so `--help` and `status` still load no poll pipeline, matcher
 * or chat SDK.
 *
 * Bundled: the project's own modules and the pure-JS packages on the short commands' path
 * (BUNDLED). Every other package stays external, loaded from node_modules at run time exactly as
 * before: native code (better-sqlite3), the chat SDKs, the PostgreSQL driver, and the packages the
 * project loads with createRequire on first use (pino, yaml, node-cron, …).
 *
 * The chunks go to dist/src/cli-bundle/, a sibling of dist/src/core/: paths the code resolves
 * from its own module URL (`new URL('../core/match/engine.js', import.meta.url)` in
 * cli/persisted-index.ts) resolve to the same tsc output as they do unbundled.
 */
import { rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
export const OUT_DIR = join(root, 'dist', 'src', 'cli-bundle');

/** Packages (and package subpaths) compiled into the bundle; any other bare import stays external. */
const BUNDLED = new Set(['zod/mini', 'zod/v4/locales/en.js', 'commander', 'any-ascii']);

function packageOf(specifier) {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

/**
 * Built-in modules, the BUNDLED packages, and JSON data (an external JSON import would lose its
 * `with { type: 'json' }` in esbuild's output for Node 20, which Node then refuses).
 */
function bundled(specifier) {
  return specifier.startsWith('node:') || specifier.endsWith('.json') || BUNDLED.has(specifier) || BUNDLED.has(packageOf(specifier));
}

/** @type {import('esbuild').Plugin} */
const externalPackages = {
  name: 'external-packages',
  setup(b) {
    b.onResolve({ filter: /^[^./]/ }, (args) => (bundled(args.path) ? undefined : { path: args.path, external: true }));
  },
};

/**
 * commander loads node:child_process at start-up only to spawn executable subcommands, which this
 * CLI has none of; every command paid ~3 ms for it. Its `childProcess.spawn(…)` calls get the real
 * module on first use instead.
 */
/** @type {import('esbuild').Plugin} */
const lazyChildProcess = {
  name: 'lazy-child-process',
  setup(b) {
    b.onResolve({ filter: /^node:child_process$/ }, (args) =>
      /[\\/]node_modules[\\/]commander[\\/]/.test(args.importer) ? { path: 'lazy-child-process', namespace: 'lazy' } : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: 'lazy' }, () => ({
      contents: "exports.spawn = (...args) => require('node:child_process').spawn(...args);",
      loader: 'js',
    }));
  },
};

rmSync(OUT_DIR, { recursive: true, force: true });
await build({
  entryPoints: [join(root, 'dist', 'src', 'cli', 'main.js')],
  outdir: OUT_DIR,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // Whitespace and syntax minified for less to parse; names kept: error classes' `name` and
  // stack traces read as in the source.
  minify: true,
  keepNames: true,
  sourcemap: 'linked',
  // commander is CommonJS: its `require('node:events')` needs a real require in an ES module.
  banner: { js: "import { createRequire as __bundleRequire } from 'node:module'; const require = __bundleRequire(import.meta.url);" },
  plugins: [lazyChildProcess, externalPackages],
  logLevel: 'warning',
});
