/**
 * Every notifier entitywatch knows, built from config. Console is the default channel: on when
 * CONSOLE_ALERTS=on, or when it is "auto" and no other notifier is configured.
 */
import type { Writable } from 'node:stream';
import type { Config } from '../config.js';
import { createConsoleNotifier } from './console/index.js';
import type { Notifier } from './types.js';
import { createWebhookNotifier } from './webhook/index.js';

export const NOTIFIER_IDS = ['console', 'webhook'] as const;

export interface NotifierEnv {
  /** Where the console notifier prints. */
  stdout: Writable;
}

export function buildNotifiers(config: Config, env: NotifierEnv): Notifier[] {
  const notifiers: Notifier[] = [];
  if (config.notifiers.webhookUrls.length > 0) {
    notifiers.push(
      createWebhookNotifier({ urls: config.notifiers.webhookUrls, timeoutMs: config.http.timeoutMs, userAgent: config.http.userAgent }),
    );
  }
  const consoleOn = config.notifiers.console === 'on' || (config.notifiers.console === 'auto' && notifiers.length === 0);
  if (consoleOn) notifiers.push(createConsoleNotifier(env.stdout));
  return notifiers;
}
