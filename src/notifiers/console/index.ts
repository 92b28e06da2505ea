/**
 * Console notifier: prints alerts as plain text to stdout. The default channel when no chat
 * platform is configured, so a fresh install shows what it would post.
 *
 *   CONSOLE_ALERTS=auto   # on when no webhook/Slack/Discord is configured (default); on | off to force
 */
import type { Writable } from 'node:stream';
import { alertLines } from '../plain-text.js';
import type { Channel, Notifier } from '../types.js';

export const CONSOLE_CHANNEL: Channel = { id: 'console', notifier: 'console', target: 'stdout' };

export function createConsoleNotifier(out: Writable = process.stdout): Notifier {
  return {
    id: 'console',
    // Printing twice after a crash is harmless and there is nothing to ask: resend.
    recovery: 'resend',
    channels: () => [CONSOLE_CHANNEL],
    async send({ alert }) {
      out.write(`${alertLines(alert).join('\n')}\n\n`);
      return { remoteId: null };
    },
  };
}
