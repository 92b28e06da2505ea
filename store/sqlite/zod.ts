/**
 * zod for rows read back from the store: Zod Mini (`zod/mini`), the same library and checks as
 * `zod` with a functional API that costs next to nothing to load. The SQLite store opens in every
 * short CLI command (`status`, `lookup`), where loading classic zod and building its schemas took
 * a third of the process's time. English messages, as classic zod gives them ("Invalid input:
 * expected string, received number"): Zod Mini loads no locale of its own.
 *
 *   import { z } from './zod.js';
 *   const Row = z.object({ source: z.string(), etag: z.nullable(z.string()) });
 */
import * as z from 'zod/mini';
import en from 'zod/v4/locales/en.js';

z.config(en());

export { z };
