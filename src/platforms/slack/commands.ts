/**
 * Slack's slash commands, derived from the command declarations (handlers/registry.ts): each
 * open command is `/<word>` (/entity), the admin ones are the subcommands of /entitywatch. The
 * app (app.ts) routes exactly these, and slack-app-manifest.yaml declares exactly these with
 * these usage hints (test/platforms/slack/manifest.test.ts compares them).
 *
 *   slashCommands();
 *   // [{ command: '/entity', usageHint: '<name>', handler: entityHandler },
 *   //  { command: '/entitywatch', usageHint: 'add <keyword> [list:EL] [country:CN] | remove <id> | …', handler: null }]
 */
import { ADMIN_COMMANDS, OPEN_COMMANDS, usageOf } from '../../../handlers/registry.js';
import type { Handler } from '../../../handlers/types.js';

/** The admin command on Slack (Discord's is /watch): its first word picks the subcommand. */
export const ADMIN_COMMAND = '/entitywatch';

export interface SlashCommand {
  /** As typed and as the manifest names it: "/entity". */
  command: string;
  /** The manifest's `usage_hint`: what Slack shows while the command is typed. */
  usageHint: string;
  /** The open command's handler; null for the admin command (its subcommands are ADMIN_COMMANDS). */
  handler: Handler | null;
}

export function slashCommands(): SlashCommand[] {
  return [
    ...OPEN_COMMANDS.map((handler) => ({ command: `/${handler.word}`, usageHint: usageOf(handler), handler })),
    { command: ADMIN_COMMAND, usageHint: ADMIN_COMMANDS.map(usageOf).join(' | '), handler: null },
  ];
}
