import { describe, expect, it } from 'vitest';
import { startupLines } from '../../src/cli/startup.js';

describe('run start-up lines', () => {
  it('say the database, sources, where alerts go, the next poll and how to stop', () => {
    expect(
      startupLines({
        dbPath: '/srv/ew/data/entitywatch.db',
        sources: [{ id: 'csl', title: 'Consolidated Screening List (trade.gov)' }, { id: 'ofac-sdn', title: 'OFAC SDN List' }],
        channels: ['console', 'slack:C0ALERTS'],
        cron: '*/15 * * * *',
        periodMs: 900_000,
        nextPoll: new Date('2026-05-04T09:45:00.000Z'),
        initialPoll: true,
      }),
    ).toEqual([
      'entitywatch is running',
      '  database   /srv/ew/data/entitywatch.db',
      '  sources    csl — Consolidated Screening List (trade.gov)',
      '             ofac-sdn — OFAC SDN List',
      '  alerts to  console (printed here), slack:C0ALERTS',
      '  next poll  now, then 2026-05-04 09:45 UTC (schedule "*/15 * * * *", polls at most 15 minutes apart)',
      '  stop with  Ctrl-C (or SIGTERM); polls and sends under way finish first',
    ]);
  });

  it('say plainly when alerts reach no channel', () => {
    const lines = startupLines({ dbPath: 'x.db', sources: [], channels: [], cron: '0 9 * * 1-5', periodMs: 3 * 86_400_000, nextPoll: null, initialPoll: false });
    expect(lines[2]).toBe('  alerts to  NO CHANNEL — alerts are stored but reach nobody: run `entitywatch doctor`');
    expect(lines[3]).toBe('  next poll  never (schedule "0 9 * * 1-5", polls at most 3 days apart)');
  });
});
