/**
 * A content hash of one watchlist's members, in order: what the store keeps beside each
 * watchlist (computed on import, from the members as stored) and what vouches for the
 * counterparty index copy beside the database (src/worker/counterparty-copy.ts), so a process
 * can trust that copy without reading 100,000 names back. Pure.
 *
 *   membersHash([{ name: 'Acme', country: 'CN', reference: null }])   // 'sha256:…'
 *
 * Every field counts (a changed country or reference is another watchlist), and a null reads
 * apart from any text: names and references hold no control characters (schema.ts), so the
 * separators below cannot occur in them.
 */
import { createHash } from 'node:crypto';
import type { ScreenedCounterparty } from './screen.js';

type Member = Pick<ScreenedCounterparty, 'name' | 'country' | 'reference'>;

/** Members per hash update: one string of a few hundred kB rather than a call per field. */
const BATCH = 2_000;

function field(value: string | null): string {
  return value === null ? '\u0001' : value;
}

export function membersHash(members: readonly Member[]): string {
  const hash = createHash('sha256');
  for (let at = 0; at < members.length; at += BATCH) {
    let text = '';
    const end = Math.min(members.length, at + BATCH);
    for (let i = at; i < end; i++) {
      const m = members[i]!;
      text += `${m.name}\u0000${field(m.country)}\u0000${field(m.reference)}\n`;
    }
    hash.update(text);
  }
  return `sha256:${hash.digest('hex')}`;
}
