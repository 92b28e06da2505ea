/**
 * Screening hits as CSV, the same for `entitywatch watchlist screen NAME --csv` and the file a
 * chat `watchlist screen` attaches. Pure.
 *
 *   screenCsv(hits)
 *   // "watchlist,counterparty,reference,list,designation,matched_name,score\r\nsuppliers,Hikvision,SUP-1,EL,…"
 */
import type { WatchlistHit } from './screen.js';

export const SCREEN_CSV_HEADER = ['watchlist', 'counterparty', 'reference', 'list', 'designation', 'matched_name', 'score'] as const;

/**
 * One CSV cell: quoted when it holds a separator, quote or line break. A cell that a spreadsheet
 * would run as a formula (=, +, -, @ first) gets a leading apostrophe: names come from the lists
 * and from whoever wrote the counterparty file.
 */
export function csvCell(value: string): string {
  const text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) || text !== text.trim() ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvLine(hit: WatchlistHit): string {
  return [hit.watchlist, hit.counterparty, hit.reference ?? '', hit.list, hit.designationName, hit.matchedName, String(hit.score)].map(csvCell).join(',');
}

/** The header and one line per hit, each line ended by "\n" (as the CLI prints it). */
export function screenCsv(hits: readonly WatchlistHit[]): string {
  return [SCREEN_CSV_HEADER.join(','), ...hits.map(csvLine)].map((line) => `${line}\n`).join('');
}
