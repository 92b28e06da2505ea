/**
 * Rows read back from SQLite: a zod schema per table shape (snake_case columns, JSON as text)
 * and its mapping to the Store's objects. A row that fails its schema means the file was edited
 * or written by other code; the parse error says which column. Zod Mini (./zod.ts says why).
 *
 * Designation rows are the exception: reads only JSON.parse them, for speed (see snapshots.ts).
 */
import * as z from 'zod/mini';
import './zod.js';
import type { Alert as AlertModel } from '../../src/core/alert.js';
import type { WatchRule as WatchRuleModel } from '../../src/core/watch.js';
import type { AuditEntry as AuditEntryModel, Delivery as DeliveryModel, SourceState as SourceStateModel } from '../types.js';
import { Alert, ListCode } from './model-schema.js';

export { Alert, Change, Designation, FieldChange, ListCode } from './model-schema.js';

/** A JSON text column holding a value of `schema`. */
function json<T extends z.ZodMiniType>(schema: T) {
  return z.pipe(
    z.pipe(
      z.string(),
      z.transform((text: string, ctx) => {
        try {
          return JSON.parse(text) as unknown;
        } catch {
          ctx.issues.push({ code: 'custom', message: 'not valid JSON', input: text });
          return z.NEVER;
        }
      }),
    ),
    schema,
  );
}

const nullableString = z.nullable(z.string());
const count = z.int().check(z.nonnegative());
const rowId = z.int().check(z.positive());

export const SourceStateRow = z.pipe(
  z.object({
    source: z.string(),
    etag: nullableString,
    last_modified: nullableString,
    content_hash: nullableString,
    last_checked_at: nullableString,
    last_success_at: nullableString,
    last_change_at: nullableString,
    last_error_code: nullableString,
    last_error_message: nullableString,
    last_error_at: nullableString,
    consecutive_failures: count,
    designation_count: count,
  }),
  z.transform(
    (row): SourceStateModel => ({
      source: row.source,
      etag: row.etag,
      lastModified: row.last_modified,
      contentHash: row.content_hash,
      lastCheckedAt: row.last_checked_at,
      lastSuccessAt: row.last_success_at,
      lastChangeAt: row.last_change_at,
      lastError:
        row.last_error_code === null
          ? null
          : { at: row.last_error_at ?? '', code: row.last_error_code, message: row.last_error_message ?? '' },
      consecutiveFailures: row.consecutive_failures,
      designationCount: row.designation_count,
    }),
  ),
);

export const DeliveryRow = z.pipe(
  z.object({
    alert_id: z.string(),
    channel: z.string(),
    state: z.enum(['pending', 'sending', 'sent', 'failed']),
    match_keys: z.nullable(json(z.array(z.string()))),
    attempts: count,
    next_attempt_at: z.string(),
    last_error: nullableString,
    remote_id: nullableString,
    sent_at: nullableString,
    created_at: z.string(),
  }),
  z.transform(
    (row): DeliveryModel => ({
      alertId: row.alert_id,
      channel: row.channel,
      state: row.state,
      matchKeys: row.match_keys,
      attempts: row.attempts,
      nextAttemptAt: row.next_attempt_at,
      lastError: row.last_error,
      remoteId: row.remote_id,
      sentAt: row.sent_at,
      createdAt: row.created_at,
    }),
  ),
);

/** The alerts.payload column. */
export const AlertPayload = json(Alert) satisfies z.ZodMiniType<AlertModel, string>;

export const WatchRuleRow = z.pipe(
  z.object({
    id: rowId,
    channel: z.string(),
    term: nullableString,
    list: z.nullable(ListCode),
    country: nullableString,
    created_by: z.string(),
    created_at: z.string(),
  }),
  z.transform(
    (row): WatchRuleModel => ({
      id: row.id,
      channel: row.channel,
      term: row.term,
      list: row.list,
      country: row.country,
      createdBy: row.created_by,
      createdAt: row.created_at,
    }),
  ),
);

export const AuditRow = z.pipe(
  z.object({
    id: rowId,
    at: z.string(),
    actor: z.string(),
    action: z.string(),
    detail: json(z.record(z.string(), z.unknown())),
  }),
  z.transform((row): AuditEntryModel => ({ ...row })),
);

/** Column lists matching the row schemas, for SELECTs. */
export const SOURCE_STATE_COLUMNS =
  'source, etag, last_modified, content_hash, last_checked_at, last_success_at, last_change_at, ' +
  'last_error_code, last_error_message, last_error_at, consecutive_failures, designation_count';
export const DELIVERY_COLUMNS =
  'alert_id, channel, state, match_keys, attempts, next_attempt_at, last_error, remote_id, sent_at, created_at';
export const WATCH_RULE_COLUMNS = 'id, channel, term, list, country, created_by, created_at';
