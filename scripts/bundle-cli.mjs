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
 * from its own module URL resolve to the same tsc output as they do unbundled.
 *
 * The match engine's stamp (worker/engine-stamp.ts: a hash of the engine files' contents, which
 * tells the lookup copy which engine wrote it) is computed here, over the files bundled, and
 * compiled in: a lookup reads no engine file to know it.
 */
import { rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { engineFiles, stampOf } from '../dist/src/worker/engine-stamp.js';

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

/**
 * any-ascii's tables (block.js, 550 kB of source) are needed only for a name with a character
 * outside ASCII (core/match/normalise.ts calls any-ascii for those alone), yet every lookup
 * parsed them. They go to a CommonJS file of their own, required on the first such name.
 */
const ASCII_TABLES = 'any-ascii-block.cjs';
/** @type {import('esbuild').Plugin} */
const lazyAsciiTables = {
  name: 'lazy-ascii-tables',
  setup(b) {
    b.onResolve({ filter: /^\.\/block\.js$/ }, (args) =>
      /[\\/]node_modules[\\/]any-ascii[\\/]/.test(args.importer) ? { path: 'any-ascii-block', namespace: 'lazy-ascii' } : undefined,
    );
    b.onResolve({ filter: new RegExp(`^\\./${ASCII_TABLES.replace('.', '\\.')}$`) }, (args) => ({ path: args.path, external: true }));
    b.onLoad({ filter: /.*/, namespace: 'lazy-ascii' }, () => ({
      contents: `let tables; export default function block(n) { tables ??= require('./${ASCII_TABLES}').default; return tables(n); }`,
      loader: 'js',
    }));
  },
};

const anyAsciiEntry = createRequire(import.meta.url).resolve('any-ascii');
const engineStamp = stampOf(engineFiles(join(root, 'dist', 'src', 'core', 'match'), anyAsciiEntry));

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
  define: { __ENGINE_STAMP__: JSON.stringify(engineStamp) },
  plugins: [lazyChildProcess, lazyAsciiTables, externalPackages],
  logLevel: 'warning',
});
await build({
  entryPoints: [join(dirname(anyAsciiEntry), 'block.js')],
  outfile: join(OUT_DIR, ASCII_TABLES),
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  minify: true,
  logLevel: 'warning',
});
