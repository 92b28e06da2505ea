/**
 * Watch rules and the audit log on PostgreSQL (contract: store/types.ts RulesStore): every rule
 * change is audited in the same transaction, as on SQLite.
 */
import type { RulesStore } from '../types.js';
import { parseWatchRuleInput } from '../sqlite/rule-input.js';
import { AuditRow, WATCH_RULE_COLUMNS, WatchRuleRow } from '../sqlite/rows.js';
import { tx, type Pool, type Queryable } from './db.js';

export async function insertAudit(q: Queryable, actor: string, action: string, detail: object, at: string): Promise<void> {
  await q.query('INSERT INTO audit_log (at, actor, action, detail) VALUES ($1, $2, $3, $4::jsonb)', [at, actor, action, JSON.stringify(detail)]);
}

export function createRulesStore(pool: Pool): RulesStore {
  return {
    async addWatchRule(input, actor, at) {
      const valid = parseWatchRuleInput(input);
      return tx(pool, async (client) => {
        const { rows } = await client.query(
          `INSERT INTO watch_rules (channel, term, list, country, created_by, created_at) VALUES ($1, $2, $3, $4, $5, $6)
           RETURNING ${WATCH_RULE_COLUMNS}`,
          [valid.channel, valid.term, valid.list, valid.country, actor, at],
        );
        const rule = WatchRuleRow.parse(rows[0]);
        await insertAudit(client, actor, 'watch.add', rule, at);
        return rule;
      });
    },
    async removeWatchRule(id, actor, at) {
      return tx(pool, async (client) => {
        const { rows } = await client.query(`DELETE FROM watch_rules WHERE id = $1 RETURNING ${WATCH_RULE_COLUMNS}`, [id]);
        if (rows[0] === undefined) return false;
        await insertAudit(client, actor, 'watch.remove', WatchRuleRow.parse(rows[0]), at);
        return true;
      });
    },
    async listWatchRules() {
      const { rows } = await pool.query(`SELECT ${WATCH_RULE_COLUMNS} FROM watch_rules ORDER BY id`);
      return rows.map((row) => WatchRuleRow.parse(row));
    },
    async audit(actor, action, detail, at) {
      await insertAudit(pool, actor, action, detail, at);
    },
    async listAudit(limit) {
      const { rows } = await pool.query('SELECT id, at, actor, action, detail::text AS detail FROM audit_log ORDER BY id DESC LIMIT $1', [limit]);
      return rows.map((row) => AuditRow.parse(row));
    },
  };
}
