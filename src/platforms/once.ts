/**
 * "Have I handled this delivery already?" for chat platforms that deliver at least once: Slack
 * redelivers a Socket Mode envelope it thinks was not acknowledged (and retries after a dropped
 * socket); Discord may send one interaction again around a gateway resume. A command must run,
 * and be answered, once.
 *
 *   const once = createOnce();
 *   if (!once(`slack:${teamId}:${triggerId}`)) return;   // a repeat: acknowledge, do nothing
 *
 * Keys are remembered for `ttlMs` (default 15 minutes: Slack retries for minutes, Discord's
 * interaction token lives 15) and at most `max` of them (oldest forgotten first). In memory: one
 * process receives one platform connection, so repeats reach the process that saw the first.
 */
export type Once = (key: string) => boolean;

export function createOnce(options: { ttlMs?: number; max?: number; now?: () => number } = {}): Once {
  const ttl = options.ttlMs ?? 15 * 60_000;
  const max = options.max ?? 10_000;
  const now = options.now ?? Date.now;
  // Insertion order is age order: the oldest keys are first.
  const seen = new Map<string, number>();
  return (key) => {
    const at = now();
    for (const [old, until] of seen) {
      if (until > at && seen.size < max) break;
      seen.delete(old);
    }
    if (seen.has(key)) return false;
    seen.set(key, at + ttl);
    return true;
  };
}
