/**
 * A notifier that threads like Slack and Discord, for replay tests: it records each send's
 * thread parent (`threadRemoteId`) and answers a message id, "msg-1", "msg-2", …
 */
import type { Channel, Notifier } from '../../src/notifiers/types.js';

export interface Sent {
  alertId: string;
  title: string;
  threadRemoteId: string | null;
  remoteId: string;
}

export function threadedNotifier(): Notifier & { sent: Sent[] } {
  const channel: Channel = { id: 'threaded:alerts', notifier: 'threaded', target: 'alerts' };
  const sent: Sent[] = [];
  return {
    id: 'threaded',
    recovery: 'resend',
    sent,
    channels: () => [channel],
    async send(req) {
      const remoteId = `msg-${sent.length + 1}`;
      sent.push({ alertId: req.alert.id, title: req.alert.title, threadRemoteId: req.threadRemoteId, remoteId });
      return { remoteId };
    },
  };
}
