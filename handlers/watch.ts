/**
 * Admin-only watch rule commands, for the channel they are typed in:
 *
 *   add <keyword> [list:EL] [country:CN]   a rule for this channel (audited by the store)
 *   remove <id>                            a rule of this channel, or a global ("*") one
 *   list                                   the rules that filter this channel
 *
 * A channel with rules gets only the rows they match; a channel without gets everything.
 */
import type { WatchRule } from '../src/core/watch.js';
import { parseWatchRuleInput } from '../store/sqlite/rule-input.js';
import { parseRuleId, parseWatchArgs } from './args.js';
import { actorId, guarded } from './guard.js';
import type { Handler, HandlerContext, Reply } from './types.js';

async function rulesOf(ctx: HandlerContext): Promise<WatchRule[]> {
  const rules = await ctx.store.listWatchRules();
  return rules.filter((rule) => rule.channel === ctx.channelId || rule.channel === '*');
}

async function changed(ctx: HandlerContext, action: 'added' | 'removed', rule: WatchRule): Promise<Reply> {
  await ctx.rulesChanged?.();
  return { kind: 'rules', channelId: ctx.channelId, rules: await rulesOf(ctx), changed: { action, rule } };
}

export const watchAddHandler = {
  id: 'watch.add',
  usage: 'add <keyword> [list:EL] [country:CN]',
  description: 'Send this channel only alerts that match a keyword, list or country',
  adminOnly: true,
  run: guarded(true, async (ctx, args) => {
    // Validated here (same rules and messages as the store) so a bad value writes nothing.
    const input = parseWatchRuleInput({ channel: ctx.channelId, ...parseWatchArgs(args) });
    const rule = await ctx.store.addWatchRule(input, actorId(ctx.actor), ctx.now().toISOString());
    return changed(ctx, 'added', rule);
  }),
} satisfies Handler;

export const watchRemoveHandler = {
  id: 'watch.remove',
  usage: 'remove <id>',
  description: 'Remove a watch rule of this channel',
  adminOnly: true,
  run: guarded(true, async (ctx, args) => {
    const id = parseRuleId(args);
    const rule = (await ctx.store.listWatchRules()).find((r) => r.id === id);
    if (!rule) return { kind: 'error', message: `There is no rule ${id}. \`list\` shows this channel's rules.` };
    if (rule.channel !== ctx.channelId && rule.channel !== '*') {
      return { kind: 'error', message: `Rule ${id} belongs to another channel (${rule.channel}); remove it there.` };
    }
    const removed = await ctx.store.removeWatchRule(id, actorId(ctx.actor), ctx.now().toISOString());
    if (!removed) return { kind: 'error', message: `There is no rule ${id}. \`list\` shows this channel's rules.` };
    return changed(ctx, 'removed', rule);
  }),
} satisfies Handler;

export const watchListHandler = {
  id: 'watch.list',
  usage: 'list',
  description: "List this channel's watch rules",
  adminOnly: true,
  run: guarded(true, async (ctx) => ({ kind: 'rules', channelId: ctx.channelId, rules: await rulesOf(ctx), changed: null })),
} satisfies Handler;
