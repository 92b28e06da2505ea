/**
 * The Discord slash commands, derived from the one list of command declarations
 * (handlers/registry.ts): each open command is a command of its own, the admin ones are the
 * subcommands of /watch, and each declared argument is an option. Each holds what Discord is
 * told (`declaration`, registered by deploy.ts from `registrationPayload()`) beside how an
 * invocation maps onto its handler (`route`). Nothing here names a handler.
 *
 *   /entity name:<…>                      anyone; autocomplete over current designations
 *   /watch add keyword:<…> list:<EL> country:<CN>   Manage Server (declared and checked at run time)
 *   /watch remove id:<n> · /watch list · /watch status · /watch test
 *   /watch watchlist action:<list|import|screen|remove> name:<…> file:<CSV> replace:<bool>
 *                                         counterparty watchlists; import reads the attached CSV
 */
import {
  ApplicationCommandOptionType,
  ApplicationCommandType,
  InteractionContextType,
  PermissionFlagsBits,
  type APIApplicationCommandBasicOption,
  type APIApplicationCommandSubcommandOption,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord-api-types/v10';
import { ADMIN_COMMANDS, argumentText, OPEN_COMMANDS, type ArgValues } from '../../../handlers/registry.js';
import type { CommandArg, Handler } from '../../../handlers/types.js';

/** Option values of one invocation, by option name (subcommand options flattened). */
export type OptionValues = ArgValues;

export interface DiscordCommand {
  declaration: RESTPostAPIChatInputApplicationCommandsJSONBody;
  /** The handler and its argument text for a subcommand (null for none) and options; null = unknown. */
  route(subcommand: string | null, options: OptionValues): { handler: Handler; args: string } | null;
  /** Answer only the person who typed it (Discord "ephemeral" flag). */
  ephemeral: boolean;
  /** The options answered by autocomplete (declared `suggest`). */
  autocomplete: readonly string[];
}

/** Manage Server, as the decimal string Discord expects. Members without it do not see /watch. */
export const WATCH_PERMISSION = PermissionFlagsBits.ManageGuild.toString();

/** The admin command's name on Discord (Slack's is /entitywatch). */
export const WATCH_COMMAND = 'watch';

/** Discord caps descriptions and choice names at 100 characters; declared texts are cut to fit. */
const MAX_TEXT = 100;

function fit(text: string): string {
  return text.slice(0, MAX_TEXT);
}

function textOption(arg: CommandArg, base: { name: string; description: string; required?: boolean }): APIApplicationCommandBasicOption {
  const lengths = { ...(arg.minLength !== undefined ? { min_length: arg.minLength } : {}), ...(arg.maxLength !== undefined ? { max_length: arg.maxLength } : {}) };
  const type = ApplicationCommandOptionType.String;
  if (arg.choices) return { type, ...base, choices: arg.choices.map((c) => ({ name: fit(`${c.value} — ${c.label}`), value: c.value })), ...lengths };
  return { type, ...base, ...(arg.suggest ? { autocomplete: true } : {}), ...lengths };
}

/** One declared argument as a Discord option. */
function optionOf(arg: CommandArg): APIApplicationCommandBasicOption {
  const base = { name: arg.name, description: fit(arg.description), ...(arg.required ? { required: true } : {}) };
  switch (arg.type) {
    case 'text':
      return textOption(arg, base);
    case 'integer':
      return { type: ApplicationCommandOptionType.Integer, ...base, ...(arg.min !== undefined ? { min_value: arg.min } : {}) };
    case 'switch':
      return { type: ApplicationCommandOptionType.Boolean, ...base };
    case 'file':
      return { type: ApplicationCommandOptionType.Attachment, ...base };
  }
}

function suggested(handlers: readonly Handler[]): string[] {
  return [...new Set(handlers.flatMap((h) => h.args.filter((arg) => arg.suggest).map((arg) => arg.name)))];
}

/** An open command: a command of its own, usable in servers and in the bot's DMs, answered in the open. */
function openCommand(handler: Handler): DiscordCommand {
  return {
    declaration: {
      name: handler.word,
      type: ApplicationCommandType.ChatInput,
      description: fit(handler.description),
      contexts: [InteractionContextType.Guild, InteractionContextType.BotDM],
      options: handler.args.map(optionOf),
    },
    autocomplete: suggested([handler]),
    ephemeral: false,
    route: (_sub, options) => ({ handler, args: argumentText(handler, options) }),
  };
}

function subcommandOf(handler: Handler): APIApplicationCommandSubcommandOption {
  return { type: ApplicationCommandOptionType.Subcommand, name: handler.word, description: fit(handler.description), options: handler.args.map(optionOf) };
}

/** The admin commands as subcommands of /watch: guild-only, hidden without Manage Server, answered to the admin only. */
function adminCommand(handlers: readonly Handler[]): DiscordCommand {
  return {
    declaration: {
      name: WATCH_COMMAND,
      type: ApplicationCommandType.ChatInput,
      description: 'Which alerts reach this channel (needs Manage Server)',
      default_member_permissions: WATCH_PERMISSION,
      contexts: [InteractionContextType.Guild],
      options: handlers.map(subcommandOf),
    },
    autocomplete: suggested(handlers),
    ephemeral: true,
    route: (subcommand, options) => {
      const handler = handlers.find((h) => h.word === subcommand);
      return handler ? { handler, args: argumentText(handler, options) } : null;
    },
  };
}

export const watchCommand = adminCommand(ADMIN_COMMANDS);

export const DISCORD_COMMANDS: readonly DiscordCommand[] = [...OPEN_COMMANDS.map(openCommand), watchCommand];

export function commandByName(name: string): DiscordCommand | undefined {
  return DISCORD_COMMANDS.find((command) => command.declaration.name === name);
}

/** The option of a routed command that carries a file (a Discord attachment), if it takes one. */
export function fileOptionOf(handler: Handler): string | null {
  return handler.args.find((arg) => arg.type === 'file')?.name ?? null;
}

/** The body of PUT /applications/{id}/commands (or its guild variant): every declaration. */
export function registrationPayload(): RESTPostAPIChatInputApplicationCommandsJSONBody[] {
  return DISCORD_COMMANDS.map((command) => command.declaration);
}
