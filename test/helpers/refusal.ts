/** The code and message of the SnapshotRefusedError a call throws, or null when it throws none (other errors pass through). */
import { SnapshotRefusedError } from '../../src/errors.js';

export function refusalOf(fn: () => unknown): [string, string] | null {
  try {
    fn();
  } catch (err) {
    if (err instanceof SnapshotRefusedError) return [err.code, err.message];
    throw err;
  }
  return null;
}
