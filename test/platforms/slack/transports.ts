/**
 * The two ways Slack reaches the app, behind one interface, so one table of commands runs over
 * both: HTTP (signed POSTs to /slack/events) and Socket Mode (envelopes on the stand-in's socket).
 * Answers come back through the slash command's response URL either way.
 *
 *   const t = await startSlackTransport('socket', { app, slack, adminUserIds: ['U0LISTED'] });
 *   const answer = await t.command('/entity', 'hikvision', 'U0MEMBER');   // the first response body
 */
import type { App } from '../../../src/index.js';
import { slackConfigFromEnv } from '../../../src/platforms/slack/config.js';
import { startSlackPlatform, type SlackPlatform } from '../../../src/platforms/slack/start.js';
import { FAKE_BOT_TOKEN, type FakeSlack } from '../../helpers/fake-slack.js';
import { attachSocketMode, FAKE_APP_TOKEN, type Envelope, type FakeSocketMode } from '../../helpers/fake-slack-socket.js';
import { buttonAction, postSigned, SIGNING_SECRET, slashCommand } from './signed.js';

export type TransportName = 'http' | 'socket';

export interface SlackTransport {
  name: TransportName;
  platform: SlackPlatform;
  /** Socket Mode stand-in (socket transport only). */
  socket: FakeSocketMode | null;
  /** Send a slash command; resolves with the first body posted to its response URL. */
  command(name: string, text: string, user: string, channel?: string): Promise<Record<string, unknown>>;
  /**
   * Send a slash command without waiting for the answer: its response URL id (and envelope).
   * Resolves once Slack would have its acknowledgement (HTTP: the 200; Socket Mode: the ack)
   * with `ackMs`, the time that took.
   */
  send(name: string, text: string, user: string, channel?: string): Promise<{ id: string; envelope: Envelope | null; ackMs: number }>;
  /** Deliver the last command sent once more, as Slack retries (the same trigger id). */
  repeatLast(): Promise<void>;
  /** Press a button; resolves with the first body posted to its response URL. */
  button(actionId: string, value: string, user: string, channel?: string): Promise<Record<string, unknown>>;
  stop(): Promise<void>;
}

export async function waitFor<T>(read: () => T | undefined, what: string, ms = 8000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const value = read();
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

let seq = 0;

/** Form fields → the payload object Slack puts in a slash_commands envelope. */
function fields(form: string): Record<string, unknown> {
  return Object.fromEntries(new URLSearchParams(form));
}

export async function startSlackTransport(
  name: TransportName,
  options: { app: App; slack: FakeSlack; adminUserIds?: string[]; now?: () => Date; alertChannels?: string[] },
): Promise<SlackTransport> {
  const { slack } = options;
  const env: Record<string, string> = {
    SLACK_BOT_TOKEN: FAKE_BOT_TOKEN, SLACK_API_URL: slack.apiUrl, SLACK_ADMIN_USER_IDS: (options.adminUserIds ?? []).join(','),
    SLACK_ALERT_CHANNELS: (options.alertChannels ?? []).join(','),
  };
  if (name === 'http') Object.assign(env, { SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_PORT: '0', SLACK_HOST: '127.0.0.1' });
  else env.SLACK_APP_TOKEN = FAKE_APP_TOKEN;
  const socket = name === 'socket' ? attachSocketMode(slack) : null;
  const platform = await startSlackPlatform({ ...options.app.platformDeps, ...(options.now ? { now: options.now } : {}) }, slackConfigFromEnv(env)!, { socketPingTimeoutMs: 1000 });

  let last: { body: string; envelope: Envelope | null } | null = null;

  async function deliver(body: string, kind: 'slash_commands' | 'interactive'): Promise<Envelope | null> {
    if (socket) {
      const payload = kind === 'interactive' ? (JSON.parse(new URLSearchParams(body).get('payload') ?? '{}') as Record<string, unknown>) : fields(body);
      return socket.deliver(kind, payload);
    }
    const res = await postSigned(platform.eventsUrl!, body);
    if (res.status !== 200) throw new Error(`HTTP ${res.status} from /slack/events: ${res.body}`);
    return null;
  }

  const transport: SlackTransport = {
    name,
    platform,
    socket,
    async send(command, text, user, channel = 'C0COMPLY') {
      const id = `${name}-r${++seq}`;
      const body = slashCommand(command, text, { user, channel, responseUrl: slack.responseUrl(id) });
      const started = Date.now();
      const envelope = await deliver(body, 'slash_commands');
      if (envelope) await envelope.acked;
      last = { body, envelope };
      return { id, envelope, ackMs: envelope?.ackMs ?? Date.now() - started };
    },
    async repeatLast() {
      if (!last) throw new Error('nothing sent yet');
      if (socket && last.envelope) {
        const before = socket.acks.length;
        socket.redeliver(last.envelope);
        await waitFor(() => (socket.acks.length > before ? true : undefined), 'the ack of the repeat');
        return;
      }
      const res = await postSigned(platform.eventsUrl!, last.body);
      if (res.status !== 200) throw new Error(`HTTP ${res.status} for the repeat`);
    },
    async command(command, text, user, channel) {
      const { id } = await transport.send(command, text, user, channel);
      return waitFor(() => slack.responses.get(id)?.[0], `the answer to ${command} ${text} over ${name}`);
    },
    async button(actionId, value, user, channel = 'C0COMPLY') {
      const id = `${name}-b${++seq}`;
      await deliver(buttonAction(actionId, value, { user, channel, responseUrl: slack.responseUrl(id) }), 'interactive');
      return waitFor(() => slack.responses.get(id)?.[0], `the answer to button ${actionId} over ${name}`);
    },
    async stop() {
      await platform.stop();
      await socket?.close();
    },
  };
  return transport;
}
