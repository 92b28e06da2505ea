/**
 * One Discord interaction → its response, the same for the HTTP endpoint and the gateway.
 *
 *   const { response, followUp } = await dispatchInteraction(payload, deps);
 *   // HTTP: answer `response` as the body; gateway: POST it to the interaction callback.
 *   // `followUp`, when set, edits the deferred answer later (never rejects).
 *
 * PING → PONG. Autocomplete → choices. A command runs its shared handler; when the handler has
 * not answered within `deferAfterMs` (Discord allows 3 s for the first answer), the response is
 * "deferred" and the reply follows through the interaction webhook. The admin check is done
 * here at run time (the member's permissions in the payload), whatever Discord's
 * `default_member_permissions` let through, and again by the handler itself.
 */
import { MessageFlags } from 'discord-api-types/v10';
import type { Logger } from 'pino';
import type { ChatFile, HandlerContext, HandlerStore, LookupIndex, Reply, ReplyFile } from '../../../handlers/types.js';
import type { ScreenedCounterparty } from '../../watchlists/screen.js';
import { UsageError } from '../../errors.js';
import { MAX_CHAT_FILE_BYTES, readCapped, tooLarge } from '../download.js';
import type { Alert } from '../../core/alert.js';
import type { Once } from '../once.js';
import { autocomplete } from './autocomplete.js';
import { commandByName, fileOptionOf } from './commands.js';
import type { Completer } from './completer.js';
import { renderReply, type ReplyMessage } from './reply.js';
import { attachmentOf, channelIdOf, hasManageServer, INTERACTION, Interaction, invocationOf, RESPONSE, userIdOf, type Attachment } from './schema.js';

export interface DispatchDeps {
  store: HandlerStore;
  lookupIndex(): Promise<LookupIndex>;
  /** HandlerContext.screenable, when the process has screening indexes. */
  screenable?(watchlist: string): Promise<ScreenedCounterparty[]>;
  /** Lookups flag sources not updated for this long (config `schedule.staleAfterMs`). */
  staleAfterMs?: number;
  /** Prefix completion over current names, for autocomplete. */
  completer(): Promise<Completer>;
  now(): Date;
  log: Logger;
  /** Post an alert to a Discord channel (snowflake) now, outside the outbox. Throws DeliveryError. */
  postAlert(channelId: string, alert: Alert): Promise<void>;
  /** A watch rule was added or removed: refresh the alert channels. */
  rulesChanged(): Promise<void>;
  /** Replace a deferred answer (PATCH the interaction's @original message), with files attached. */
  editOriginal(applicationId: string, token: string, message: ReplyMessage, files: readonly ReplyFile[]): Promise<void>;
  /** Answer within this long or defer (default 2,000 ms: Discord's limit is 3 s). */
  deferAfterMs?: number;
  /** Autocomplete gives up on a not-yet-built index after this long (default 2,000 ms). */
  autocompleteTimeoutMs?: number;
  /** Remembers interaction ids: one delivered twice (around a gateway resume) runs once. */
  once?: Once;
}

/** The interaction was handled already: nothing is run or answered again. */
export const REPEATED = 'repeated';

export interface DispatchResult {
  /** The interaction response (type 1, 4, 5 or 8). */
  response: Record<string, unknown>;
  /** Completes a deferred answer; resolves (never rejects) when done. */
  followUp: Promise<void> | null;
}

function filesOf(reply: Reply): ReplyFile[] {
  return reply.kind === 'text' && reply.file ? [reply.file] : [];
}

/** The file of a command that takes one (`/watch watchlist action:import file:…`), from Discord's CDN. */
async function readAttachment(attachment: Attachment | null, option: string, command: string): Promise<ChatFile> {
  if (!attachment) throw new UsageError(`attach the CSV in the \`${option}\` option of ${command} (a header with a name column)`);
  if (attachment.size > MAX_CHAT_FILE_BYTES) throw tooLarge(attachment.filename);
  const res = await fetch(attachment.url);
  if (!res.ok) throw new UsageError(`Discord answered ${res.status} for ${attachment.filename}: attach it again`);
  return { name: attachment.filename, bytes: await readCapped(res, attachment.filename) };
}

function message(data: ReplyMessage): DispatchResult {
  return { response: { type: RESPONSE.message, data }, followUp: null };
}

/** null when the payload is not an interaction (the HTTP endpoint answers 400). */
export async function dispatchInteraction(payload: unknown, deps: DispatchDeps): Promise<DispatchResult | typeof REPEATED | null> {
  const parsed = Interaction.safeParse(payload);
  if (!parsed.success) return null;
  const interaction = parsed.data;
  if (interaction.type === INTERACTION.ping) return { response: { type: RESPONSE.pong }, followUp: null };
  if (deps.once && !deps.once(`discord:${interaction.id}`)) {
    deps.log.info({ interaction: interaction.id }, 'discord interaction delivered again; not run twice');
    return REPEATED;
  }
  const invocation = invocationOf(interaction);
  const command = invocation ? commandByName(invocation.command) : undefined;
  if (!invocation || !command) return message(renderReply({ kind: 'error', message: 'Unknown command.' }, { ephemeral: true }));

  if (interaction.type === INTERACTION.autocomplete) {
    const focused = invocation.focused;
    const query = focused && command.autocomplete.includes(focused) ? String(invocation.options[focused] ?? '') : '';
    const choices = query ? await autocomplete(deps, query, deps.autocompleteTimeoutMs ?? 2000).catch((err: unknown) => {
      deps.log.warn({ err }, 'discord autocomplete failed');
      return [];
    }) : [];
    return { response: { type: RESPONSE.autocompleteResult, data: { choices } }, followUp: null };
  }
  if (interaction.type !== INTERACTION.command) return message(renderReply({ kind: 'error', message: 'This kind of interaction is not supported.' }, { ephemeral: true }));

  const route = command.route(invocation.subcommand, invocation.options);
  const channelId = channelIdOf(interaction);
  if (!route || !channelId) return message(renderReply({ kind: 'error', message: 'Unknown subcommand.' }, { ephemeral: true }));
  const ctx: HandlerContext = {
    store: deps.store,
    lookupIndex: deps.lookupIndex,
    screenable: deps.screenable,
    actor: { platform: 'discord', userId: userIdOf(interaction), isAdmin: hasManageServer(interaction) },
    channelId: `discord:${channelId}`,
    now: deps.now,
    staleAfterMs: deps.staleAfterMs,
    postAlert: (alert) => deps.postAlert(channelId, alert),
    rulesChanged: deps.rulesChanged,
  };
  const fileOption = fileOptionOf(route.handler);
  if (fileOption) {
    const command = `/${[invocation.command, invocation.subcommand].filter(Boolean).join(' ')}`;
    ctx.attachment = () => readAttachment(attachmentOf(interaction, invocation, fileOption), fileOption, command);
  }
  const ephemeral = command.ephemeral;
  const running: Promise<Reply> = route.handler.run(ctx, route.args).catch((err: unknown) => {
    deps.log.error({ err, command: invocation.command, subcommand: invocation.subcommand }, 'discord command failed');
    return { kind: 'error', message: 'Something went wrong; the error is in the entitywatch log.' } satisfies Reply;
  });
  let timer: NodeJS.Timeout | undefined;
  const slow = new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), deps.deferAfterMs ?? 2000)));
  const early = await Promise.race([running, slow]);
  clearTimeout(timer);
  // A reply with a file is sent as an edit of a deferred answer: that request can carry files.
  if (early && !filesOf(early).length) return message(renderReply(early, { ephemeral }));

  const followUp = running
    .then((reply) => deps.editOriginal(interaction.application_id, interaction.token, renderReply(reply, { ephemeral }), filesOf(reply)))
    .catch((err: unknown) => deps.log.error({ err }, 'discord follow-up failed'));
  return { response: { type: RESPONSE.deferredMessage, data: ephemeral ? { flags: MessageFlags.Ephemeral } : {} }, followUp };
}
