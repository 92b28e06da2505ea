/**
 * The Discord slash commands, declared once: each is a plain object holding what Discord is
 * told (`declaration`, registered by deploy.ts from `registrationPayload()`) beside how an
 * invocation maps onto a shared handler (`route`). Nothing else declares commands.
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
import { entityHandler } from '../../../handlers/entity.js';
import { statusHandler } from '../../../handlers/status.js';
import { testAlertHandler } from '../../../handlers/test-alert.js';
import type { Handler } from '../../../handlers/types.js';
import { watchAddHandler, watchListHandler, watchRemoveHandler } from '../../../handlers/watch.js';
import { watchlistHandler } from '../../../handlers/watchlist.js';
import { LIST_CODES } from '../../core/model.js';
import { LISTS } from '../../core/lists.js';

/** Option values of one invocation, by option name (subcommand options flattened). */
export type OptionValues = Readonly<Record<string, string | number | boolean>>;

export interface DiscordCommand {
  declaration: RESTPostAPIChatInputApplicationCommandsJSONBody;
  /** The handler and its argument text for a subcommand (null for none) and options; null = unknown. */
  route(subcommand: string | null, options: OptionValues): { handler: Handler; args: string } | null;
  /** Answer only the person who typed it (Discord "ephemeral" flag). */
  ephemeral: boolean;
  /** The option answered by autocomplete, if any. */
  autocomplete?: string;
}

/** The attachment option of `/watch watchlist` that carries an import's CSV. */
export const WATCHLIST_FILE_OPTION = 'file';

/** Manage Server, as the decimal string Discord expects. Members without it do not see /watch. */
export const WATCH_PERMISSION = PermissionFlagsBits.ManageGuild.toString();

/** A handler's argument text takes quotes as grouping, so a keyword's own quotes are dropped. */
function quoted(text: string): string {
  return `"${text.replace(/["“”]/g, '').trim()}"`;
}

export const entityCommand = {
  declaration: {
    name: 'entity',
    type: ApplicationCommandType.ChatInput,
    description: entityHandler.description,
    contexts: [InteractionContextType.Guild, InteractionContextType.BotDM],
    options: [
      {
        type: ApplicationCommandOptionType.String,
        name: 'name',
        description: 'Company or person name (suggestions come from the current lists)',
        required: true,
        autocomplete: true,
        max_length: 200,
      },
    ],
  },
  autocomplete: 'name',
  ephemeral: false,
  route: (_sub, options) => ({ handler: entityHandler, args: String(options.name ?? '') }),
} satisfies DiscordCommand;

/** Discord caps descriptions at 100 characters; handler descriptions are reused as they are. */
function sub(name: string, description: string, options: APIApplicationCommandBasicOption[] = []): APIApplicationCommandSubcommandOption {
  return { type: ApplicationCommandOptionType.Subcommand, name, description: description.slice(0, 100), options };
}

const WATCH_ROUTES: Readonly<Record<string, (options: OptionValues) => { handler: Handler; args: string }>> = {
  add: (o) => ({
    handler: watchAddHandler,
    args: [o.keyword ? quoted(String(o.keyword)) : '', o.list ? `list:${String(o.list)}` : '', o.country ? `country:${String(o.country)}` : '']
      .filter(Boolean)
      .join(' '),
  }),
  remove: (o) => ({ handler: watchRemoveHandler, args: String(o.id ?? '') }),
  list: () => ({ handler: watchListHandler, args: '' }),
  status: () => ({ handler: statusHandler, args: '' }),
  test: () => ({ handler: testAlertHandler, args: '' }),
  // The shared handler reads "<action> <name> [--replace]", as typed after `/entitywatch watchlist`;
  // the `file` attachment reaches it as ctx.attachment (dispatch.ts).
  watchlist: (o) => ({
    handler: watchlistHandler,
    args: [String(o.action ?? ''), String(o.name ?? ''), o.replace === true ? '--replace' : ''].filter(Boolean).join(' '),
  }),
};

export const watchCommand = {
  declaration: {
    name: 'watch',
    type: ApplicationCommandType.ChatInput,
    description: 'Which alerts reach this channel (needs Manage Server)',
    default_member_permissions: WATCH_PERMISSION,
    contexts: [InteractionContextType.Guild],
    options: [
      sub('add', watchAddHandler.description, [
        { type: ApplicationCommandOptionType.String, name: 'keyword', description: 'Word in a name, alias or address', max_length: 200 },
        {
          type: ApplicationCommandOptionType.String,
          name: 'list',
          description: 'Only this list',
          choices: LIST_CODES.map((code) => ({ name: `${code} — ${LISTS[code].shortName}`.slice(0, 100), value: code })),
        },
        { type: ApplicationCommandOptionType.String, name: 'country', description: 'Only this ISO country code, e.g. CN', min_length: 2, max_length: 2 },
      ]),
      sub('remove', watchRemoveHandler.description, [
        { type: ApplicationCommandOptionType.Integer, name: 'id', description: 'Rule id (see /watch list)', required: true, min_value: 1 },
      ]),
      sub('list', watchListHandler.description),
      sub('status', statusHandler.description),
      sub('test', testAlertHandler.description),
      sub('watchlist', watchlistHandler.description, [
        {
          type: ApplicationCommandOptionType.String,
          name: 'action',
          description: 'What to do',
          required: true,
          choices: [
            { name: 'list — every watchlist', value: 'list' },
            { name: 'import — the CSV attached as file', value: 'import' },
            { name: "screen — a watchlist against today's lists (all hits as CSV)", value: 'screen' },
            { name: 'remove — delete a watchlist', value: 'remove' },
          ],
        },
        { type: ApplicationCommandOptionType.String, name: 'name', description: 'Watchlist name (for import, screen and remove)', max_length: 64 },
        { type: ApplicationCommandOptionType.Attachment, name: WATCHLIST_FILE_OPTION, description: 'For import: a CSV with a name column (optional country, reference)' },
        { type: ApplicationCommandOptionType.Boolean, name: 'replace', description: 'For import: replace the counterparties of an existing watchlist' },
      ]),
    ],
  },
  ephemeral: true,
  route: (subcommand, options) => {
    const route = subcommand && Object.hasOwn(WATCH_ROUTES, subcommand) ? WATCH_ROUTES[subcommand] : undefined;
    return route ? route(options) : null;
  },
} satisfies DiscordCommand;

export const DISCORD_COMMANDS: readonly DiscordCommand[] = [entityCommand, watchCommand];

export function commandByName(name: string): DiscordCommand | undefined {
  return DISCORD_COMMANDS.find((command) => command.declaration.name === name);
}

/** The body of PUT /applications/{id}/commands (or its guild variant): every declaration. */
export function registrationPayload(): RESTPostAPIChatInputApplicationCommandsJSONBody[] {
  return DISCORD_COMMANDS.map((command) => command.declaration);
}
