/**
 * The fields of rss-parser's output that the rss source reads (RSS 0.9x/1.0/2.0 and Atom).
 * rss-parser passes some XML shapes through (a guid with attributes, categories with a domain),
 * so text fields accept strings, numbers or xml2js `{ _: text }` objects and read as trimmed
 * text or null.
 */
import { z } from 'zod';

function textOf(value: unknown): string | null {
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string') return value.trim() || null;
  if (Array.isArray(value)) return textOf(value[0]);
  if (typeof value === 'object' && value !== null && '_' in value) return textOf((value as { _: unknown })._);
  return null;
}

const Text = z.unknown().optional().transform(textOf);

export const FeedEntry = z.object({
  /** RSS <guid>. */
  guid: Text,
  /** Atom <id>. */
  id: Text,
  link: Text,
  title: Text,
  /** rss-parser's ISO 8601 form of pubDate/updated, when it could read the date. */
  isoDate: Text,
  pubDate: Text,
  /** Text of the content with markup removed. */
  contentSnippet: Text,
  /** Atom <summary>. */
  summary: Text,
  categories: z.array(z.unknown()).optional().transform((list) => (list ?? []).map(textOf).filter((c): c is string => c !== null)),
});

export type FeedEntry = z.infer<typeof FeedEntry>;

export const FeedOutput = z.object({
  title: Text,
  items: z.array(FeedEntry),
});

export type FeedOutput = z.infer<typeof FeedOutput>;
