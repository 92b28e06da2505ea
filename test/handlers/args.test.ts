import { describe, expect, it } from 'vitest';
import { parseRuleId, parseWatchArgs, splitWords } from '../../handlers/args.js';
import { UsageError } from '../../src/errors.js';

describe('parseWatchArgs', () => {
  it.each([
    ['huawei', { term: 'huawei', list: null, country: null }],
    ['huawei technologies list:el country:cn', { term: 'huawei technologies', list: 'EL', country: 'CN' }],
    ['list:SDN', { term: null, list: 'SDN', country: null }],
    ['country:RU "Sun Ship" ', { term: 'Sun Ship', list: null, country: 'RU' }],
    ['“Acme Trading”  LIST:MEU', { term: 'Acme Trading', list: 'MEU', country: null }],
  ])('%j', (text, expected) => {
    expect(parseWatchArgs(text)).toEqual(expected);
  });

  it.each([
    ['', /give a keyword/],
    ['   ', /give a keyword/],
    ['acme list:', /list: needs a value/],
    ['acme list:EL list:SDN', /list: given twice/],
  ])('refuses %j', (text, message) => {
    expect(() => parseWatchArgs(text)).toThrow(UsageError);
    expect(() => parseWatchArgs(text)).toThrow(message);
  });
});

describe('parseRuleId', () => {
  it('reads one positive whole number, with or without #', () => {
    expect([parseRuleId('12'), parseRuleId(' #7 ')]).toEqual([12, 7]);
    for (const bad of ['', 'x', '0', '-1', '1.5', '1 2']) expect(() => parseRuleId(bad)).toThrow(UsageError);
  });
});

describe('splitWords', () => {
  it('keeps quoted phrases together', () => {
    expect(splitWords('a "b c" d')).toEqual(['a', 'b c', 'd']);
  });
});
