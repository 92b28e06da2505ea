/**
 * What a watchlist and its counterparties may hold, checked wherever they enter (the CSV
 * parser, the store, chat arguments). Pure. A bad value is a UsageError the admin can act on:
 *
 *   parseWatchlistName('suppliers')      // 'suppliers'
 *   parseWatchlistName('my suppliers')   // UsageError: a watchlist name is 1–64 letters, digits, …
 */
import { z } from 'zod';
import { findControlCharacter } from '../core/decode.js';
import { UsageError } from '../errors.js';
import { isCountryCode } from '../core/countries.js';

/** Most counterparties one import may hold: screening a list change stays well under a second. */
export const MAX_COUNTERPARTIES = 100_000;

const NAME_RULE = 'a watchlist name is 1–64 letters, digits, "-", "_" or "." and starts with a letter or digit';

/** A watchlist's name: typed on command lines and in chat, so one word. Unique regardless of case. */
export const WatchlistName = z.string().trim().regex(/^[\p{L}\p{N}][\p{L}\p{N}._-]{0,63}$/u, NAME_RULE);

/** One counterparty as stored: trimmed, bounded, country an ISO-2 code. */
export const Counterparty = z.object({
  name: z
    .string()
    .trim()
    .min(1, 'a counterparty needs a name')
    .max(300, 'a counterparty name is at most 300 characters')
    .refine((name) => findControlCharacter(name) === null, 'a counterparty name may not hold NUL or other control characters'),
  country: z
    .string()
    .trim()
    .toUpperCase()
    .refine(isCountryCode, { error: (issue) => `country "${String(issue.input)}" is not an ISO 3166-1 alpha-2 code` })
    .nullable(),
  reference: z
    .string()
    .trim()
    .max(200, 'a reference is at most 200 characters')
    .refine((ref) => findControlCharacter(ref) === null, 'a reference may not hold NUL or other control characters')
    .nullable(),
});

export type Counterparty = z.infer<typeof Counterparty>;

/** The name as given (trimmed), or a UsageError. */
export function parseWatchlistName(text: unknown): string {
  const result = WatchlistName.safeParse(text);
  if (result.success) return result.data;
  throw new UsageError(`invalid watchlist name "${String(text).slice(0, 80)}": ${NAME_RULE}`, { cause: result.error });
}
