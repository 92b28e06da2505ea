/**
 * Feed XML → items, each with the id it is remembered by. Pure (rss-parser's `parseString`
 * does no I/O; it is async only because the XML reader is).
 *
 * Ids, in order of preference: the item's guid (RSS) or id (Atom); else its link; else
 * "sha256:" + the hash of its title and date. A publisher editing an item's text keeps its guid
 * or link, so an edit is not a new item; a reordered feed changes no id.
 *
 *   const feed = await parseFeed(bytes);   // throws SnapshotRefusedError for HTML / not a feed
 *   feed.items[0].id                        // "https://www.bis.gov/press-release/…"
 */
import { createHash } from 'node:crypto';
import { checkBody } from '../../core/guard.js';
import { SnapshotRefusedError } from '../../errors.js';
import { readText } from '../read-text.js';
import { FeedOutput, type FeedEntry } from './schema.js';

export interface ParsedItem {
  /** Dedupe id: guid → link → sha256 of title + date. */
  id: string;
  title: string;
  link: string | null;
  /** ISO 8601 when the feed's date could be read, else the feed's own text, else null. */
  date: string | null;
  /** Plain text of the item's content or summary, whitespace collapsed (untrimmed length). */
  text: string | null;
  categories: string[];
}

export interface ParsedFeed {
  title: string | null;
  items: ParsedItem[];
}

/** The fallback id of an item with neither guid nor link. */
export function hashId(title: string | null, date: string | null): string {
  return `sha256:${createHash('sha256').update(`${title ?? ''}\n${date ?? ''}`).digest('hex')}`;
}

function toItem(entry: FeedEntry): ParsedItem {
  const date = entry.isoDate ?? entry.pubDate;
  const text = entry.contentSnippet ?? entry.summary;
  return {
    id: entry.guid ?? entry.id ?? entry.link ?? hashId(entry.title, date),
    title: entry.title?.replace(/\s+/g, ' ') ?? '(untitled)',
    link: entry.link,
    date,
    text: text?.replace(/\s+/g, ' ').trim() || null,
    categories: entry.categories,
  };
}

/** Parse an RSS or Atom body. Throws SnapshotRefusedError('empty' | 'html' | 'unparseable'). */
export async function parseFeed(bytes: Buffer): Promise<ParsedFeed> {
  // The body decides, not Content-Type: some servers label their feeds text/html.
  checkBody(bytes, null);
  const text = readText(bytes, 'the feed');
  let output: unknown;
  try {
    // Loaded on first use: only installs with an RSS feed configured pay for it.
    const { default: Parser } = await import('rss-parser');
    output = await new Parser().parseString(text);
  } catch (err) {
    throw new SnapshotRefusedError('unparseable', 'the download is not an RSS or Atom feed', { cause: err });
  }
  const parsed = FeedOutput.safeParse(output);
  if (!parsed.success) {
    throw new SnapshotRefusedError('unparseable', 'the feed has an unexpected shape', { cause: parsed.error });
  }
  return { title: parsed.data.title, items: parsed.data.items.map(toItem) };
}
