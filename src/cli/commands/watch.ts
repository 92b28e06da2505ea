/**
 * `entitywatch watch add <term> [--list EL] [--country CN] [--channel ID]`,
 * `watch add --list EL` (a rule without a term), `watch remove <id>`, `watch list [--json]`.
 * Rules route designation alerts: a channel with rules gets only matching rows. Every change is
 * written to the audit log as "cli:<os user>". JSON (list): WatchRule[].
 */
import { userInfo } from 'node:os';
import type { Command } from 'commander';
import { CommandFailed, UsageError } from '../../errors.js';
import { writeJson, writeLine, type CliContext } from '../context.js';
import { isListCode } from '../../core/lists.js';

function actor(): string {
  return `cli:${userInfo().username}`;
}

export function registerWatch(program: Command, ctx: CliContext): void {
  const watch = program.command('watch').description('watched keywords: which alerts reach which channel');
  watch
    .command('add [term]')
    .description('add a rule (term in name, alias or address; and/or list code; and/or country)')
    .option('--list <code>', 'list code, e.g. EL, SDN, MEU')
    .option('--country <iso2>', 'ISO-2 country code, e.g. CN')
    .option('--channel <id>', 'channel id the rule filters ("*" = every channel)', '*')
    .option('--json', 'print the rule as JSON')
    .action(async (term: string | undefined, opts: { list?: string; country?: string; channel: string; json?: boolean }) => {
      const list = opts.list?.toUpperCase();
      if (list && !isListCode(list)) throw new UsageError(`unknown list code "${opts.list}"`);
      const rule = await (await ctx.app()).store.addWatchRule(
        { channel: opts.channel, term: term ?? null, list: list && isListCode(list) ? list : null, country: opts.country?.toUpperCase() ?? null },
        actor(),
        new Date().toISOString(),
      );
      if (opts.json) writeJson(ctx.io, rule);
      else writeLine(ctx.io, `added rule ${rule.id}`);
    });
  watch
    .command('remove <id>')
    .description('remove a rule by id')
    .action(async (id: string) => {
      const n = Number(id);
      if (!Number.isInteger(n) || n < 1) throw new UsageError('rule id must be a positive whole number');
      const removed = await (await ctx.app()).store.removeWatchRule(n, actor(), new Date().toISOString());
      if (!removed) throw new CommandFailed(`no rule ${n}`);
      writeLine(ctx.io, `removed rule ${n}`);
    });
  watch
    .command('list')
    .description('list rules')
    .option('--json', 'print JSON')
    .action(async (opts: { json?: boolean }) => {
      const rules = await (await ctx.app()).store.listWatchRules();
      if (opts.json) {
        writeJson(ctx.io, rules);
        return;
      }
      if (rules.length === 0) writeLine(ctx.io, 'No rules: every channel receives every alert.');
      for (const r of rules) {
        const what = [r.term && `"${r.term}"`, r.list && `list ${r.list}`, r.country && `country ${r.country}`].filter(Boolean).join(', ');
        writeLine(ctx.io, `${String(r.id).padStart(4)}  ${r.channel.padEnd(20)} ${what}  (by ${r.createdBy}, ${r.createdAt})`);
      }
    });
}
