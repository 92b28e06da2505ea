/**
 * Run the real CLI entry (`main`) in-process with captured stdout/stderr and a given env.
 */
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, beforeEach } from 'vitest';
import { main } from '../../src/cli/main.js';
import { tempDir } from './app.js';

/**
 * A fresh temp folder and `ENTITYWATCH_DB` in it for each test of the calling suite:
 *   const t = cliSandbox();  …  await runCli(['lookup', 'x'], t.env);   // t.dir is the folder
 */
export function cliSandbox(): { dir: string; env: Record<string, string> } {
  const t = { dir: '', env: {} as Record<string, string> };
  let cleanup = () => {};
  beforeEach(() => {
    const made = tempDir();
    cleanup = made.cleanup;
    t.dir = made.dir;
    t.env = { ENTITYWATCH_DB: join(made.dir, 'cli.db') };
  });
  afterEach(() => cleanup());
  return t;
}

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

export async function runCli(argv: string[], env: Record<string, string | undefined> = {}): Promise<CliRun> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
  stderr.on('data', (chunk: Buffer) => (err += chunk.toString('utf8')));
  const code = await main(argv, { stdout, stderr, env: { LOG_LEVEL: 'silent', ...env } });
  return { code, stdout: out, stderr: err };
}
