/**
 * A counterparty file, from wherever it came (a path given to the CLI, a file shared in Slack, a
 * Discord attachment), read the one way: parse-csv.ts decodes and validates it, and a problem
 * names the file. Any bad line refuses the whole file: nothing is imported.
 *
 *   parseCounterpartyFile('suppliers.csv', bytes)   // Counterparty[], or UsageError "suppliers.csv: line 4: …"
 */
import { UsageError } from '../errors.js';
import { parseCounterpartyCsv } from './parse-csv.js';
import type { Counterparty } from './schema.js';

export function parseCounterpartyFile(label: string, bytes: Buffer): Counterparty[] {
  try {
    return parseCounterpartyCsv(bytes);
  } catch (err) {
    if (err instanceof UsageError) throw new UsageError(`${label}: ${err.message}`, { cause: err });
    throw err;
  }
}
