/**
 * PostgreSQL for `npm run bench`: the server named by BENCH_POSTGRES_URL, or a throwaway one
 * started with scripts/postgres-for-tests.sh (durable settings: fsync on, as in production),
 * or none (the bench says so and runs SQLite only). Each scenario gets a fresh schema.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import pg from 'pg';

export interface BenchPostgres {
  /** A URL whose search_path is a new, empty schema. */
  freshUrl(): Promise<string>;
  stop(): void;
}

export async function benchPostgres(repoRoot: string): Promise<BenchPostgres | { unavailable: string }> {
  let url = process.env.BENCH_POSTGRES_URL ?? '';
  let stop = () => undefined as void;
  if (url === '') {
    const script = resolve(repoRoot, 'scripts', 'postgres-for-tests.sh');
    const dir = mkdtempSync(join(tmpdir(), 'entitywatch-bench-pg-'));
    try {
      url = execFileSync(script, ['start', dir], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], env: { ...process.env, PG_DURABLE: '1' } }).trim();
    } catch {
      execFileSync(script, ['stop', dir], { stdio: 'ignore' });
      return { unavailable: 'no BENCH_POSTGRES_URL and no local PostgreSQL could be started' };
    }
    stop = () => void execFileSync(script, ['stop', dir], { stdio: 'ignore' });
  }
  let n = 0;
  return {
    async freshUrl() {
      const schema = `bench_${process.pid}_${++n}`;
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE; CREATE SCHEMA ${schema}`);
      await client.end();
      const u = new URL(url);
      u.searchParams.set('options', `-c search_path=${schema}`);
      return u.toString();
    },
    stop,
  };
}
