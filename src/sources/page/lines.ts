/**
 * A watched page's state between polls, and the change between two states. Pure.
 *
 * The state keeps the region's lines as a sorted set, so a page that only reorders its rows or
 * re-indents its markup reads as unchanged. It also counts the accepted changes: the alert id is
 * the hash of the whole state, so a page that returns to an earlier text (a row removed, then
 * added back) is a new item each time, not one already seen.
 *
 *   const change = diffLineSets(['A', 'B'], ['B', 'C']); // → { added: ['C'], removed: ['A'] }
 */
import { diffArrays } from 'diff';
import { z } from 'zod';

export interface PageState {
  /** Accepted changes since the baseline. */
  changes: number;
  /** Sorted, unique, whitespace-normalised lines of the region. */
  lines: string[];
}

const StoredState = z.object({ changes: z.number().int().min(0), lines: z.array(z.string()) });

/** Sorted unique lines, in code-unit order (the same on every machine and locale). */
export function lineSet(lines: readonly string[]): string[] {
  return [...new Set(lines)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

export function encodeState(state: PageState): string {
  return JSON.stringify(state);
}

/** The stored state, or null when there is none or it cannot be read (then the poll re-baselines). */
export function decodeState(text: string | null): PageState | null {
  if (text === null) return null;
  try {
    const parsed = StoredState.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export interface LineChange {
  added: string[];
  removed: string[];
}

/** Lines added and removed between two sorted line sets. */
export function diffLineSets(before: string[], after: string[]): LineChange {
  const change: LineChange = { added: [], removed: [] };
  for (const part of diffArrays(before, after)) {
    if (part.added) change.added.push(...part.value);
    else if (part.removed) change.removed.push(...part.value);
  }
  return change;
}
