/** The current designations' version in SQLite (store/designations-version.ts): one indexed read per source. */
import type Database from 'better-sqlite3';
import type { DesignationsVersionStore } from '../designations-version.js';

export function createDesignationsVersionStore(db: Database.Database): DesignationsVersionStore {
  const latest = db
    .prepare(
      `SELECT s.source, s.id, s.content_hash FROM snapshots s
       JOIN (SELECT source, max(id) AS id FROM snapshots GROUP BY source) m ON m.id = s.id
       ORDER BY s.source`,
    )
    .raw();
  const count = db.prepare('SELECT count(*) FROM designations').pluck();
  const read = db.transaction(() => {
    const parts = (latest.all() as Array<[string, number, string]>).map(([source, id, hash]) => `${source}@${id}:${hash}`);
    return `${parts.join('|')}#${count.get() as number}`;
  });
  return {
    async designationsVersion() {
      return read();
    },
  };
}
