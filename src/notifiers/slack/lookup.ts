/**
 * Find what Slack already has of one delivery, by the idempotency key every message of it carries
 * in its metadata (`event_payload.idempotency_key`, `part`: 0 the main message, 1… its thread
 * replies). Used before every send and by the deliverer's recovery, so an alert interrupted
 * anywhere — before the record, between thread replies, across a restart — is completed, never
 * posted twice.
 */
import type { WebClient } from '@slack/web-api';
import { z } from 'zod';

export const METADATA_EVENT_TYPE = 'entitywatch_alert';

/** Messages read back per page, and pages at most (alerts are rare; this spans days of chat). */
const PAGE_SIZE = 200;
const MAX_PAGES = 10;
/** Look from this long before the alert was created: our clock and Slack's may differ. */
const CLOCK_MARGIN_MS = 10 * 60 * 1000;

const Message = z.object({
  ts: z.string(),
  reply_count: z.number().optional(),
  metadata: z
    .object({
      event_type: z.string(),
      event_payload: z.object({ idempotency_key: z.string().optional(), part: z.number().optional() }).loose(),
    })
    .optional(),
});

const Page = z.object({
  messages: z.array(Message).default([]),
  response_metadata: z.object({ next_cursor: z.string().optional() }).optional(),
});

type Message = z.infer<typeof Message>;

export interface Posted {
  /** ts of the main message, null when it is not there. */
  mainTs: string | null;
  /** Thread parts (1…) found. */
  parts: Set<number>;
}

function partOf(message: Message, key: string): number | null {
  const meta = message.metadata;
  if (meta?.event_type !== METADATA_EVENT_TYPE || meta.event_payload.idempotency_key !== key) return null;
  return meta.event_payload.part ?? 0;
}

async function* pages(call: (cursor: string | undefined) => Promise<unknown>): AsyncGenerator<Message[]> {
  let cursor: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const parsed = Page.parse(await call(cursor));
    yield parsed.messages;
    cursor = parsed.response_metadata?.next_cursor || undefined;
    if (!cursor) return;
  }
}

export interface FindOptions {
  /** Slack channel id. */
  channel: string;
  idempotencyKey: string;
  /** The alert's creation time: nothing of it can be older. */
  createdAt: string;
  /** The thread the delivery was posted into (alert.threadOf), if any. */
  threadTs: string | null;
}

export async function findPosted(client: WebClient, options: FindOptions): Promise<Posted> {
  const found: Posted = { mainTs: null, parts: new Set() };
  const { channel, idempotencyKey: key } = options;
  const collect = (messages: Message[]) => {
    for (const message of messages) {
      const part = partOf(message, key);
      if (part === 0) found.mainTs ??= message.ts;
      else if (part !== null) found.parts.add(part);
    }
  };
  const replies = (ts: string) =>
    pages((cursor) => client.conversations.replies({ channel, ts, include_all_metadata: true, limit: PAGE_SIZE, cursor }));
  if (options.threadTs) {
    for await (const messages of replies(options.threadTs)) collect(messages);
    return found;
  }
  const created = Date.parse(options.createdAt);
  const oldest = Number.isFinite(created) ? ((created - CLOCK_MARGIN_MS) / 1000).toFixed(6) : undefined;
  let replyCount = 0;
  for await (const messages of pages((cursor) =>
    client.conversations.history({ channel, oldest, include_all_metadata: true, limit: PAGE_SIZE, cursor }),
  )) {
    collect(messages);
    if (found.mainTs) {
      replyCount = messages.find((m) => m.ts === found.mainTs)?.reply_count ?? 0;
      break;
    }
  }
  if (found.mainTs && replyCount > 0) for await (const messages of replies(found.mainTs)) collect(messages);
  return found;
}
