/**
 * The name index behind `entity`: one per process, built in createApp (src/index.ts) as
 * `app.lookupIndex` and shared by every platform, the worker and the CLI. See
 * src/worker/lookup-index.ts.
 */
export { createLookupIndex, type SharedLookupIndex } from '../src/worker/lookup-index.js';
