/**
 * collectGarbage (src/worker/collect-garbage.ts) really collects: an object nothing holds is gone
 * after it, in a process started without --expose-gc.
 */
import { describe, expect, it } from 'vitest';
import { collectGarbage } from '../../src/worker/collect-garbage.js';

const tick = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

describe('collectGarbage', () => {
  it('frees what nothing refers to', async () => {
    const ref = ((): WeakRef<object> => new WeakRef({ bytes: new Array<number>(1_000).fill(1) }))();
    // A WeakRef keeps its target through the job that made it.
    await tick();
    collectGarbage();
    await tick();
    expect(ref.deref()).toBeUndefined();
  });

  it('can be called again', () => {
    collectGarbage();
    collectGarbage();
  });
});
