/**
 * The settings of the `page` source kind: `sources.pages` in the config file, one entry per
 * watched page, each the source `page:<name>` (see README.md). The selector is checked when the
 * config is read (loading cheerio then, and only when a page is configured), so a selector
 * cheerio cannot use stops the process naming `sources.pages[i].selector`.
 *
 *   sources:
 *     pages:
 *       - { name: ofac-recent-actions, url: https://ofac.treasury.gov/recent-actions, selector: main }
 */
import { z } from 'zod';
import { Location, Name, uniqueNames } from '../settings.js';
import { loadHtml } from './cheerio.js';

/** Throws when cheerio (css-select) cannot use the selector. */
export function checkSelector(selector: string): void {
  loadHtml('<p></p>')(selector);
}

/** One watched page; the title defaults to the name. */
export const WatchedPage = z
  .strictObject({
    name: Name,
    /** Page name in alerts and status; defaults to the name. */
    title: z.string().trim().min(1).optional(),
    url: Location,
    /** CSS selector of the watched region. */
    selector: z.string().superRefine((selector, ctx) => {
      try {
        checkSelector(selector);
      } catch (err) {
        ctx.addIssue({ code: 'custom', message: err instanceof Error ? err.message : String(err) });
      }
    }),
  })
  .transform((page) => ({ ...page, title: page.title ?? page.name }));
export type WatchedPage = z.output<typeof WatchedPage>;

/** `sources.pages`: the pages, names unique. */
export const WatchedPages = z.array(WatchedPage).default([]).superRefine(uniqueNames);

/** What createPageSource takes: a configured page under its source id. */
export interface PageSourceOptions extends Omit<WatchedPage, 'name'> {
  /** "page:<name>". */
  id: string;
}
