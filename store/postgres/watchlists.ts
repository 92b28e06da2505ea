/**
 * Counterparty watchlists on PostgreSQL (contract: store/types.ts WatchlistStore; behaviour as
 * store/sqlite/watchlists.ts, whose row schemas and member checks it reuses). Names compare
 * case-insensitively (a unique index on lower(name)), like SQLite's NOCASE.
 */
import { UsageError } from '../../src/errors.js';
import { membersHash } from '../../src/watchlists/members-hash.js';
import { parseWatchlistName } from '../../src/watchlists/schema.js';
import type { WatchlistMember, WatchlistStore } from '../types.js';
import { SummaryRow, validMembers } from '../sqlite/watchlists.js';
import { tx, type Pool, type Queryable } from './db.js';
import { insertAudit } from './rules.js';

const SUMMARY = `SELECT w.name, (SELECT count(*)::int FROM counterparties c WHERE c.watchlist_id = w.id) AS count,
                        w.created_by, w.created_at, w.updated_at, w.members_hash
                 FROM watchlists w`;
const MEMBERS = `SELECT w.name AS watchlist, c.name, c.country, c.reference FROM counterparties c JOIN watchlists w ON w.id = c.watchlist_id`;

async function existing(q: Queryable, name: string): Promise<{ id: number; name: string } | undefined> {
  const { rows } = await q.query<{ id: number; name: string }>('SELECT id, name FROM watchlists WHERE lower(name) = lower($1) FOR UPDATE', [name]);
  return rows[0];
}

export function createWatchlistStore(pool: Pool): WatchlistStore {
  return {
    async importWatchlist(rawName, counterparties, actor, at, options = {}) {
      const name = parseWatchlistName(rawName);
      const members = validMembers(counterparties);
      const hash = membersHash(members);
      return tx(pool, async (client) => {
        const found = await existing(client, name);
        if (found && options.replace !== true) {
          throw new UsageError(`a watchlist named "${found.name}" exists already: import with --replace to swap its counterparties, or choose another name`);
        }
        let id: number;
        let replaced = 0;
        if (found) {
          id = found.id;
          replaced = (await client.query('DELETE FROM counterparties WHERE watchlist_id = $1', [id])).rowCount ?? 0;
          await client.query('UPDATE watchlists SET updated_at = $1, members_hash = $2 WHERE id = $3', [at, hash, id]);
        } else {
          id = (
            await client.query<{ id: number }>('INSERT INTO watchlists (name, created_by, created_at, updated_at, members_hash) VALUES ($1, $2, $3, $3, $4) RETURNING id', [name, actor, at, hash])
          ).rows[0]!.id;
        }
        for (let i = 0; i < members.length; i += 5000) {
          const batch = members.slice(i, i + 5000);
          await client.query(
            `INSERT INTO counterparties (watchlist_id, name, country, reference)
             SELECT $1, name, country, reference FROM unnest($2::text[], $3::text[], $4::text[]) WITH ORDINALITY AS u(name, country, reference, n) ORDER BY n`,
            [id, batch.map((m) => m.name), batch.map((m) => m.country), batch.map((m) => m.reference)],
          );
        }
        const watchlist = SummaryRow.parse((await client.query(`${SUMMARY} WHERE w.id = $1`, [id])).rows[0]);
        await insertAudit(client, actor, 'watchlist.import', { name: watchlist.name, count: members.length, replaced, replace: found !== undefined }, at);
        return { watchlist, replaced };
      });
    },
    async listWatchlists() {
      const { rows } = await pool.query(`${SUMMARY} ORDER BY lower(w.name) COLLATE "C", w.name COLLATE "C"`);
      return rows.map((row) => SummaryRow.parse(row));
    },
    async removeWatchlist(rawName, actor, at) {
      return tx(pool, async (client) => {
        const found = await existing(client, rawName.trim());
        if (!found) return false;
        const count = (await client.query('DELETE FROM counterparties WHERE watchlist_id = $1', [found.id])).rowCount ?? 0;
        await client.query('DELETE FROM watchlists WHERE id = $1', [found.id]);
        await insertAudit(client, actor, 'watchlist.remove', { name: found.name, count }, at);
        return true;
      });
    },
    // Members are read without zod, as on SQLite: validated on import, and the columns' types fixed by the table.
    async watchlistMembers(name) {
      type Row = [watchlist: string, name: string, country: string | null, reference: string | null];
      const { rows } = name === undefined
        ? await pool.query<Row>({ text: `${MEMBERS} ORDER BY lower(w.name) COLLATE "C", w.name COLLATE "C", c.id`, rowMode: 'array' })
        : await pool.query<Row>({ text: `${MEMBERS} WHERE lower(w.name) = lower($1) ORDER BY c.id`, values: [name.trim()], rowMode: 'array' });
      return rows.map(([watchlist, memberName, country, reference]): WatchlistMember => ({ watchlist, name: memberName, country, reference }));
    },
  };
}
