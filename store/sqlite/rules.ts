/**
 * Watch rules and the audit log. Every change to the rules is audited in the same transaction,
 * so the log never claims a change that did not happen, nor misses one that did.
 */
import type Database from 'better-sqlite3';
import type { WatchRule } from '../../src/core/watch.js';
import type { RulesStore } from '../types.js';
import { parseWatchRuleInput } from './rule-input.js';
import { AuditRow, WATCH_RULE_COLUMNS, WatchRuleRow } from './rows.js';

export function createRulesStore(db: Database.Database): RulesStore {
  const statements = {
    insertRule: db.prepare(
      `INSERT INTO watch_rules (channel, term, list, country, created_by, created_at)
       VALUES (@channel, @term, @list, @country, @createdBy, @createdAt)
       RETURNING ${WATCH_RULE_COLUMNS}`,
    ),
    deleteRule: db.prepare(`DELETE FROM watch_rules WHERE id = ? RETURNING ${WATCH_RULE_COLUMNS}`),
    listRules: db.prepare(`SELECT ${WATCH_RULE_COLUMNS} FROM watch_rules ORDER BY id`),
    audit: db.prepare('INSERT INTO audit_log (at, actor, action, detail) VALUES (?, ?, ?, ?)'),
    listAudit: db.prepare('SELECT id, at, actor, action, detail FROM audit_log ORDER BY id DESC LIMIT ?'),
  };

  function audit(actor: string, action: string, detail: object, at: string): void {
    statements.audit.run(at, actor, action, JSON.stringify(detail));
  }

  const addRule = db.transaction((input: unknown, actor: string, at: string): WatchRule => {
    const valid = parseWatchRuleInput(input);
    const rule = WatchRuleRow.parse(statements.insertRule.get({ ...valid, createdBy: actor, createdAt: at }));
    audit(actor, 'watch.add', rule, at);
    return rule;
  });

  const removeRule = db.transaction((id: number, actor: string, at: string): boolean => {
    const row = statements.deleteRule.get(id);
    if (row === undefined) return false;
    audit(actor, 'watch.remove', WatchRuleRow.parse(row), at);
    return true;
  });

  return {
    async addWatchRule(input, actor, at) {
      return addRule(input, actor, at);
    },
    async removeWatchRule(id, actor, at) {
      return removeRule(id, actor, at);
    },
    async listWatchRules() {
      return statements.listRules.all().map((row) => WatchRuleRow.parse(row));
    },
    async audit(actor, action, detail, at) {
      audit(actor, action, detail, at);
    },
    async listAudit(limit) {
      return statements.listAudit.all(limit).map((row) => AuditRow.parse(row));
    },
  };
}
