/**
 * Source kind "page": a watched web page, for lists published only as pages (the FCC Covered
 * List). Configured in the config file (`sources.pages`, see README.md); each page is the
 * source `page:<name>`. Each poll keeps the text of the CSS-selected region as lines and alerts
 * once on lines added and removed; reordered rows and whitespace changes are not changes. The
 * first poll is a silent baseline.
 *
 *   const source = createPageSource({ id: 'page:fcc-covered-list', title: 'FCC Covered List',
 *     url: 'https://www.fcc.gov/supplychain/coveredlist', selector: 'main table' });
 */
import { createHash } from 'node:crypto';
import { SnapshotRefusedError } from '../../errors.js';
import { readText } from '../read-text.js';
import type { FeedItem, FeedSource } from '../types.js';
import { regionLines } from './extract.js';
import { decodeState, diffLineSets, encodeState, lineSet, type LineChange, type PageState } from './lines.js';
import { checkSelector, type PageSourceOptions } from './options.js';

export { WatchedPage, WatchedPages, type PageSourceOptions } from './options.js';

/** Changed lines listed in one alert; the rest are counted. */
const MAX_NOTE_LINES = 20;
/** Longest line shown in a note (a whole paragraph can be one line). */
const MAX_LINE_CHARS = 300;

function clip(line: string): string {
  return line.length > MAX_LINE_CHARS ? `${line.slice(0, MAX_LINE_CHARS - 1)}…` : line;
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

function changeNotes(change: LineChange): string[] {
  const all = [...change.added.map((line) => `+ ${clip(line)}`), ...change.removed.map((line) => `- ${clip(line)}`)];
  if (all.length <= MAX_NOTE_LINES) return all;
  return [...all.slice(0, MAX_NOTE_LINES), `… and ${all.length - MAX_NOTE_LINES} more changed lines`];
}

function toFeedItem(options: PageSourceOptions, state: PageState, change: LineChange, encoded: string): FeedItem {
  const counts = `${plural(change.added.length, 'line')} added, ${change.removed.length} removed`;
  const url = /^https?:\/\//i.test(options.url) ? options.url : null;
  return {
    id: `sha256:${createHash('sha256').update(encoded).digest('hex')}`,
    threadKey: null,
    title: `${options.title}: ${counts}`,
    notes: changeNotes(change),
    document: {
      title: options.title,
      url,
      publisher: url ? new URL(url).host : null,
      date: null,
      summary: `Change ${state.changes} to the watched region (“${options.selector}”): ${counts}.`,
      entities: [],
    },
    reference: `${options.title} (change ${state.changes})`,
  };
}

export function createPageSource(options: PageSourceOptions): FeedSource {
  checkSelector(options.selector);
  const selector = options.selector;
  return {
    id: options.id,
    kind: 'feed',
    title: options.title,
    async fetch(ctx) {
      const fetched = await ctx.download(options.url, ctx.validators);
      if (fetched.status === 'not-modified') return fetched;
      const html = readText(fetched.body.bytes, 'the page');
      if (html.trim() === '') throw new SnapshotRefusedError('empty', 'the page is empty');
      const region = regionLines(html, selector);
      // A redesigned page must be noticed, not read as "every line removed".
      if (region.matched === 0) {
        throw new SnapshotRefusedError('unparseable', `selector "${options.selector}" matched nothing on the page (redesigned?)`);
      }
      if (region.lines.length === 0) {
        throw new SnapshotRefusedError('empty', `the region "${options.selector}" has no text`);
      }
      const lines = lineSet(region.lines);
      const previous = decodeState(ctx.state);
      if (!previous) return { status: 'fetched', items: [], validators: fetched.validators, state: encodeState({ changes: 0, lines }) };
      const change = diffLineSets(previous.lines, lines);
      if (change.added.length === 0 && change.removed.length === 0) {
        return { status: 'fetched', items: [], validators: fetched.validators, state: encodeState(previous) };
      }
      const state: PageState = { changes: previous.changes + 1, lines };
      const encoded = encodeState(state);
      return { status: 'fetched', items: [toFeedItem(options, state, change, encoded)], validators: fetched.validators, state: encoded };
    },
  } satisfies FeedSource;
}
