/**
 * `alerts --since 7d --csv | --json`: every alert since then with its changes and each channel's
 * delivery state, formula-safe, for the compliance file.
 */
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { alertsCsv, ALERTS_CSV_HEADER, parseSince } from '../../src/cli/alert-export.js';
import type { DesignationsAlert } from '../../src/core/alert.js';
import type { AlertRecord } from '../../store/types.js';
import { makeDesignation } from '../helpers/designations.js';
import { cliSandbox, runCli } from '../helpers/cli.js';

const fixture = (name: string) => new URL(`../fixtures/cli/${name}`, import.meta.url).pathname;
const NOW = new Date('2026-12-02T06:00:00.000Z');

describe('alerts audit export', () => {
  it('parses --since as a duration or a date', () => {
    expect(parseSince('7d', NOW)).toBe('2026-11-25T06:00:00.000Z');
    expect(parseSince('12h', NOW)).toBe('2026-12-01T18:00:00.000Z');
    expect(parseSince('2w', NOW)).toBe('2026-11-18T06:00:00.000Z');
    expect(parseSince('2026-11-01', NOW)).toBe('2026-11-01T00:00:00.000Z');
    expect(parseSince('last week', NOW)).toBeNull();
  });

  it('writes one formula-safe row per change, with every channel’s delivery state, oldest first', () => {
    const hostile = makeDesignation({ name: '=HYPERLINK("https://evil.example","x")', list: 'EL', countries: ['CN'], frCitation: '91 FR 1', startDate: '2026-11-20' });
    const quiet = makeDesignation({ name: 'Quiet Trading Ltd', list: 'EL', countries: ['RU'] });
    const alert = (id: string, createdAt: string, changes: DesignationsAlert['changes']): DesignationsAlert => ({
      id, kind: 'designations', source: 'csl', createdAt, title: 'Entity List — change', priority: 'normal', threadOf: null, notes: [], links: [], list: 'EL', listName: 'Entity List', changes,
    });
    const records: AlertRecord[] = [
      {
        alert: alert('al_2', '2026-12-01T10:00:00.000Z', [{ kind: 'removed', key: quiet.key, before: quiet, notice: 'FR 2026-20001 (92 FR 5000, 2026-12-01)' }]),
        deliveries: [],
      },
      {
        alert: alert('al_1', '2026-11-30T10:00:00.000Z', [{ kind: 'added', key: hostile.key, after: hostile }]),
        deliveries: [
          { alertId: 'al_1', channel: 'slack:C1', state: 'sent', matchKeys: null, attempts: 1, nextAttemptAt: '', lastError: null, remoteId: '1.2', sentAt: '2026-11-30T10:00:05.000Z', createdAt: '' },
          { alertId: 'al_1', channel: 'webhook:3f9a1c2b', state: 'failed', matchKeys: null, attempts: 3, nextAttemptAt: '', lastError: 'HTTP 410 Gone', remoteId: null, sentAt: null, createdAt: '' },
        ],
      },
    ];
    expect(alertsCsv(records)).toEqual([
      ALERTS_CSV_HEADER.join(','),
      `al_1,2026-11-30T10:00:00.000Z,2026-11-20,csl,designations,normal,Entity List — change,added,EL,"'=HYPERLINK(""https://evil.example"",""x"")",${hostile.key.includes(',') ? `"${hostile.key}"` : hostile.key},CN,91 FR 1,2026-11-20,,,slack:C1 sent 2026-11-30T10:00:05.000Z; webhook:3f9a1c2b failed (HTTP 410 Gone; attempts 3)`,
      `al_2,2026-12-01T10:00:00.000Z,,csl,designations,normal,Entity List — change,removed,EL,Quiet Trading Ltd,${quiet.key},RU,,,,"removed by FR 2026-20001 (92 FR 5000, 2026-12-01)",NO CHANNEL`,
    ]);
  });

  describe('through the CLI', () => {
    const t = cliSandbox();
    it('exports the alerts since a time as CSV and JSON; refuses a bad --since', async () => {
      const env = { ...t.env, CONSOLE_ALERTS: 'on' };
      await runCli(['ingest', 'csl', fixture('csl-before.json')], env);
      await runCli(['ingest', 'csl', fixture('csl-after.json')], env);
      // The same file again confirms the pending removal (a second download agreeing): its own alert.
      await runCli(['ingest', 'csl', fixture('csl-after.json')], env);
      const csv = await runCli(['alerts', '--since', '7d', '--csv'], env);
      expect(csv.code).toBe(0);
      const rows = parse(csv.stdout, { columns: true }) as Array<Record<string, string>>;
      expect(Object.keys(rows[0]!)).toEqual([...ALERTS_CSV_HEADER]);
      expect(rows.map((r) => r.change).sort()).toEqual(['added', 'amended', 'removed']);
      for (const row of rows) expect(row.deliveries).toMatch(/^console sent \d{4}-\d\d-\d\dT[\d:.]+Z$/);
      const json = JSON.parse((await runCli(['alerts', '--since', '7d', '--json'], env)).stdout);
      expect(json).toHaveLength(2);
      for (const record of json) expect(record).toMatchObject({ noChannel: false, deliveries: [{ channel: 'console', state: 'sent' }] });
      expect(JSON.parse((await runCli(['alerts', '--since', '2000-01-01', '--json'], env)).stdout)).toHaveLength(2);
      expect(JSON.parse((await runCli(['alerts', '--since', '2099-01-01', '--json'], env)).stdout)).toEqual([]);
      expect(await runCli(['alerts', '--since', 'yesterday'], env)).toMatchObject({ code: 2, stderr: expect.stringContaining('--since "yesterday": use a duration such as 7d') });
    });
  });
});
