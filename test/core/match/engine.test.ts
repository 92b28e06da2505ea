import { describe, expect, it } from 'vitest';
import { MATCH_THRESHOLD, MatchIndex, type MatchResult } from '../../../src/core/match/index.js';
import type { Designation } from '../../../src/core/model.js';
import { makeDesignation } from '../../helpers/designations.js';

/** Generic "X Technology Co., Ltd." rows, so that common words are common. */
function distractors(): Designation[] {
  const cities = ['Shenzhen', 'Beijing', 'Shanghai', 'Wuhan', 'Chengdu', 'Xian'];
  const brands = ['Huaxin', 'Tengda', 'Ruida', 'Jinpeng', 'Haitai', 'Kaida', 'Weida', 'Sanhe'];
  const kinds = ['Technology', 'Electronic Technology', 'Trading', 'Marine Networks', 'Precision Machinery'];
  const out: Designation[] = [];
  for (const city of cities) for (const brand of brands) for (const kind of kinds) {
    if ((city.length + brand.length + kind.length) % 2 === 0) out.push(makeDesignation({ list: 'UVL', type: null, name: `${city} ${brand} ${kind} Co., Ltd.` }));
  }
  return out;
}

const HIK_EL = makeDesignation({ list: 'EL', type: null, name: 'Hangzhou Hikvision Digital Technology Co., Ltd.', aliases: ['Hikvision'] });
const HIK_CMIC = makeDesignation({
  list: 'CMIC',
  sourceId: '32001',
  name: 'HANGZHOU HIKVISION DIGITAL TECHNOLOGY CO., LTD.',
  aliases: ['HIKVISION DIGITAL TECHNOLOGY'],
});
const MARINE = makeDesignation({ list: 'EL', type: null, name: 'Huawei Marine Networks Co., Ltd.' });
const HUAWEI = makeDesignation({ list: 'EL', type: null, name: 'Huawei Technologies Co., Ltd.', aliases: ['Huawei'] });
const QUANTUM = makeDesignation({ list: 'EL', type: null, name: 'QuantumCTek Co., Ltd.' });
const PUTIN = makeDesignation({ list: 'SDN', sourceId: '35096', type: 'Individual', name: 'PUTIN, Vladimir Vladimirovich' });
const DERIPASKA = makeDesignation({ list: 'SDN', sourceId: '23437', type: 'Individual', name: 'DERIPASKA, Oleg Vladimirovich', aliases: ['DERIPASKA, Oleg'] });
const ROE = makeDesignation({ list: 'SDN', sourceId: '9647', name: 'ROSOBORONEKSPORT OAO', aliases: ['ROSOBORONEXPORT', 'ФГУП «Рособоронэкспорт»'] });
const VESSEL = makeDesignation({ list: 'SDN', sourceId: '9001', type: 'Vessel', name: 'MARIE DE LOURDES' });
const COMPANY = makeDesignation({ list: 'SDN', sourceId: '9002', name: 'MARIE DE LOURDES COMPANY LIMITED' });
const BANK = makeDesignation({ list: 'SDN', sourceId: '9003', name: 'BANK MELLI IRAN', aliases: ['BANK MELLI', 'NATIONAL BANK OF IRAN'] });
const BANK_ALIAS_PRIMARY = makeDesignation({ list: 'FSE', sourceId: '9004', name: 'National Bank of Iran' });
const DAEWON = makeDesignation({ list: 'SDN', sourceId: '9005', name: 'DAEWON CENTURY INDUSTRIES' });

const corpus = [HIK_EL, HIK_CMIC, MARINE, HUAWEI, QUANTUM, PUTIN, DERIPASKA, ROE, VESSEL, COMPANY, BANK, BANK_ALIAS_PRIMARY, DAEWON, ...distractors()];

function names(results: MatchResult[]): string[] {
  return results.map((r) => r.name);
}

function keys(result: MatchResult | undefined): string[] {
  return (result?.designations ?? []).map((d) => d.key);
}

describe('MatchIndex', () => {
  const index = new MatchIndex(corpus);

  it('counts designations', () => {
    expect(index.size).toBe(corpus.length);
  });

  it('finds a listed company from the short name the news uses, and reports the alias that matched', () => {
    const [top] = index.search('Hikvision');
    expect(top?.name).toBe(HIK_EL.name);
    expect(top?.matchedName).toBe('Hikvision');
    expect(top?.score).toBe(1);
    expect(names(index.search('Huawei Marine'))).toEqual([MARINE.name]);
  });

  it('returns nothing for names on no list, however many listed names share their common words', () => {
    expect(index.search('Toshiba')).toEqual([]);
    expect(index.search('Seagate Technology')).toEqual([]);
    expect(index.search('Shenzhen Technology Co., Ltd.')).toEqual([]);
    expect(index.search('Marine Networks')).toEqual([]);
  });

  it('keeps short and generic queries from matching everything', () => {
    expect(index.search('Co., Ltd.')).toEqual([]);
    expect(index.search('Technology')).toEqual([]);
    expect(index.search('Li')).toEqual([]);
    expect(index.search('')).toEqual([]);
  });

  it('tolerates typos on distinctive words', () => {
    expect(names(index.search('Hikvison')).slice(0, 1)).toEqual([HIK_EL.name]);
    expect(names(index.search('Hikvison Digital')).slice(0, 1)).toEqual([HIK_EL.name]);
    expect(names(index.search('Huawie Marine Networks')).slice(0, 1)).toEqual([MARINE.name]);
    expect(names(index.search('Rosoboronexprot')).slice(0, 1)).toEqual([ROE.name]);
  });

  it('does not take one letter off a short word, alone, for a typo', () => {
    expect(index.search('Daewoo')).toEqual([]);
    expect(index.search('Daewoo Motors')).toEqual([]);
    expect(names(index.search('Daewon Century'))).toEqual([DAEWON.name]);
    expect(names(index.search('Daewoo Century Industries'))).toEqual([DAEWON.name]);
  });

  it('compares glued and split words', () => {
    expect(names(index.search('Quantum CTek'))).toEqual([QUANTUM.name]);
    expect(names(index.search('Quantum C Tek Company'))).toEqual([QUANTUM.name]);
    expect(names(index.search('Hik Vision')).slice(0, 1)).toEqual([HIK_EL.name]);
  });

  it('reads OFAC "SURNAME, Given" in any order, but not a given name alone', () => {
    expect(names(index.search('Vladimir Putin'))).toEqual([PUTIN.name]);
    expect(names(index.search('Putin'))).toEqual([PUTIN.name]);
    expect(index.search('Vladimir')).toEqual([]);
    expect(index.search('Vladimirovich')).toEqual([]);
  });

  it('matches Cyrillic queries and Cyrillic aliases', () => {
    expect(names(index.search('Олег Дерипаска'))).toEqual([DERIPASKA.name]);
    expect(names(index.search('Путин Владимир'))).toEqual([PUTIN.name]);
    expect(names(index.search('Рособоронэкспорт'))).toEqual([ROE.name]);
    expect(names(index.search('Rosoboroneksport'))).toEqual([ROE.name]);
  });

  it('returns the EL and CMIC designations of one company as one result', () => {
    const results = index.search('Hangzhou Hikvision Digital Technology Co., Ltd.');
    expect(results).toHaveLength(1);
    expect(keys(results[0]).sort()).toEqual([HIK_EL.key, HIK_CMIC.key].sort());
  });

  it('groups a designation whose primary name is another one\'s alias', () => {
    const results = index.search('Bank Melli');
    expect(results).toHaveLength(1);
    expect(keys(results[0]).sort()).toEqual([BANK.key, BANK_ALIAS_PRIMARY.key].sort());
  });

  it('keeps a vessel apart from the company of the same name, and prefers the name as typed', () => {
    const results = index.search('Marie de Lourdes');
    expect(results.map((r) => keys(r))).toEqual([[VESSEL.key], [COMPANY.key]]);
  });

  it('searches each name of a query that carries "a.k.a."', () => {
    expect(names(index.search('Unknown Trading Co (a.k.a. Huawei Marine Networks)'))).toEqual([MARINE.name]);
  });

  it('honours limit', () => {
    expect(index.search('Huawei', { limit: 1 })).toHaveLength(1);
    expect(index.search('Huawei', { limit: 0 })).toEqual([]);
  });
});

describe('MatchIndex threshold', () => {
  const index = new MatchIndex(corpus);

  it('is one documented constant between 0 and 1', () => {
    expect(MATCH_THRESHOLD).toBeGreaterThan(0.5);
    expect(MATCH_THRESHOLD).toBeLessThan(1);
  });

  it('returns only scores at or above the threshold, best first', () => {
    for (const query of ['Huawei', 'Hikvison', 'Shenzhen Huaxin', 'Marie de Lourdes']) {
      const scores = index.search(query).map((r) => r.score);
      expect(scores.every((s) => s >= MATCH_THRESHOLD)).toBe(true);
      expect(scores).toEqual([...scores].sort((a, b) => b - a));
    }
  });

  it('returns more, weaker results when asked for a lower threshold, and only exact ones at 1', () => {
    const strict = index.search('Huawei Networks');
    const loose = index.search('Huawei Networks', { threshold: 0.3 });
    expect(loose.length).toBeGreaterThan(strict.length);
    expect(loose.some((r) => r.score < MATCH_THRESHOLD)).toBe(true);
    expect(index.search('Hikvison', { threshold: 1 })).toEqual([]);
    expect(names(index.search('Hikvision', { threshold: 1 }))).toEqual([HIK_EL.name]);
  });
});

describe('MatchIndex upsert and remove', () => {
  it('adds, replaces and removes designations without a rebuild', () => {
    const index = new MatchIndex(distractors());
    const before = index.size;
    index.upsert(MARINE, 'csl');
    expect(index.size).toBe(before + 1);
    expect(names(index.search('Huawei Marine'))).toEqual([MARINE.name]);

    // Same key and source: replaced, the old name is gone.
    index.upsert({ ...MARINE, name: 'HMN Technologies Co., Ltd.', aliases: ['Huawei Marine Networks Co., Ltd.'] }, 'csl');
    expect(index.size).toBe(before + 1);
    expect(index.search('HMN Technologies').map((r) => r.matchedName)).toEqual(['HMN Technologies Co., Ltd.']);
    expect(index.search('Huawei Marine').map((r) => r.matchedName)).toEqual(['Huawei Marine Networks Co., Ltd.']);

    // Same key from another source: a second designation, grouped with the first.
    index.upsert(MARINE, 'ofac');
    expect(index.size).toBe(before + 2);
    expect(index.search('Huawei Marine')[0]?.designations).toHaveLength(2);

    index.remove(MARINE.key, 'csl');
    index.remove(MARINE.key, 'ofac');
    index.remove('EL:never indexed', 'csl');
    expect(index.size).toBe(before);
    expect(index.search('Huawei Marine')).toEqual([]);
    expect(index.search('HMN Technologies')).toEqual([]);
  });

  it('keeps weights current: a word that becomes common stops being specific', () => {
    const index = new MatchIndex([makeDesignation({ list: 'EL', type: null, name: 'Zorvex Precision Instruments Co., Ltd.' })]);
    for (let i = 0; i < 40; i++) index.upsert(makeDesignation({ list: 'UVL', type: null, name: `Filler ${i} Trading Co` }));
    expect(names(index.search('Zorvex'))).toEqual(['Zorvex Precision Instruments Co., Ltd.']);
    for (let i = 0; i < 40; i++) index.upsert(makeDesignation({ list: 'UVL', type: null, name: `Zorvex Filler ${i} Co` }));
    expect(index.search('Zorvex').map((r) => r.name)).not.toContain('Zorvex Precision Instruments Co., Ltd.');
    for (let i = 0; i < 40; i++) index.remove(`UVL:zorvex filler ${i} co`);
    expect(names(index.search('Zorvex'))).toEqual(['Zorvex Precision Instruments Co., Ltd.']);
  });

  it('gives the same answers after every designation was replaced many times (renumbering)', () => {
    const index = new MatchIndex(corpus);
    const queries = ['Hikvision', 'Huawei Marine', 'Vladimir Putin', 'Bank Melli', 'Marie de Lourdes', 'Shenzhen Huaxin'];
    const before = queries.map((q) => index.search(q));
    for (let round = 0; round < 5; round++) for (const d of corpus) index.upsert({ ...d });
    expect(index.size).toBe(corpus.length);
    expect(queries.map((q) => index.search(q))).toEqual(before);
  });

  it('survives many removals (postings compaction)', () => {
    const rows = distractors();
    const index = new MatchIndex([...rows, HUAWEI]);
    for (const row of rows) index.remove(row.key);
    expect(index.size).toBe(1);
    expect(names(index.search('Huawei Technologies'))).toEqual([HUAWEI.name]);
    for (const row of rows) index.upsert(row);
    expect(names(index.search('Huawei Technologies'))).toEqual([HUAWEI.name]);
    expect(index.size).toBe(rows.length + 1);
  });
});
