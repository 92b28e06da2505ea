import { describe, expect, it } from 'vitest';
import { MatchIndex } from '../../../src/core/match/index.js';
import { autocomplete, choicesFor } from '../../../src/platforms/discord/autocomplete.js';
import { buildCompleter } from '../../../src/platforms/discord/completer.js';
import { makeDesignation } from '../../helpers/designations.js';

const DESIGNATIONS = [
  makeDesignation({ name: 'Hangzhou Hikvision Digital Technology Co., Ltd.', list: 'EL', countries: ['CN'] }),
  makeDesignation({ name: 'Hangzhou Hikvision Digital Technology Co., Ltd.', list: 'CMIC', sourceId: '9001', countries: ['CN'] }),
  makeDesignation({ name: 'Acme Optics Co., Ltd.', list: 'EL', aliases: ['Zenith Lens Works'] }),
  makeDesignation({ name: 'Acme', list: 'MEU' }),
  makeDesignation({ name: 'Beta Acme Holdings', list: 'EL' }),
  ...Array.from({ length: 30 }, (_, i) => makeDesignation({ name: `Acmetron Subsidiary ${i + 1}`, list: 'EL' })),
];

describe('name completer', () => {
  const completer = buildCompleter(DESIGNATIONS);

  it('completes a half-typed word, one suggestion per name with every list', () => {
    expect(completer.complete('hikv', 5)).toEqual([{ name: 'Hangzhou Hikvision Digital Technology Co., Ltd.', lists: ['EL', 'CMIC'] }]);
  });

  it('words in any order; names starting with the query first, then shorter', () => {
    expect(completer.complete('optics ac', 5).map((c) => c.name)).toEqual(['Acme Optics Co., Ltd.']);
    expect(completer.complete('acme', 4).map((c) => c.name)).toEqual(['Acme', 'Acme Optics Co., Ltd.', 'Acmetron Subsidiary 1', 'Acmetron Subsidiary 2']);
    expect(completer.complete('beta acm', 5).map((c) => c.name)).toEqual(['Beta Acme Holdings']);
  });

  it('an alias suggests the primary name', () => {
    expect(completer.complete('zenith', 5)).toEqual([{ name: 'Acme Optics Co., Ltd.', lists: ['EL'] }]);
  });
});

describe('autocomplete choices', () => {
  const completer = buildCompleter(DESIGNATIONS);
  const index = new MatchIndex(DESIGNATIONS);

  it('at most 25, prefix completions first, with the lists in the choice name', () => {
    const choices = choicesFor(completer, index, 'acme');
    expect(choices).toHaveLength(25);
    expect(choices[0]).toEqual({ name: 'Acme (MEU)', value: 'Acme' });
  });

  it('the engine fills in past a typo the prefix cannot reach', () => {
    // One listing only: see the report about names listed twice (EL + CMIC) in the engine.
    // With its alias "Hikvision", as the real list has it: a typo of a complete name or alias
    // matches; a typo of one word of a longer name alone does not (src/core/match/score.ts).
    const single = DESIGNATIONS.filter((d) => d.list !== 'CMIC').map((d) => (d.name.startsWith('Hangzhou') ? { ...d, aliases: ['Hikvision'] } : d));
    const choices = choicesFor(buildCompleter(single), new MatchIndex(single), 'Hikvison');
    expect(choices.map((c) => c.value)).toContain('Hangzhou Hikvision Digital Technology Co., Ltd.');
  });

  it('one letter gives nothing; an index not ready in time gives nothing rather than a late answer', async () => {
    expect(choicesFor(completer, index, 'a')).toEqual([]);
    const never = () => new Promise<never>(() => undefined);
    expect(await autocomplete({ completer: never, lookupIndex: async () => index }, 'acme', 50)).toEqual([]);
  });

  it('a name over 100 characters is cut, keeping its lists', () => {
    const long = makeDesignation({ name: `Acme ${'Extremely Long Company Name '.repeat(5)}Limited`, list: 'SDN', sourceId: '77' });
    const [first] = choicesFor(buildCompleter([long]), new MatchIndex([long]), 'acme');
    expect(first!.name.length).toBe(100);
    expect(first!.name.endsWith('… (SDN)')).toBe(true);
    expect(first!.value.length).toBe(100);
  });
});
