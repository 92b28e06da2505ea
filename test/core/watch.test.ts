import { describe, expect, it } from 'vitest';
import { buildDesignationAlerts } from '../../src/core/alerts.js';
import { alertForRoute, routeAlert, ruleMatches, type WatchRule } from '../../src/core/watch.js';
import { makeDesignation } from '../helpers/designations.js';

const rule = (over: Partial<WatchRule>): WatchRule => ({
  id: 1, channel: '*', term: null, list: null, country: null, createdBy: 'test', createdAt: '2026-01-01T00:00:00Z', ...over,
});

const hik = makeDesignation({ name: 'Hangzhou Hikvision Digital Technology Co., Ltd.', list: 'EL', countries: ['CN'], aliases: ['Hikvision'] });
const orlov = makeDesignation({ name: 'ORLOV TRADING LLC', list: 'SDN', sourceId: '9', countries: ['RU'], addresses: ['Ulitsa 5, Moscow, RU'] });

describe('ruleMatches', () => {
  it.each([
    [{ term: 'hikvision' }, hik, true],
    [{ term: 'HIKVISION digital' }, hik, true],
    [{ term: 'hik' }, hik, false], // whole words only
    [{ term: 'moscow' }, orlov, true], // addresses count
    [{ list: 'SDN' as const }, hik, false],
    [{ list: 'EL' as const, country: 'CN' }, hik, true],
    [{ country: 'CN' }, orlov, false],
  ])('%j', (over, d, expected) => {
    expect(ruleMatches(rule(over), d)).toBe(expected);
  });
});

describe('routeAlert', () => {
  const [alert] = buildDesignationAlerts({
    source: 'csl',
    createdAt: '2026-11-21T00:00:00Z',
    newId: () => 'al_1',
    diff: { added: [hik, makeDesignation({ name: 'Other Co', list: 'EL' })], removed: [], amended: [] },
  });

  it('sends everything to channels without rules and only matches to channels with rules', () => {
    const routes = routeAlert(alert!, ['console', 'slack:C1', 'slack:C2'], [rule({ channel: 'slack:C1', term: 'hikvision' }), rule({ channel: 'slack:C2', list: 'SDN' })]);
    expect(routes).toEqual([
      { channel: 'console', matchKeys: null },
      { channel: 'slack:C1', matchKeys: [hik.key] },
    ]);
    const view = alertForRoute(alert!, [hik.key]);
    expect(view.kind === 'designations' && view.changes.map((c) => c.key)).toEqual([hik.key]);
    expect(view.title).toBe('Entity List — 1 addition');
  });

  it('rules on "*" filter every channel', () => {
    expect(routeAlert(alert!, ['a', 'b'], [rule({ term: 'nothing like this' })])).toEqual([]);
  });

  it('source-health alerts go to admin channels, unfiltered', () => {
    const health = { ...alert!, kind: 'source-health' as const, status: 'refused' as const, reasonCode: 'html', reason: 'x' };
    expect(routeAlert(health, ['a', 'b'], [rule({ term: 'zzz' })], ['b'])).toEqual([{ channel: 'b', matchKeys: null }]);
  });
});
