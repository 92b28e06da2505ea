/**
 * The match engine's stamp (src/worker/engine-stamp.ts), which the lookup copy is checked against:
 * it follows the files' contents, not their times, so `npm run build` keeps a current copy; and
 * the bundle carries the stamp of the very engine files it was built from (`npm test` builds first).
 */
import { readdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { engineFiles, engineStamp, stampOf } from '../../src/worker/engine-stamp.js';
import { tempDir } from '../store/fixtures.js';

const root = fileURLToPath(new URL('../..', import.meta.url));

describe('engine stamp', () => {
  it('follows the contents of the files, not their times', () => {
    const temp = tempDir();
    try {
      const files = ['a.js', 'b.js'].map((name) => join(temp.dir, name));
      files.forEach((file, i) => writeFileSync(file, `export const x = ${i};`));
      const stamp = stampOf(files);
      files.forEach((file) => utimesSync(file, new Date(2030, 0, 1), new Date(2030, 0, 1)));
      files.forEach((file, i) => writeFileSync(file, `export const x = ${i};`));
      expect(stampOf(files)).toBe(stamp);
      writeFileSync(files[1]!, 'export const x = 2;');
      expect(stampOf(files)).not.toBe(stamp);
    } finally {
      temp.cleanup();
    }
  });

  it('covers every engine module and any-ascii, whose tables change what a name becomes', () => {
    const files = engineFiles(join(root, 'src', 'core', 'match'), createRequire(import.meta.url).resolve('any-ascii'));
    const names = files.map((file) => file.slice(root.length));
    expect(names).toContain('src/core/match/engine.ts');
    expect(names).toContain('src/core/match/persist.ts');
    expect(names).toContain('node_modules/any-ascii/block.js');
    expect(engineStamp()).toBe(stampOf(files));
  });

  it('is compiled into the CLI bundle as the stamp of the engine files in dist', () => {
    const stamp = stampOf(engineFiles(join(root, 'dist', 'src', 'core', 'match'), createRequire(import.meta.url).resolve('any-ascii')));
    const bundle = join(root, 'dist', 'src', 'cli-bundle');
    const carrying = readdirSync(bundle).filter((name) => name.endsWith('.js') && readFileSync(join(bundle, name), 'utf8').includes(`"${stamp}"`));
    expect(carrying).toHaveLength(1);
  });
});
