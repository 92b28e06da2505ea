/**
 * Every command, in an explicit list (a test checks ids and words are unique and that every
 * handler file is registered). Each is declared once in its handler file — word, arguments,
 * admin flag, handler — and everything the platforms show or route is derived from that:
 *
 *   /entity <name>                                     open: its own command on Slack and Discord
 *   /entitywatch add|remove|list|status|test|watchlist …   admin: subcommands (Slack /entitywatch,
 *                                                      Discord /watch with one option per argument)
 *
 *   const { handler, args } = resolveAdminCommand('add huawei list:EL');  // watch.add, 'huawei list:EL'
 *   const reply = await handler.run(ctx, args);
 *   usageOf(watchAddHandler);                                   // 'add <keyword> [list:EL] [country:CN]'
 *   argumentText(watchAddHandler, { keyword: 'huawei', list: 'EL' });   // '"huawei" list:EL'
 */
import { entityHandler } from './entity.js';
import { statusHandler } from './status.js';
import { testAlertHandler } from './test-alert.js';
import type { CommandArg, Handler, Reply } from './types.js';
import { watchAddHandler, watchListHandler, watchRemoveHandler } from './watch.js';
import { watchlistHandler } from './watchlist.js';

/** In the order help texts and Discord's subcommand list show them. */
export const HANDLERS: readonly Handler[] = [
  entityHandler,
  watchAddHandler,
  watchRemoveHandler,
  watchListHandler,
  statusHandler,
  testAlertHandler,
  watchlistHandler,
];

/** Commands anyone may use, each a chat command of its own named by its word (`/entity`). */
export const OPEN_COMMANDS: readonly Handler[] = HANDLERS.filter((handler) => !handler.adminOnly);

/** The admin command's subcommands, by word: `/entitywatch <word> …` on Slack, `/watch <word>` on Discord. */
export const ADMIN_COMMANDS: readonly Handler[] = HANDLERS.filter((handler) => handler.adminOnly);

export function handlerById(id: string): Handler | undefined {
  return HANDLERS.find((handler) => handler.id === id);
}

export type Resolved = { handler: Handler; args: string } | { reply: Reply };

/** Named argument values, as a Discord invocation carries them (subcommand options flattened). */
export type ArgValues = Readonly<Record<string, string | number | boolean>>;

function argUsage(arg: CommandArg): string {
  if (arg.prefixed) return `[${arg.name}:${arg.prefixed.example}]`;
  if (arg.type === 'switch') return `[--${arg.name}]`;
  if (arg.type === 'file') return `[${arg.name}]`;
  if (arg.choices) return arg.choices.map((choice) => choice.value).join('|');
  return `<${arg.name}>`;
}

/**
 * How a command is typed after the platform's command name: "add <keyword> [list:EL] [country:CN]"
 * for an admin subcommand; an open command's arguments only ("<name>"), its word being the command.
 */
export function usageOf(handler: Handler): string {
  return [...(handler.adminOnly ? [handler.word] : []), ...handler.args.map(argUsage)].join(' ');
}

/** A handler's argument text takes quotes as grouping, so a value's own quotes are dropped. */
function quoted(text: string): string {
  return `"${text.replace(/["“”]/g, '').trim()}"`;
}

function argText(arg: CommandArg, value: string | number | boolean | undefined): string {
  // A file is not text: it reaches the handler as ctx.attachment.
  if (value === undefined || value === '' || arg.type === 'file') return '';
  if (arg.type === 'switch') return value === true ? `--${arg.name}` : '';
  const text = arg.quoted ? quoted(String(value)) : String(value);
  return arg.prefixed ? `${arg.name}:${text}` : text;
}

/**
 * Named values (a Discord invocation's options) as the argument text the handler reads, as if
 * typed after the word: declared order, `name:value` for prefixed ones, `--name` for a switch set.
 */
export function argumentText(handler: Handler, values: ArgValues): string {
  return handler.args
    .map((arg) => argText(arg, values[arg.name]))
    .filter(Boolean)
    .join(' ');
}

/** Help for the admin command, listing every subcommand's usage. */
export function adminHelp(command = '/entitywatch'): string {
  const lines = ADMIN_COMMANDS.map((h) => `\`${command} ${usageOf(h)}\` — ${h.description}`);
  return ['Usage (admins only):', ...lines].join('\n');
}

/** Route the text after the admin command to its handler; unknown or empty → a help reply. */
export function resolveAdminCommand(text: string, command = '/entitywatch'): Resolved {
  const trimmed = text.trim();
  const [first = '', ...rest] = trimmed.split(/\s+/);
  const handler = ADMIN_COMMANDS.find((h) => h.word === first.toLowerCase());
  if (!handler) {
    const intro = first === '' || first.toLowerCase() === 'help' ? '' : `Unknown subcommand "${first.slice(0, 40)}".\n`;
    return { reply: { kind: 'text', text: `${intro}${adminHelp(command)}` } };
  }
  return { handler, args: rest.join(' ') };
}
