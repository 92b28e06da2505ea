/**
 * The audit export of `entitywatch alerts --csv`: one row per change (or per document, hit, or
 * health event) with the alert it belongs to and every channel's delivery state, for the
 * compliance file. Cells are formula-safe (csvCell, as `watchlist screen --csv`). Pure.
 *
 *   alert_id,created_at,action_date,source,kind,priority,title,change,list,name,key,countries,
 *   fr_citation,start_date,fields_changed,detail,deliveries
 *
 * `deliveries` is "slack:C0123 sent 2026-05-04T09:31:02Z; webhook:3f9a1c2b failed (HTTP 410…)",
 * or "NO CHANNEL" when the alert reached no channel at all.
 */
import type { Alert } from '../core/alert.js';
import { actionDate } from '../core/facts.js';
import type { Change } from '../core/model.js';
import type { AlertRecord, Delivery } from '../../store/types.js';
import { csvCell } from '../watchlists/screen-csv.js';

function csvLine(cells: readonly string[]): string {
  return cells.map(csvCell).join(',');
}

export const ALERTS_CSV_HEADER = [
  'alert_id', 'created_at', 'action_date', 'source', 'kind', 'priority', 'title', 'change', 'list', 'name', 'key',
  'countries', 'fr_citation', 'start_date', 'fields_changed', 'detail', 'deliveries',
] as const;

/** What `deliveries` says when an alert was routed to no channel. */
export const NO_CHANNEL = 'NO CHANNEL';

function deliveryText(d: Delivery): string {
  if (d.state === 'sent') return `${d.channel} sent ${d.sentAt ?? ''}`.trimEnd();
  return `${d.channel} ${d.state}${d.lastError ? ` (${d.lastError}; attempts ${d.attempts})` : ''}`;
}

/** Per-change cells: change, list, name, key, countries, fr_citation, start_date, fields_changed, detail. */
function changeCells(change: Change): string[] {
  const d = change.kind === 'removed' ? change.before : change.after;
  const fields = change.kind === 'amended' ? change.fields.map((f) => f.field).join(' ') : '';
  const detail =
    change.kind === 'amended'
      ? change.fields.map((f) => `${f.field}: ${f.summary.replace(/\n/g, ' / ')}`).join('; ')
      : change.kind === 'removed' && change.notice
        ? `removed by ${change.notice}`
        : '';
  return [change.kind, d.list, d.name, d.key, d.countries.join(' '), d.frCitation ?? '', d.startDate ?? '', fields, detail];
}

function itemRows(alert: Alert): string[][] {
  const none = (detail: string): string[] => ['', '', '', '', '', '', '', '', detail];
  switch (alert.kind) {
    case 'designations':
      return alert.changes.map(changeCells);
    case 'document':
      return alert.documents.map((doc) => none(`${doc.title}${doc.url ? ` ${doc.url}` : ''}`));
    case 'watchlist-hit':
      return alert.hits.map((h) => ['hit', h.list, h.designationName, h.designationKey, '', '', '', '', `${h.watchlist}: ${h.counterparty}${h.reference ? ` [${h.reference}]` : ''} via "${h.matchedName}" score ${h.score.toFixed(2)}`]);
    case 'source-health':
      return [none(`${alert.status} (${alert.reasonCode}): ${alert.reason}`)];
    case 'test':
      return [none('test alert')];
  }
}

/** The CSV lines of the records (header first), oldest alert first as a file is read. */
export function alertsCsv(records: readonly AlertRecord[]): string[] {
  const lines = [ALERTS_CSV_HEADER.join(',')];
  for (const { alert, deliveries } of [...records].reverse()) {
    const head = [alert.id, alert.createdAt, actionDate(alert) ?? '', alert.source, alert.kind, alert.priority, alert.title];
    const delivered = deliveries.length > 0 ? deliveries.map(deliveryText).join('; ') : NO_CHANNEL;
    for (const row of itemRows(alert)) lines.push(csvLine([...head, ...row, delivered]));
  }
  return lines;
}

/** "7d", "12h", "30m", "2w" or an ISO date/time → the ISO instant it means (from `now`), or null. */
export function parseSince(text: string, now: Date): string | null {
  const relative = /^(\d+)\s*(m|h|d|w)$/i.exec(text.trim());
  if (relative) {
    const unit = { m: 60_000, h: 3_600_000, d: 86_400_000, w: 7 * 86_400_000 }[relative[2]!.toLowerCase() as 'm' | 'h' | 'd' | 'w'];
    return new Date(now.getTime() - Number(relative[1]) * unit).toISOString();
  }
  if (!/^\d{4}-\d\d-\d\d/.test(text.trim())) return null;
  const at = new Date(text.trim());
  return Number.isNaN(at.getTime()) ? null : at.toISOString();
}
