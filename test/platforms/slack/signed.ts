/**
 * Slack-style requests to a local Bolt app: slash commands and button actions, signed the way
 * Slack signs them (v0 HMAC-SHA256 of "v0:<timestamp>:<body>"), or forged, or stale.
 */
import { createHmac } from 'node:crypto';

let triggers = 0;
/** Slack gives every user action its own trigger id; a redelivery carries the same one. */
function nextTrigger(): string {
  return `${Date.now()}.${++triggers}.abc`;
}

export const SIGNING_SECRET = '8f742231b10e8888abcd99eeeeee85a5';

export interface SignOptions {
  /** Seconds since the epoch; default now. */
  timestamp?: number;
  /** Sign with this secret instead (a forgery). */
  secret?: string;
}

export async function postSigned(url: string, body: string, options: SignOptions = {}): Promise<{ status: number; body: string }> {
  const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
  const signature = `v0=${createHmac('sha256', options.secret ?? SIGNING_SECRET).update(`v0:${timestamp}:${body}`).digest('hex')}`;
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-slack-request-timestamp': String(timestamp), 'x-slack-signature': signature },
    body,
  });
  return { status: response.status, body: await response.text() };
}

export function slashCommand(command: string, text: string, fields: { user: string; channel: string; responseUrl: string; triggerId?: string }): string {
  return new URLSearchParams({
    token: 'legacy-verification-token', team_id: 'T1', team_domain: 'example', channel_id: fields.channel, channel_name: 'compliance',
    user_id: fields.user, user_name: 'someone', command, text, api_app_id: 'A1', response_url: fields.responseUrl, trigger_id: fields.triggerId ?? nextTrigger(),
  }).toString();
}

export function buttonAction(actionId: string, value: string, fields: { user: string; channel: string; responseUrl: string; triggerId?: string }): string {
  const payload = {
    type: 'block_actions', team: { id: 'T1' }, user: { id: fields.user }, api_app_id: 'A1', token: 'legacy-verification-token',
    channel: { id: fields.channel, name: 'compliance' }, container: { type: 'message', is_ephemeral: true }, trigger_id: fields.triggerId ?? nextTrigger(),
    response_url: fields.responseUrl,
    actions: [{ type: 'button', action_id: actionId, block_id: 'b1', value, text: { type: 'plain_text', text: 'Share in channel' }, action_ts: '1.2' }],
  };
  return new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
}
