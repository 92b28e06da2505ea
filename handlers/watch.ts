/**
 * Admin-only watch rule commands, for the channel they are typed in:
 *
 *   add <keyword> [list:EL] [country:CN]   a rule for this channel (audited by the store)
 *   remove <id>                            a rule of this channel, or a global ("*") one
 *   list                                   the rules that filter this channel, each with who
 *                                          added it and when, from the audit log
 *
 * A channel with rules gets only the rows they match; a channel without gets everything.
 */
import { z } from 'zod';
import { LISTS } from '../src/core/lists.js';
import { LIST_CODES } from '../src/core/model.js';
import type { WatchRule } from '../src/core/watch.js';
import { parseWatchRuleInput } from '../store/sqlite/rule-input.js';
import { parseRuleId, parseWatchArgs } from './args.js';
import { actorId, command } from './guard.js';
import type { HandlerContext, Reply, RuleOrigin } from './types.js';

/**
 * Audit rows read to find who added the rules. The store has no query by rule id yet, so the
 * newest rows are scanned; a rule older than that shows "no audit entry found" — said, not guessed.
 */
export const AUDIT_SCAN = 20_000;

async function rulesOf(ctx: HandlerContext): Promise<WatchRule[]> {
  const rules = await ctx.store.listWatchRules();
  return rules.filter((rule) => rule.channel === ctx.channelId || rule.channel === '*');
}

const AddedRule = z.object({ id: z.number().int() }).loose();

/** Who added each rule and when, from the audit log's "watch.add" rows (the detail is the rule). */
export async function originsOf(ctx: HandlerContext, rules: readonly WatchRule[]): Promise<RuleOrigin[]> {
  const wanted = new Set(rules.map((r) => r.id));
  const origins = new Map<number, RuleOrigin>();
  for (const entry of await ctx.store.listAudit(AUDIT_SCAN)) {
    if (entry.action !== 'watch.add') continue;
    const rule = AddedRule.safeParse(entry.detail);
    if (rule.success && wanted.has(rule.data.id)) origins.set(rule.data.id, { ruleId: rule.data.id, actor: entry.actor, at: entry.at });
  }
  return rules.flatMap((r) => origins.get(r.id) ?? []);
}

async function rulesReply(ctx: HandlerContext, changed: Extract<Reply, { kind: 'rules' }>['changed']): Promise<Reply> {
  const rules = await rulesOf(ctx);
  return { kind: 'rules', channelId: ctx.channelId, rules, changed, origins: await originsOf(ctx, rules) };
}

async function changed(ctx: HandlerContext, action: 'added' | 'removed', rule: WatchRule): Promise<Reply> {
  await ctx.rulesChanged?.();
  return rulesReply(ctx, { action, rule });
}

export const watchAddHandler = command({
  id: 'watch.add',
  word: 'add',
  args: [
    // Not required: a rule may name only a list or a country.
    { name: 'keyword', type: 'text', description: 'Word in a name, alias or address', quoted: true, maxLength: 200 },
    { name: 'list', type: 'text', description: 'Only this list', prefixed: { example: 'EL' }, choices: LIST_CODES.map((code) => ({ value: code, label: LISTS[code].shortName })) },
    { name: 'country', type: 'text', description: 'Only this ISO country code, e.g. CN', prefixed: { example: 'CN' }, minLength: 2, maxLength: 2 },
  ],
  description: 'Send this channel only alerts that match a keyword, list or country',
  adminOnly: true,
  run: async (ctx, args) => {
    // Validated here (same rules and messages as the store) so a bad value writes nothing.
    const input = parseWatchRuleInput({ channel: ctx.channelId, ...parseWatchArgs(args) });
    const rule = await ctx.store.addWatchRule(input, actorId(ctx.actor), ctx.now().toISOString());
    return changed(ctx, 'added', rule);
  },
});

export const watchRemoveHandler = command({
  id: 'watch.remove',
  word: 'remove',
  args: [{ name: 'id', type: 'integer', description: 'Rule id (the list subcommand shows them)', required: true, min: 1 }],
  description: 'Remove a watch rule of this channel',
  adminOnly: true,
  run: async (ctx, args) => {
    const id = parseRuleId(args);
    const rule = (await ctx.store.listWatchRules()).find((r) => r.id === id);
    if (!rule) return { kind: 'error', message: `There is no rule ${id}. \`list\` shows this channel's rules.` };
    if (rule.channel !== ctx.channelId && rule.channel !== '*') {
      return { kind: 'error', message: `Rule ${id} belongs to another channel (${rule.channel}); remove it there.` };
    }
    const removed = await ctx.store.removeWatchRule(id, actorId(ctx.actor), ctx.now().toISOString());
    if (!removed) return { kind: 'error', message: `There is no rule ${id}. \`list\` shows this channel's rules.` };
    return changed(ctx, 'removed', rule);
  },
});

export const watchListHandler = command({
  id: 'watch.list',
  word: 'list',
  args: [],
  description: "List this channel's watch rules",
  adminOnly: true,
  run: async (ctx) => rulesReply(ctx, null),
});
