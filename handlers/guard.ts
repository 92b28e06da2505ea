/**
 * What every handler shares: the audit actor string, the admin gate and the mapping of user
 * errors to replies. A command declared with `command` refuses non-admins before it reads or
 * writes anything, whichever platform calls it.
 *
 *   export const statusHandler = command({ id: 'status', word: 'status', args: [], description: '…', adminOnly: true, run: async (ctx) => … });
 */
import { describeError, UsageError } from '../src/errors.js';
import type { Actor, Handler, HandlerContext, Reply } from './types.js';

/** The audit log's actor: "slack:U0123", "discord:456", "cli:alice". */
export function actorId(actor: Actor): string {
  return `${actor.platform}:${actor.userId}`;
}

export const NOT_ADMIN =
  'Only entitywatch admins can do that. Ask an admin, or a workspace admin or owner, to run it or to add you.';

/** Argument text kept in a refusal's audit row. */
const AUDITED_ARGS = 200;

/**
 * Wrap a handler body: refuse non-admins when `adminOnly`, and turn a UsageError (bad arguments,
 * an invalid rule) into an `error` reply. Other errors propagate: the platform logs them.
 *
 * The admin check is made here, each time the command runs, from what the platform established
 * for this very request (not from how the command was registered), and a refusal is audited as
 * "command.refused" with the command id (`command`), the channel and the arguments typed.
 */
function guarded(
  adminOnly: boolean,
  body: (ctx: HandlerContext, args: string) => Promise<Reply>,
  command = 'command',
): (ctx: HandlerContext, args: string) => Promise<Reply> {
  return async (ctx, args) => {
    if (adminOnly && !ctx.actor.isAdmin) {
      const detail = { command, channel: ctx.channelId, args: args.trim().slice(0, AUDITED_ARGS) };
      await ctx.store.audit(actorId(ctx.actor), 'command.refused', detail, ctx.now().toISOString());
      return { kind: 'refusal', message: NOT_ADMIN };
    }
    try {
      return await body(ctx, args);
    } catch (err) {
      if (err instanceof UsageError) return { kind: 'error', message: describeError(err) };
      throw err;
    }
  };
}

/**
 * A command as declared, its `run` guarded by its own `adminOnly` and refusals audited under its
 * own id: the admin flag is written once, in the declaration, and holds whoever calls `run`.
 */
export function command(declaration: Handler): Handler {
  return { ...declaration, run: guarded(declaration.adminOnly, declaration.run, declaration.id) };
}
