/**
 * The Bolt app: receives /entity, /entitywatch and the share button, acknowledges at once
 * (Slack allows 3 seconds), runs the platform-neutral handler, and answers through the
 * response URL. Nothing here decides what a command does: that is handlers/.
 *
 *   /entity <name>                         anyone; ephemeral answer with a "Share in channel" button
 *   /entitywatch add|remove|list|status|test|watchlist …   admins (SLACK_ADMIN_USER_IDS, workspace admins/owners)
 *
 * Which commands there are comes from the declarations (commands.ts, handlers/registry.ts).
 *
 * A reply that carries a file (screening results) sends it to the user's DMs with the app;
 * `watchlist import` reads the CSV the user shared (files.ts).
 */
import { App as BoltApp, HTTPReceiver, SocketModeReceiver, type RespondArguments } from '@slack/bolt';
import { handlerById, resolveAdminCommand } from '../../../handlers/registry.js';
import type { Handler, HandlerContext, Reply, ReplyFile } from '../../../handlers/types.js';
import { describeError } from '../../errors.js';
import type { SlackNotifier } from '../../notifiers/slack/index.js';
import { SLACK_PREFIX, slackApiBase } from '../../notifiers/slack/index.js';
import { context as contextBlock, escapeText } from '../../notifiers/slack/mrkdwn.js';
import type { PlatformDeps } from '../deps.js';
import { createOnce } from '../once.js';
import { createAdminCheck } from './admin.js';
import { sendFileToUser, slackFileReader } from './files.js';
import { ADMIN_COMMAND, slashCommands } from './commands.js';
import type { SlackConfig } from './config.js';
import { boltLogger } from './logger.js';
import { renderReply, SHARE_ACTION } from './render.js';

/** Where Slack sends commands and actions in HTTP mode. */
export const EVENTS_PATH = '/slack/events';

export interface SlackAppDeps extends Pick<PlatformDeps, 'store' | 'log' | 'lookupIndex' | 'now' | 'screenable'> {
  config: SlackConfig;
  /** Posts test alerts and learns about rule channels. */
  notifier: SlackNotifier;
  /**
   * Socket Mode: how long to wait for a pong, and the step of the reconnect delay (Bolt's
   * `clientPingTimeout`; default 5 s). Tests shorten it.
   */
  socketPingTimeoutMs?: number;
  /** Lookups flag sources not updated for this long (config `schedule.staleAfterMs`). */
  staleAfterMs?: number;
}

/** Slack's id of one user action: the same on every redelivery of its envelope or request. */
function deliveryKey(body: unknown): string | null {
  if (typeof body !== 'object' || body === null) return null;
  const b = body as { trigger_id?: unknown; team_id?: unknown; team?: { id?: unknown } };
  const team = typeof b.team_id === 'string' ? b.team_id : typeof b.team?.id === 'string' ? b.team.id : '';
  return typeof b.trigger_id === 'string' && b.trigger_id !== '' ? `${team}:${b.trigger_id}` : null;
}

const SLACK_USER_ID = /^[UW][A-Z0-9]+$/;

export function createSlackApp(deps: SlackAppDeps): BoltApp {
  const { config, log } = deps;
  const logger = boltLogger(log);
  // Commands must answer soon: a 429 or 5xx is not waited out for minutes (the default).
  const clientOptions = { slackApiUrl: slackApiBase(config.apiUrl), rejectRateLimitedCalls: true, retryConfig: { retries: 2, minTimeout: 200, maxTimeout: 1000 } };
  // apps.connections.open is a Web API call made with the app token: it goes to SLACK_API_URL too.
  const receiver =
    config.mode === 'socket'
      ? new SocketModeReceiver({
          appToken: config.appToken ?? '',
          logger,
          installerOptions: { clientOptions: { slackApiUrl: slackApiBase(config.apiUrl) } },
          ...(deps.socketPingTimeoutMs ? { clientPingTimeout: deps.socketPingTimeoutMs } : {}),
        })
      : new HTTPReceiver({ signingSecret: config.signingSecret ?? '', endpoints: EVENTS_PATH, port: config.port, logger });
  // Bolt checks the token on the first request rather than at construction (start.ts checks it first).
  const bolt = new BoltApp({ token: config.botToken, receiver, logger, clientOptions, tokenVerificationEnabled: false });
  const isAdmin = createAdminCheck(bolt.client, config.adminUserIds, log);
  const once = createOnce();

  // Slack delivers at least once (a Socket Mode envelope it thinks unacknowledged comes again,
  // also after a reconnect): a repeat is acknowledged so Slack stops, and not run again.
  bolt.use(async (args) => {
    const key = deliveryKey(args.body);
    if (key && !once(`slack:${key}`)) {
      log.info({ trigger: key }, 'slack delivery repeated; acknowledged and not run again');
      if ('ack' in args && typeof args.ack === 'function') await (args.ack as () => Promise<void>)();
      return;
    }
    await args.next();
  });

  const readFile = slackFileReader({ client: bolt.client, botToken: config.botToken, log });

  function context(userId: string, channelId: string, admin: boolean): HandlerContext {
    return {
      attachment: (ref) => readFile({ userId, channelId, ref }),
      store: deps.store,
      lookupIndex: deps.lookupIndex,
      screenable: deps.screenable,
      actor: { platform: 'slack', userId, isAdmin: admin },
      channelId: `${SLACK_PREFIX}${channelId}`,
      now: deps.now,
      staleAfterMs: deps.staleAfterMs,
      postAlert: async (alert) => {
        await deps.notifier.post(alert, channelId);
      },
      rulesChanged: async () => {
        await deps.notifier.refreshChannels();
      },
    };
  }

  async function run(handler: Handler, ctx: HandlerContext, args: string): Promise<Reply> {
    try {
      return await handler.run(ctx, args);
    } catch (err) {
      log.error({ command: handler.id, user: ctx.actor.userId, reason: describeError(err) }, 'slack command failed');
      return { kind: 'error', message: 'Something went wrong; the details are in the entitywatch log.' };
    }
  }

  async function answer(respond: (message: RespondArguments) => Promise<unknown>, message: RespondArguments): Promise<void> {
    try {
      await respond(message);
    } catch (err) {
      log.warn({ reason: describeError(err) }, 'slack response failed');
    }
  }

  // Open commands: anyone may run them, so no admin check is made.
  for (const { command: name, handler } of slashCommands()) {
    if (!handler) continue;
    bolt.command(name, async ({ command, ack, respond }) => {
      await ack();
      const reply = await run(handler, context(command.user_id, command.channel_id, false), command.text);
      await answer(respond, { response_type: 'ephemeral', ...renderReply(reply) });
    });
  }

  bolt.command(ADMIN_COMMAND, async ({ command, ack, respond }) => {
    await ack();
    const resolved = resolveAdminCommand(command.text, ADMIN_COMMAND);
    if ('reply' in resolved) {
      await answer(respond, { response_type: 'ephemeral', ...renderReply(resolved.reply) });
      return;
    }
    const admin = resolved.handler.adminOnly ? await isAdmin(command.user_id) : false;
    if (resolved.handler.adminOnly && !admin) log.info({ user: command.user_id, command: resolved.handler.id }, 'slack admin command refused');
    const reply = await run(resolved.handler, context(command.user_id, command.channel_id, admin), resolved.args);
    const message = renderReply(reply);
    if (reply.kind === 'text' && reply.file) message.blocks.push(contextBlock([await deliverFile(command.user_id, reply.file, command.channel_id)]));
    await answer(respond, { response_type: 'ephemeral', ...message });
  });

  /** Send a reply's file to the user's DMs; the line that says where it went, or why not. */
  async function deliverFile(userId: string, file: ReplyFile, channelId: string): Promise<string> {
    try {
      await sendFileToUser(bolt.client, userId, file, `${file.name}, requested in <#${channelId}>.`);
      return `:page_facing_up: ${escapeText(file.name)} is in your direct messages with entitywatch.`;
    } catch (err) {
      log.warn({ user: userId, file: file.name, reason: describeError(err) }, 'slack file upload failed');
      return `:warning: ${escapeText(file.name)} could not be sent (${escapeText(describeError(err))}): the app needs the files:write and im:write scopes.`;
    }
  }

  // The button comes with a lookup's answer (`matches`, render.ts); sharing runs that lookup again in the channel.
  const lookup = handlerById('entity');
  if (!lookup) throw new Error('the share button needs the "entity" command in handlers/registry.ts');
  bolt.action({ action_id: SHARE_ACTION }, async ({ ack, body, action, respond }) => {
    await ack();
    const query = action.type === 'button' ? (action.value ?? '') : '';
    const channel = 'channel' in body && body.channel ? body.channel.id : null;
    if (!channel || !query) return;
    const reply = await run(lookup, context(body.user.id, channel, false), query);
    const sharer = SLACK_USER_ID.test(body.user.id) ? `<@${body.user.id}>` : 'someone';
    await answer(respond, { response_type: 'in_channel', replace_original: false, ...renderReply(reply, sharer) });
  });

  bolt.error(async (err) => {
    log.error({ reason: describeError(err) }, 'slack app error');
  });
  return bolt;
}
