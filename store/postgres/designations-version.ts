/** The current designations' version on PostgreSQL (store/designations-version.ts): one statement, so one consistent read. */
import type { DesignationsVersionStore } from '../designations-version.js';
import type { Pool } from './db.js';

export function createDesignationsVersionStore(pool: Pool): DesignationsVersionStore {
  return {
    async designationsVersion() {
      const { rows } = await pool.query<{ version: string }>(
        `SELECT coalesce((SELECT string_agg(s.source || '@' || s.id || ':' || s.content_hash, '|' ORDER BY s.source)
                            FROM snapshots s
                            JOIN (SELECT source, max(id) AS id FROM snapshots GROUP BY source) m ON m.id = s.id), '')
                || '#' || (SELECT count(*) FROM designations) AS version`,
      );
      return rows[0]!.version;
    },
  };
}
