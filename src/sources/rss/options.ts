/**
 * The settings of the `rss` source kind: `sources.rss` in the config file, one entry per feed,
 * each the source `rss:<name>` (see README.md). The regex is compiled when the config is read, so
 * a pattern that does not compile stops the process naming `sources.rss[i].regex`.
 *
 *   sources:
 *     rss:
 *       - { name: bis-federal-register, url: "https://…/documents.rss?…", include: [Entity List], regex: "\\badd" }
 */
import { z } from 'zod';
import { Location, Name, Term, uniqueNames } from '../settings.js';

/** Flags for user patterns: case-insensitive, like keywords. Not 'u': it would reject patterns valid elsewhere. */
export const USER_REGEX_FLAGS = 'i';

/** Why a pattern is not a valid regular expression, or null when it is. */
export function regexProblem(pattern: string): string | null {
  try {
    new RegExp(pattern, USER_REGEX_FLAGS);
    return null;
  } catch (err) {
    return err instanceof Error ? err.message : String(err);
  }
}

/** One configured feed; the title defaults to the name. */
export const RssFeed = z
  .strictObject({
    name: Name,
    /** Shown in alerts and status; defaults to the name. */
    title: z.string().trim().min(1).optional(),
    url: Location,
    /** Words or phrases; an item must match one of them or the regex. Empty with no regex: every item. */
    include: z.array(Term).default([]),
    /** Words or phrases that drop an item. */
    exclude: z.array(Term).default([]),
    /** Case-insensitive JavaScript regex, run with a time limit. */
    regex: z
      .string()
      .nullable()
      .default(null)
      .superRefine((pattern, ctx) => {
        const problem = pattern === null ? null : regexProblem(pattern);
        if (problem) ctx.addIssue({ code: 'custom', message: problem });
      }),
  })
  .transform((feed) => ({ ...feed, title: feed.title ?? feed.name }));
export type RssFeed = z.output<typeof RssFeed>;

/** `sources.rss`: the feeds, names unique. */
export const RssFeeds = z.array(RssFeed).default([]).superRefine(uniqueNames);

/**
 * What createRssSource takes: a configured feed under its source id (`exclude` and `regex` may be
 * left out of a hand-built one), and the regex's time limit per item.
 */
export interface RssSourceOptions extends Pick<RssFeed, 'title' | 'url' | 'include'>, Partial<Pick<RssFeed, 'exclude' | 'regex'>> {
  /** "rss:<name>". */
  id: string;
  /** Time limit per item for the regex (default REGEX_TIMEOUT_MS). */
  regexTimeoutMs?: number;
}
