/**
 * Every command handler, in an explicit list (a test checks ids are unique and that every
 * handler file is registered), and the routing both chat platforms share:
 *
 *   /entity <name>                         → entity
 *   /entitywatch add|remove|list|status|test …  → watch.add, watch.remove, watch.list, status, test
 *   /entitywatch watchlist list|screen|remove …  → watchlist
 *
 *   const { handler, args } = resolveAdminCommand('add huawei list:EL');  // watch.add, 'huawei list:EL'
 *   const reply = await handler.run(ctx, args);
 */
import { entityHandler } from './entity.js';
import { statusHandler } from './status.js';
import { testAlertHandler } from './test-alert.js';
import type { Handler, Reply } from './types.js';
import { watchAddHandler, watchListHandler, watchRemoveHandler } from './watch.js';
import { watchlistHandler } from './watchlist.js';

export const HANDLERS: readonly Handler[] = [
  entityHandler,
  watchAddHandler,
  watchRemoveHandler,
  watchListHandler,
  statusHandler,
  testAlertHandler,
  watchlistHandler,
];

export function handlerById(id: string): Handler | undefined {
  return HANDLERS.find((handler) => handler.id === id);
}

/** The admin command's subcommands: the first word of `/entitywatch …`. */
export const ADMIN_SUBCOMMANDS: Readonly<Record<string, Handler>> = {
  add: watchAddHandler,
  remove: watchRemoveHandler,
  list: watchListHandler,
  status: statusHandler,
  test: testAlertHandler,
  watchlist: watchlistHandler,
};

export type Resolved = { handler: Handler; args: string } | { reply: Reply };

/** Help for the admin command, listing every subcommand's usage. */
export function adminHelp(command = '/entitywatch'): string {
  const lines = Object.values(ADMIN_SUBCOMMANDS).map((h) => `\`${command} ${h.usage}\` — ${h.description}`);
  return ['Usage (admins only):', ...lines].join('\n');
}

/** Route the text after the admin command to its handler; unknown or empty → a help reply. */
export function resolveAdminCommand(text: string, command = '/entitywatch'): Resolved {
  const trimmed = text.trim();
  const [first = '', ...rest] = trimmed.split(/\s+/);
  const handler = Object.hasOwn(ADMIN_SUBCOMMANDS, first.toLowerCase()) ? ADMIN_SUBCOMMANDS[first.toLowerCase()] : undefined;
  if (!handler) {
    const intro = first === '' || first.toLowerCase() === 'help' ? '' : `Unknown subcommand "${first.slice(0, 40)}".\n`;
    return { reply: { kind: 'text', text: `${intro}${adminHelp(command)}` } };
  }
  return { handler, args: rest.join(' ') };
}

