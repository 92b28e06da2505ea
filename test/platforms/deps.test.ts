import { afterEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.js';

const NOW = new Date('2026-05-04T09:30:00.000Z');

describe('PlatformDeps (app.platformDeps)', () => {
  let t: TestApp | undefined;
  afterEach(async () => {
    await t?.close();
  });

  it("hands the platforms the app's one lookup index, its clock, notifiers and staleness limit", async () => {
    t = await createTestApp({}, { now: () => NOW });
    const { app } = t;
    const deps = app.platformDeps;
    // One index per process: the worker's and both platforms' are the same object.
    expect(deps.lookupIndex).toBe(app.lookupIndex);
    expect(deps.lookupIndex).toBe(app.pollDeps.lookupIndex);
    expect(deps.notifiers).toBe(app.notifiers);
    expect({ now: deps.now().toISOString(), staleAfterMs: deps.staleAfterMs }).toEqual({ now: NOW.toISOString(), staleAfterMs: app.config.schedule.staleAfterMs });
    expect(deps.store).toBe(app.store);
  });
});
