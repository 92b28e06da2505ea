/**
 * What an answer was checked against — its basis. Pure. Every lookup, `/entity` reply and
 * screening result carries one, because "not listed" is only true of the lists as they were
 * loaded: how many designations, on which lists, and how fresh each source is.
 *
 *   const basis = basisOf([{ source: 'csl', designations: 4197, lists: ['EL', 'SDN'], asOf: '2026-05-04T09:15:00Z' }], now, 45 * 60_000);
 *   basisLine(basis)    // "Checked against 4,197 designations on 2 lists (csl as of 2026-05-04 09:15 UTC)."
 *   staleWarning(basis) // null, or "WARNING: csl was last updated 2026-05-03 09:15 UTC …"
 *
 * `basis.designations === 0` means nothing is loaded: callers refuse to answer (NOT_LOADED)
 * rather than say "no match".
 */
import type { ListCode } from './model.js';

/** One source that holds designations. */
export interface SourceBasis {
  /** Source id ("csl", "ofac-sdn"). */
  id: string;
  /** Its current designations. */
  designations: number;
  /** Its last accepted snapshot — accepted, or confirmed unchanged (ISO), or null if never. */
  asOf: string | null;
  /** True when `asOf` is older than the configured staleness limit (or missing). */
  stale: boolean;
}

/** The `basis` field of lookup and screening answers (`--json` too). */
export interface Basis {
  /** Designations searched, over every source. */
  designations: number;
  /** The lists they are on, sorted. */
  lists: ListCode[];
  /** Each source that holds designations, by id. */
  sources: SourceBasis[];
  /** True when any source is stale. */
  stale: boolean;
  /** The staleness limit applied (STALE_AFTER_PERIODS × poll period), or null when not checked. */
  staleAfterMs: number | null;
}

/** What one source contributes, as read from the store. */
export interface SourceHoldings {
  source: string;
  designations: number;
  lists: readonly ListCode[];
  asOf: string | null;
}

/** The refusal every channel gives when nothing is loaded (the CLI exits 1 with it). */
export const NOT_LOADED = 'the lists are not loaded yet: run `entitywatch poll`';

/** NOT_LOADED as a chat reply: "The lists are not loaded yet: run `entitywatch poll`. Nothing was checked." */
export function notLoadedReply(): string {
  return `The${NOT_LOADED.slice(3)}. Nothing was checked.`;
}

export function basisOf(holdings: readonly SourceHoldings[], now: Date, staleAfterMs: number | null): Basis {
  const held = holdings.filter((h) => h.designations > 0).sort((a, b) => a.source.localeCompare(b.source));
  const sources = held.map((h) => ({
    id: h.source,
    designations: h.designations,
    asOf: h.asOf,
    stale: staleAfterMs !== null && (h.asOf === null || now.getTime() - Date.parse(h.asOf) > staleAfterMs),
  }));
  return {
    designations: sources.reduce((sum, s) => sum + s.designations, 0),
    lists: [...new Set(held.flatMap((h) => h.lists))].sort(),
    sources,
    stale: sources.some((s) => s.stale),
    staleAfterMs,
  };
}

/** "2026-05-04 09:15 UTC". */
export function utcMinute(iso: string): string {
  return `${iso.slice(0, 16).replace('T', ' ')} UTC`;
}

/**
 * `n.toLocaleString('en-US')` for a whole number ("30,000"), without the ICU number formatter:
 * creating it is the first call's ~15 ms, a tenth of a whole `entitywatch lookup`.
 */
export function thousands(n: number): string {
  if (!Number.isSafeInteger(n)) return n.toLocaleString('en-US');
  return String(n).replace(/\B(?=(\d{3})+$)/g, ',');
}

function count(n: number, one: string, many = `${one}s`): string {
  return `${thousands(n)} ${n === 1 ? one : many}`;
}

/** One line: "Checked against N designations on M lists (csl as of …; ofac-sdn as of …)." */
export function basisLine(basis: Basis): string {
  const sources = basis.sources.map((s) => `${s.id} as of ${s.asOf ? utcMinute(s.asOf) : 'never'}`).join('; ');
  return `Checked against ${count(basis.designations, 'designation')} on ${count(basis.lists.length, 'list')} (${sources}).`;
}

function duration(ms: number): string {
  const minutes = Math.round(ms / 60_000);
  if (minutes < 120) return count(minutes, 'minute');
  const hours = Math.round(minutes / 60);
  return hours < 48 ? count(hours, 'hour') : count(Math.round(hours / 24), 'day');
}

/** A prominent warning naming each stale source, or null when every source is fresh. */
export function staleWarning(basis: Basis): string | null {
  const stale = basis.sources.filter((s) => s.stale);
  if (stale.length === 0) return null;
  const which = stale.map((s) => `${s.id} (last updated ${s.asOf ? utcMinute(s.asOf) : 'never'})`).join(', ');
  const limit = basis.staleAfterMs === null ? '' : ` more than ${duration(basis.staleAfterMs)} ago`;
  return `WARNING: out of date — ${which}${limit ? `: its last successful poll was${limit}` : ''}. A designation made since then is not in this answer; run \`entitywatch status\`.`;
}
