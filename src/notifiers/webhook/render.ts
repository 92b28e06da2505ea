/**
 * The generic JSON webhook payload. Pure.
 *
 * Receivers get the whole platform-neutral alert (`alert`) to process as data, plus `text`, a
 * plain rendering with chat mention and link syntax defanged, for receivers that only show text.
 */
import type { Alert } from '../../core/alert.js';
import { alertLines, defang } from '../plain-text.js';

export interface WebhookPayload {
  /** Payload format version. */
  version: 1;
  /** Same for every attempt at this alert + channel: receivers drop repeats by it. */
  idempotencyKey: string;
  text: string;
  alert: Alert;
}

export function renderWebhookPayload(alert: Alert, idempotencyKey: string): WebhookPayload {
  return { version: 1, idempotencyKey, text: defang(alertLines(alert).join('\n')), alert };
}
