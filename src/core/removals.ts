/**
 * Removals are confirmed before they are announced. Pure.
 *
 *   const settled = settleRemovals({ removed: diff.removed, pending, tail, contentHash, at });
 *   // settled.confirmed: announce and delete now; settled.pending: keep, ask the next download
 *
 * Additions and amendments go out at once; a designation missing from a download only becomes
 * pending. The **next poll's download** confirms it (chosen over an immediate re-fetch): a
 * delisting announced one poll late harms nobody — the entity stays "listed" meanwhile, the
 * safe answer — while the publisher glitches seen in practice (the CSL losing ~15,000 SDN/SSI
 * rows for a day in May 2024, a download cut at a row boundary, a CDN serving a stale partial)
 * last minutes to hours, longer than a re-fetch seconds later would wait; and it costs no
 * extra request. The price: a real delisting is announced one poll interval later. The worker
 * downloads unconditionally while removals are pending (no 304 from the suspect download's
 * validators) and re-reads a body even when its hash is unchanged.
 *
 * - A pending key present again in the next download is dropped: nothing is announced.
 * - A pending key still missing is confirmed.
 * - Suspected cut-off: when the newly missing keys are exactly the last rows of the previous
 *   accepted file (`tail`, in file order), they are marked `cut-off` and confirmed only by a
 *   later download with different content (a new file that still lacks them) — the same bytes
 *   again are most likely the same cut copy served again.
 *
 * Pending removals are stored with the snapshot commit (store/pending-removals.ts), in the same
 * transaction, so a restart neither loses nor repeats one.
 */
import type { Designation } from './model.js';

/** A designation missing from one download and waiting for another to agree. */
export interface PendingRemoval {
  /** The designation's key. */
  key: string;
  /** When it was first found missing (ISO). */
  since: string;
  /** Content hash of the download it was first found missing from. */
  seenIn: string;
  /** 'cut-off' when the missing rows were exactly the previous file's last rows. */
  suspect: 'cut-off' | null;
}

export interface SettleInput {
  /** Every stored designation the new download lacks (the diff's removals). */
  removed: readonly Designation[];
  /** Pending removals from earlier polls. */
  pending: readonly PendingRemoval[];
  /** Keys of the previous accepted file's last rows, in file order. */
  tail: readonly string[];
  /** Content hash of this download. */
  contentHash: string;
  /** This poll's time (ISO). */
  at: string;
}

export interface Settled {
  /** Removals to announce and apply now. */
  confirmed: Designation[];
  /** Removals to keep waiting (the designations stay current meanwhile). */
  pending: PendingRemoval[];
  /** Pending removals whose designation came back: dropped without a word. */
  reappeared: string[];
  /** True when this download's new removals look like a cut-off (see the module comment). */
  suspectedCutOff: boolean;
}

/** How many of a file's last keys are kept to recognise a cut-off. */
export const TAIL_KEYS = 1000;

/** Whether `keys` are exactly the last `keys.length` entries of `tail`. */
function isTailOf(keys: readonly string[], tail: readonly string[]): boolean {
  if (keys.length === 0 || keys.length > tail.length) return false;
  const last = new Set(tail.slice(tail.length - keys.length));
  return keys.every((key) => last.has(key));
}

export function settleRemovals(input: SettleInput): Settled {
  const byKey = new Map(input.pending.map((p) => [p.key, p]));
  const missing = new Set(input.removed.map((d) => d.key));
  const confirmed: Designation[] = [];
  const pending: PendingRemoval[] = [];
  const fresh: string[] = [];
  for (const d of input.removed) {
    const earlier = byKey.get(d.key);
    if (!earlier) fresh.push(d.key);
    else if (earlier.suspect === 'cut-off' && earlier.seenIn === input.contentHash) pending.push(earlier);
    else confirmed.push(d);
  }
  const suspectedCutOff = isTailOf(fresh, input.tail);
  for (const key of fresh) {
    pending.push({ key, since: input.at, seenIn: input.contentHash, suspect: suspectedCutOff ? 'cut-off' : null });
  }
  const reappeared = input.pending.filter((p) => !missing.has(p.key)).map((p) => p.key);
  return { confirmed, pending, reappeared, suspectedCutOff };
}

/** The last `TAIL_KEYS` keys of a snapshot in file order, to store beside it. */
export function tailKeys(designations: readonly Designation[]): string[] {
  return designations.slice(-TAIL_KEYS).map((d) => d.key);
}
