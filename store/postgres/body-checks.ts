/** The quick same-body check on PostgreSQL (store/body-checks.ts): one row per source. */
import type { BodyCheck, BodyCheckStore } from '../body-checks.js';
import type { Pool } from './db.js';

export function createBodyCheckStore(pool: Pool): BodyCheckStore {
  return {
    async bodyCheck(source): Promise<BodyCheck | null> {
      const { rows } = await pool.query<{ content_hash: string; length: number; fast_hash: string }>(
        'SELECT content_hash, length, fast_hash FROM body_checks WHERE source = $1',
        [source],
      );
      const row = rows[0];
      return row ? { contentHash: row.content_hash, length: row.length, fastHash: row.fast_hash } : null;
    },
    async recordBodyCheck(source, check) {
      await pool.query(
        `INSERT INTO body_checks (source, content_hash, length, fast_hash) VALUES ($1, $2, $3, $4)
         ON CONFLICT (source) DO UPDATE SET content_hash = excluded.content_hash, length = excluded.length, fast_hash = excluded.fast_hash`,
        [source, check.contentHash, check.length, check.fastHash],
      );
    },
  };
}
