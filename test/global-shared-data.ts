/**
 * vitest global setup: when ../shared/data is not beside the checkout, say so once, in one line,
 * instead of each real-data test skipping silently or printing its own notice.
 */
import { SHARED_DATA, hasSharedData } from './helpers/shared-data.js';

export default function setup(): void {
  if (!hasSharedData()) {
    process.stderr.write(`Real-data tests skipped: ${SHARED_DATA} is not there (they replay real publisher files when it is)\n`);
  }
}
