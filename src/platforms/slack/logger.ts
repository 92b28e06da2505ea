/** Bolt's Logger interface over the app's pino logger, so Bolt's messages land in the same log. */
import { LogLevel, type Logger as BoltLogger } from '@slack/bolt';
import type { Logger } from 'pino';

function text(msg: unknown[]): string {
  return msg.map((m) => (m instanceof Error ? m.message : typeof m === 'string' ? m : JSON.stringify(m))).join(' ');
}

export function boltLogger(log: Logger): BoltLogger {
  const child = log.child({ component: 'slack-bolt' });
  let level = LogLevel.INFO;
  return {
    debug: (...msg) => child.debug({ detail: text(msg) }, 'bolt'),
    info: (...msg) => child.info({ detail: text(msg) }, 'bolt'),
    warn: (...msg) => child.warn({ detail: text(msg) }, 'bolt'),
    error: (...msg) => child.error({ detail: text(msg) }, 'bolt'),
    setLevel: (next) => {
      level = next;
    },
    getLevel: () => level,
    setName: () => undefined,
  };
}
