/**
 * vitest global setup: when no test server is named (ENTITYWATCH_TEST_POSTGRES_URL) and the
 * PostgreSQL binaries are installed, start a throwaway cluster for this run with the same
 * script CI uses (2–3 s), and stop it afterwards. ENTITYWATCH_TEST_POSTGRES=off skips that
 * (quick runs of unrelated tests). Otherwise PostgreSQL tests skip with one notice
 * (test/helpers/postgres.ts), or fail under CI=true.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const SCRIPT = join(import.meta.dirname, '..', 'scripts', 'postgres-for-tests.sh');

function serverInstalled(): boolean {
  const root = '/usr/lib/postgresql';
  return existsSync(root) && readdirSync(root).some((v) => existsSync(join(root, v, 'bin', 'initdb')));
}

export default function setup(): (() => void) | undefined {
  if (process.env.ENTITYWATCH_TEST_POSTGRES_URL || process.env.CI === 'true' || process.env.ENTITYWATCH_TEST_POSTGRES === 'off') return undefined;
  if (!serverInstalled()) {
    process.stderr.write('PostgreSQL tests skipped: no server installed (set ENTITYWATCH_TEST_POSTGRES_URL or install postgresql)\n');
    return undefined;
  }
  const dir = mkdtempSync(join(tmpdir(), 'entitywatch-pg-'));
  try {
    const url = execFileSync(SCRIPT, ['start', dir], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    process.env.ENTITYWATCH_TEST_POSTGRES_URL = url;
  } catch {
    process.stderr.write('PostgreSQL tests skipped: a throwaway server could not be started\n');
    execFileSync(SCRIPT, ['stop', dir], { stdio: 'ignore' });
    return undefined;
  }
  return () => {
    execFileSync(SCRIPT, ['stop', dir], { stdio: 'ignore' });
  };
}
