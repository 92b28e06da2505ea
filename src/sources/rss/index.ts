/**
 * Source kind "rss": any RSS or Atom feed (agency press releases, news), filtered by keywords.
 * Configured in the config file (`sources.rss`, see README.md); each feed is the source
 * `rss:<name>`. Each new item that passes the filter alerts once; the first poll is a silent
 * baseline (worker/poll-feed.ts remembers item ids).
 *
 *   const source = createRssSource({ id: 'rss:bis-press', title: 'BIS press releases',
 *     url: 'https://www.bis.gov/rss.xml', include: ['Entity List'] });
 */
import type { FeedItem, FeedSource } from '../types.js';
import { compileFilter } from './filter.js';
import { parseFeed, type ParsedItem } from './parse.js';
import type { RssSourceOptions } from './options.js';
import { createBoundedRegex, REGEX_TIMEOUT_MS } from './regex.js';

export { RssFeed, RssFeeds, type RssSourceOptions } from './options.js';

/** Longest summary kept in an alert; feeds may carry whole articles. */
const SUMMARY_CHARS = 500;

export function trimSummary(text: string | null, max = SUMMARY_CHARS): string | null {
  if (!text || text.length <= max) return text;
  const cut = text.slice(0, max);
  const space = cut.lastIndexOf(' ');
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

function toFeedItem(item: ParsedItem, feedTitle: string): FeedItem {
  return {
    id: item.id,
    threadKey: null,
    title: `${feedTitle}: ${item.title}`,
    document: {
      title: item.title,
      // Renderers link the document title; a relative or non-web link would be a broken one.
      url: item.link && /^https?:\/\//i.test(item.link) ? item.link : null,
      publisher: feedTitle,
      date: item.date,
      summary: trimSummary(item.text),
      entities: [],
    },
    reference: `${feedTitle}: ${item.title}`,
  };
}

export function createRssSource(options: RssSourceOptions): FeedSource {
  const filter = compileFilter({ include: options.include, exclude: options.exclude ?? [] });
  const regex = options.regex ? createBoundedRegex(options.regex, options.regexTimeoutMs ?? REGEX_TIMEOUT_MS) : null;
  return {
    id: options.id,
    kind: 'feed',
    title: options.title,
    async fetch(ctx) {
      const fetched = await ctx.download(options.url, ctx.validators);
      if (fetched.status === 'not-modified') return fetched;
      const feed = await parseFeed(fetched.body.bytes);
      const items: FeedItem[] = [];
      for (const item of feed.items) {
        // What filters and the regex see: title, summary and categories, one per line, empty parts left out.
        const text = [item.title, item.text, ...item.categories].filter((part): part is string => Boolean(part)).join('\n');
        const result = filter.test(text, regex && ((t) => regex.test(t)));
        if (result.regexTimedOut) {
          ctx.log.warn({ source: options.id, item: item.id, regex: options.regex }, 'feed regex timed out; item treated as no match');
        }
        if (result.pass) items.push(toFeedItem(item, options.title));
      }
      return { status: 'fetched', items, validators: fetched.validators };
    },
  } satisfies FeedSource;
}
