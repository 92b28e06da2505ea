/**
 * Platform-neutral alerts: what the worker stores in the outbox and every notifier renders.
 *
 * An alert is built once (pure, in core/alerts.ts or a source's own builder), stored as JSON,
 * and rendered per channel. Notifiers must treat every string that came from a source as
 * untrusted text: escape it for their platform, never let it become a mention or a link.
 */
import type { Change, ListCode } from './model.js';

export type AlertKind = 'designations' | 'source-health' | 'document' | 'watchlist-hit' | 'test';

export type AlertPriority = 'normal' | 'high';

export interface AlertLink {
  /** Link text, e.g. "88 FR 18983". */
  label: string;
  /** Absolute http(s) URL. */
  url: string;
}

interface AlertBase {
  /** Unique, stable id; with a channel id it is the delivery's idempotency key. */
  id: string;
  kind: AlertKind;
  /** The source id that produced the alert ("csl", "federal-register", …); "entitywatch" for the app's own. */
  source: string;
  /** ISO timestamp of creation. */
  createdAt: string;
  /** One-line headline, e.g. "Entity List — 5 additions, 1 amendment". */
  title: string;
  priority: AlertPriority;
  /** An earlier alert this one continues: notifiers that thread reply under that alert's message. */
  threadOf: string | null;
  /** Short context lines shown under the title, e.g. "Announced in FR 2023-06587 on 2023-03-30". */
  notes: string[];
  /** Links for the whole alert (FR citation, source list page). */
  links: AlertLink[];
}

/** New, removed and amended entries of one list from one source update. */
export interface DesignationsAlert extends AlertBase {
  kind: 'designations';
  list: ListCode;
  listName: string;
  /** Every change of this list in this update, one row each (never split into several alerts). */
  changes: Change[];
}

/** A source stopped working, had a snapshot refused, or recovered. Goes to admin channels, unfiltered. */
export interface SourceHealthAlert extends AlertBase {
  kind: 'source-health';
  status: 'refused' | 'failing' | 'recovered';
  /** Machine-readable reason code, e.g. "mass-removal", "html", "unavailable". */
  reasonCode: string;
  /** Human-readable explanation. */
  reason: string;
}

/** Names a document announces for one list, one action and one country (Federal Register rules and notices). */
export interface EntityGroup {
  action: 'added' | 'revised' | 'removed';
  list: ListCode;
  /** The country as an English short name ("China"; "China, Hong Kong" for a multi-country entry), or null when the document gives none. */
  country: string | null;
  /** Every name, in the document's order; never cut (renderers continue long groups in the thread). */
  names: string[];
}

/** A document or feed item: a Federal Register rule, a press release, a watched page's change. */
export interface DocumentAlert extends AlertBase {
  kind: 'document';
  documents: Array<{
    title: string;
    url: string | null;
    /** Issuing agency or feed name. */
    publisher: string | null;
    /** YYYY-MM-DD or ISO timestamp. */
    date: string | null;
    summary: string | null;
    /** Entity names read from the document, when it lists any. */
    entities: string[];
    /** The same names grouped by action, list and country, when the document says; absent for other feeds. */
    groups?: EntityGroup[];
  }>;
}

/** A counterparty on an admin's watchlist matched a new or amended designation. */
export interface WatchlistHitAlert extends AlertBase {
  kind: 'watchlist-hit';
  hits: Array<{
    watchlist: string;
    counterparty: string;
    reference: string | null;
    designationKey: string;
    designationName: string;
    list: ListCode;
    matchedName: string;
    score: number;
  }>;
}

/** A sample alert posted on request (`/entitywatch test`). */
export interface TestAlert extends AlertBase {
  kind: 'test';
}

export type Alert = DesignationsAlert | SourceHealthAlert | DocumentAlert | WatchlistHitAlert | TestAlert;
