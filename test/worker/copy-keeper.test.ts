/**
 * The worker's keeper of the designation index copy (src/worker/copy-keeper.ts): a request waits,
 * a burst is written once, a request during a write gets one more write after it, a failure is
 * logged and never thrown, and stop lets a write under way finish and drops a pending one.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createCopyKeeper } from '../../src/worker/copy-keeper.js';

/** Time passes only when the test says so (the keeper's delay and the fake writes' own waits). */
const sleep = (ms: number): Promise<void> => vi.advanceTimersByTimeAsync(ms).then(() => undefined);

function recorder() {
  const lines: Array<[string, unknown]> = [];
  return { lines, log: { debug: (o: unknown, m?: string) => lines.push(['debug', m ?? o]), warn: (o: unknown, m?: string) => lines.push(['warn', m ?? o]) } };
}

describe('copy keeper', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('writes a burst of requests once, after the delay', async () => {
    let writes = 0;
    const { log, lines } = recorder();
    const keeper = createCopyKeeper(async () => (writes++, true), log as never, 30);
    keeper.request();
    keeper.request();
    keeper.request();
    expect(writes).toBe(0);
    await sleep(80);
    expect(writes).toBe(1);
    expect(lines).toEqual([['debug', 'designation index copy kept']]);
    await keeper.stop();
  });

  it('writes once more after a write when asked during it', async () => {
    let writes = 0;
    let release: () => void = () => undefined;
    const keeper = createCopyKeeper(
      () =>
        new Promise<boolean>((resolve) => {
          writes++;
          release = () => resolve(true);
        }),
      recorder().log as never,
      10,
    );
    keeper.request();
    await sleep(40);
    expect(writes).toBe(1);
    keeper.request();
    keeper.request();
    await sleep(40);
    // Still one: the second waits for the first to finish.
    expect(writes).toBe(1);
    release();
    await sleep(60);
    expect(writes).toBe(2);
    release();
    await keeper.stop();
  });

  it('logs a failed write and keeps going', async () => {
    let calls = 0;
    const { log, lines } = recorder();
    const keeper = createCopyKeeper(
      async () => {
        calls++;
        if (calls === 1) throw new Error('disk full');
        return true;
      },
      log as never,
      10,
    );
    keeper.request();
    await sleep(50);
    expect(lines[0]?.[0]).toBe('warn');
    keeper.request();
    await sleep(50);
    expect(calls).toBe(2);
    expect(lines[1]).toEqual(['debug', 'designation index copy kept']);
    await keeper.stop();
  });

  it('stop drops a pending write and waits for one under way', async () => {
    let writes = 0;
    let finished = false;
    const slow = createCopyKeeper(
      async () => {
        writes++;
        await new Promise((resolve) => setTimeout(resolve, 50));
        finished = true;
        return true;
      },
      recorder().log as never,
      10,
    );
    slow.request();
    await sleep(25);
    const stopping = slow.stop();
    expect(finished).toBe(false);
    await sleep(50);
    await stopping;
    expect(finished).toBe(true);
    const pending = createCopyKeeper(async () => (writes++, true), recorder().log as never, 20);
    pending.request();
    await pending.stop();
    await sleep(50);
    expect(writes).toBe(1);
    pending.request();
    await sleep(50);
    expect(writes).toBe(1);
  });
});
