/**
 * PostgreSQL for tests: the server named by ENTITYWATCH_TEST_POSTGRES_URL (.ci/run starts a
 * throwaway one with scripts/postgres-for-tests.sh; test/global-postgres.ts starts one locally
 * when the binaries are installed). Each test gets a fresh schema, reached through a URL whose
 * `options` set the search_path, so tests never see each other's rows.
 * Without a server, PostgreSQL tests are skipped with one notice — except with CI=true, where
 * they fail instead.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';

export const POSTGRES_URL = process.env.ENTITYWATCH_TEST_POSTGRES_URL ?? '';

let noticeGiven = false;

/** Whether PostgreSQL tests run here (one notice when not); throws in CI when they cannot. */
export function postgresAvailable(): boolean {
  if (POSTGRES_URL !== '') return true;
  if (process.env.CI === 'true') throw new Error('CI=true but ENTITYWATCH_TEST_POSTGRES_URL is not set: PostgreSQL tests must not be skipped in CI');
  if (!noticeGiven) {
    noticeGiven = true;
    process.stderr.write('PostgreSQL tests skipped: no test server (ENTITYWATCH_TEST_POSTGRES_URL unset)\n');
  }
  return false;
}

/** The URL of `url`'s database with `schema` as search_path. */
export function withSchema(url: string, schema: string): string {
  const u = new URL(url);
  u.searchParams.set('options', `-c search_path=${schema}`);
  return u.toString();
}

/** A new empty schema; returns its URL and a drop function. */
export async function freshSchema(): Promise<{ url: string; schema: string; drop(): Promise<void> }> {
  const schema = `t_${randomBytes(6).toString('hex')}`;
  await adminQuery(`CREATE SCHEMA ${schema}`);
  return { url: withSchema(POSTGRES_URL, schema), schema, drop: async () => void (await adminQuery(`DROP SCHEMA ${schema} CASCADE`)) };
}

/** One statement on the test server, on a short-lived connection. */
export async function adminQuery<R extends pg.QueryResultRow = pg.QueryResultRow>(sql: string, values: unknown[] = [], url = POSTGRES_URL): Promise<R[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<R>(sql, values)).rows;
  } finally {
    await client.end();
  }
}
