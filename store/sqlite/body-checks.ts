/** The quick same-body check in SQLite (store/body-checks.ts): one row per source. */
import type Database from 'better-sqlite3';
import type { BodyCheck, BodyCheckStore } from '../body-checks.js';

type Row = [contentHash: string, length: number, fastHash: string];

export function createBodyCheckStore(db: Database.Database): BodyCheckStore {
  const get = db.prepare('SELECT content_hash, length, fast_hash FROM body_checks WHERE source = ?').raw();
  const put = db.prepare(
    `INSERT INTO body_checks (source, content_hash, length, fast_hash) VALUES (?, ?, ?, ?)
     ON CONFLICT (source) DO UPDATE SET content_hash = excluded.content_hash, length = excluded.length, fast_hash = excluded.fast_hash`,
  );
  return {
    async bodyCheck(source): Promise<BodyCheck | null> {
      const row = get.get(source) as Row | undefined;
      return row ? { contentHash: row[0], length: row[1], fastHash: row[2] } : null;
    },
    async recordBodyCheck(source, check) {
      put.run(source, check.contentHash, check.length, check.fastHash);
    },
  };
}
