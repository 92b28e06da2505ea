/**
 * zod for rows read back from the store: Zod Mini (`zod/mini`), the same library and checks as
 * `zod` with a functional API that costs next to nothing to load. The SQLite store opens in every
 * short CLI command (`status`, `lookup`), where loading classic zod and building its schemas took
 * a third of the process's time. Each schema module imports both:
 *
 *   import * as z from 'zod/mini';
 *   import './zod.js';
 *   const Row = z.object({ source: z.string(), etag: z.nullable(z.string()) });
 *
 * This module gives them English messages, as classic zod has them ("Invalid input: expected
 * string, received number"): Zod Mini loads no locale of its own. It re-exports nothing: the
 * bundled CLI (scripts/bundle-cli.mjs) keeps only the parts of zod a module names, which a
 * re-exported namespace would defeat (every locale, ~400 kB).
 */
import { config } from 'zod/mini';
import en from 'zod/v4/locales/en.js';

config(en());
