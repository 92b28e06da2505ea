import { describe, expect, it } from 'vitest';
import { compileFilter, type RegexTest } from '../../../src/sources/rss/filter.js';
import { regexProblem } from '../../../src/sources/rss/options.js';
import { createBoundedRegex } from '../../../src/sources/rss/regex.js';

const regexOf = (pattern: string): RegexTest => {
  const re = createBoundedRegex(pattern);
  return (text) => re.test(text);
};

describe('keyword filter', () => {
  const filter = compileFilter({ include: ['Entity List', 'export controls', 'SDN'], exclude: ['webinar'] });

  it.each([
    ['BIS adds 12 entities to the ENTITY   LIST', true],
    ['Changes to the entity-list today', true],
    ['New Export\nControls on chips', true],
    ['Entity Listing procedures', false],
    ['the SDNs list', false],
    ['OFAC updates the SDN list', true],
    ['Entity List webinar next week', false],
    ['Annual conference remarks', false],
  ])('%j → %s', (text, pass) => {
    expect(filter.test(text, null)).toEqual({ pass, regexTimedOut: false });
  });

  it('matches accents and case alike', () => {
    const accents = compileFilter({ include: ['Türkiye'], exclude: [] });
    expect(accents.test('Entities in TURKIYE added', null).pass).toBe(true);
  });

  it('lets everything through when neither terms nor regex are given, except excluded terms', () => {
    const all = compileFilter({ include: [], exclude: ['job posting'] });
    expect(all.test('Anything at all', null).pass).toBe(true);
    expect(all.test('New job posting', null).pass).toBe(false);
  });

  it('passes an item the regex matches even without a keyword', () => {
    const regex = regexOf('\\b(adds?|added)\\b.*entit');
    expect(filter.test('Department added three entities', regex)).toEqual({ pass: true, regexTimedOut: false });
    expect(filter.test('Department removed three entities', regex)).toEqual({ pass: false, regexTimedOut: false });
    expect(compileFilter({ include: [], exclude: [] }).test('nothing relevant', regex).pass).toBe(false);
  });
});

describe('bounded regex', () => {
  it('reports a catastrophic pattern as timed out, not matched, within its limit', () => {
    const re = createBoundedRegex('^(a+)+$', 30);
    const started = performance.now();
    expect(re.test(`${'a'.repeat(40)}b`)).toBe('timeout');
    expect(performance.now() - started).toBeLessThan(2000);
    expect(re.test('aaaa')).toBe(true);
    const filter = compileFilter({ include: ['entity list'], exclude: [] });
    expect(filter.test(`${'a'.repeat(40)}b`, (t) => re.test(t))).toEqual({ pass: false, regexTimedOut: true });
  });

  it('is case-insensitive and keeps no state between tests', () => {
    const re = createBoundedRegex('entit(y|ies)');
    expect([re.test('ENTITIES'), re.test('Entity'), re.test('none')]).toEqual([true, true, false]);
  });

  it('names the problem of an invalid pattern', () => {
    expect(regexProblem('(unclosed')).toMatch(/Invalid regular expression/);
    expect(regexProblem('\\bok\\b')).toBeNull();
  });
});
