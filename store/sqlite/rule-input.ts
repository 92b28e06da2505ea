/**
 * Validation of a watch rule before it is stored. Input comes from chat commands and the CLI, so
 * bad values become a UsageError whose message the user can act on, e.g.
 * `invalid watch rule: list "XX" is not a known list code (EL, UVL, …)`.
 * Storage-neutral: a PostgreSQL store can use it as is.
 */
import { z } from 'zod';
import { LIST_CODES } from '../../src/core/model.js';
import type { WatchRuleInput as WatchRuleInputModel } from '../../src/core/watch.js';
import { UsageError } from '../../src/errors.js';
import { isCountryCode } from '../../src/core/countries.js';

const MAX_TERM = 200;

/** null and undefined both mean "any". */
function optional<T extends z.ZodType>(schema: T) {
  return schema.nullish().transform((value) => value ?? null);
}

export const WatchRuleInput = z
  .object({
    channel: z.string().trim().min(1, 'channel is required'),
    term: optional(
      z
        .string()
        .trim()
        .min(1, 'term must not be empty')
        .max(MAX_TERM, `term must be at most ${MAX_TERM} characters`),
    ),
    list: optional(
      z
        .string()
        .trim()
        .toUpperCase()
        .pipe(
          z.enum(LIST_CODES, {
            error: (issue) => `list "${String(issue.input)}" is not a known list code (${LIST_CODES.join(', ')})`,
          }),
        ),
    ),
    country: optional(
      z
        .string()
        .trim()
        .toUpperCase()
        .refine(isCountryCode, {
          error: (issue) => `country "${String(issue.input)}" is not an ISO 3166-1 alpha-2 code such as CN`,
        }),
    ),
  })
  .refine((rule) => rule.term !== null || rule.list !== null || rule.country !== null, {
    message: 'a rule needs at least one of term, list or country',
  });

/** The rule as it will be stored, or a UsageError naming every problem. */
export function parseWatchRuleInput(input: unknown): WatchRuleInputModel {
  const result = WatchRuleInput.safeParse(input);
  if (result.success) {
    return result.data;
  }
  const problems = result.error.issues.map((issue) => issue.message).join('; ');
  throw new UsageError(`invalid watch rule: ${problems}`, { cause: result.error });
}
