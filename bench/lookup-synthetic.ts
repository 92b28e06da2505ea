/**
 * A generated corpus for bench/lookup.ts: `syntheticCorpus(seed, entities)` gives designations
 * with unique primary names and about 3.3 names each — Chinese-style companies ("Shenzhen Huaxin
 * Optical Technology Co., Ltd." with short and upper-case aliases; brands repeat, as they do),
 * Russian companies named in Cyrillic and transliterated ("OOO ENERGOMASH-URAL", "ООО
 * «Энергомаш-Урал»"), and "SURNAME, Given Patronymic" people with spelling-variant aliases.
 */
import anyAscii from 'any-ascii';
import { blankDesignation, type Designation } from '../src/core/model.js';
import { normaliseName } from '../src/core/text.js';
import { pick, random, type BenchDoc } from './lookup-data.js';


const CITIES = [
  'Shenzhen', 'Beijing', 'Shanghai', 'Guangzhou', 'Hangzhou', 'Wuhan', 'Chengdu', 'Xian', 'Tianjin', 'Nanjing', 'Suzhou',
  'Dongguan', 'Xiamen', 'Hefei', 'Changsha', 'Qingdao', 'Dalian', 'Ningbo', 'Hong Kong', 'Zhuhai', 'Shenyang', 'Harbin',
  'Jinan', 'Zhengzhou', 'Kunming', 'Fuzhou', 'Wuxi', 'Foshan', 'Changzhou', 'Nanchang', 'Taiyuan', 'Shijiazhuang',
];
const SYLLABLES = [
  'hua', 'xin', 'tai', 'long', 'feng', 'da', 'tong', 'yuan', 'hai', 'jin', 'ke', 'rui', 'sheng', 'tian', 'yu', 'ming',
  'kai', 'heng', 'bao', 'guang', 'zhong', 'chang', 'fu', 'an', 'wei', 'jia', 'run', 'hong', 'ding', 'yong', 'li', 'cheng',
  'xing', 'peng', 'hao', 'lian', 'chuang', 'qi', 'shun', 'de', 'bo', 'sen', 'lan', 'mei', 'zhi', 'xun', 'ying', 'kang',
];
const INDUSTRIES = [
  'Technology', 'Electronics', 'Trading', 'Electronic Technology', 'Information Technology', 'Digital Technology',
  'Precision Machinery', 'Optical Technology', 'Semiconductor', 'Import and Export', 'Industrial', 'Intelligent Technology',
  'Network Technology', 'Communication Technology', 'Technology Development', 'Aerospace Technology', 'New Material',
  'Microelectronics', 'Instrument', 'Software', 'Photonics', 'Automation', 'Power Equipment', 'Marine Engineering',
  'Chemical', 'Biotechnology', 'Logistics', 'Supply Chain', 'Optoelectronics', 'Radar Technology',
];
const CN_FORMS = ['Co., Ltd.', 'Co., Ltd.', 'Co., Ltd.', 'Company Limited', 'Limited', 'Co. Ltd', 'Corporation'];
const RU_PARTS = [
  'про', 'тех', 'ком', 'энерго', 'маш', 'строй', 'нефте', 'газ', 'снаб', 'транс', 'авиа', 'радио', 'электро', 'спец',
  'монтаж', 'сервис', 'торг', 'пром', 'инвест', 'альфа', 'север', 'урал', 'сибирь', 'волга', 'мир', 'гидро', 'метал',
  'прибор', 'кристалл', 'оптик', 'лазер', 'микро', 'систем', 'вектор', 'импульс', 'квант',
];
const RU_REGIONS = ['Урал', 'Сибирь', 'Север', 'Юг', 'Центр', 'Восток', 'Запад', 'Волга', 'Дон', 'Нева', 'Кама', 'Байкал'];
const RU_FORMS = [
  ['OOO', 'ООО', 'LLC'], ['AO', 'АО', 'JSC'], ['PAO', 'ПАО', 'PJSC'], ['ZAO', 'ЗАО', 'CJSC'],
  ['JOINT STOCK COMPANY', 'АО', 'JSC'], ['LIMITED LIABILITY COMPANY', 'ООО', 'LLC'],
] as const;
const SURNAME_ROOTS = [
  'Ivan', 'Petr', 'Sokol', 'Kuznets', 'Volk', 'Orl', 'Lebed', 'Kozl', 'Moroz', 'Novik', 'Fedor', 'Mikhail', 'Pavl', 'Semen',
  'Egor', 'Belous', 'Grom', 'Zhuk', 'Kotl', 'Rybak', 'Titar', 'Bondar', 'Shevch', 'Tkach', 'Kovalch', 'Savel', 'Zaits',
  'Medved', 'Vorob', 'Golub', 'Karp', 'Losev', 'Gusev', 'Bykov', 'Kalin', 'Chern', 'Beloz', 'Krasn', 'Zelen', 'Sukh',
];
const SURNAME_ENDINGS = ['ov', 'ev', 'in', 'enko', 'sky', 'uk', 'ovich', 'ets'];
const GIVEN = [
  'Sergei', 'Dmitriy', 'Aleksandr', 'Andrei', 'Alexei', 'Mikhail', 'Nikolai', 'Vladimir', 'Yuri', 'Igor', 'Oleg', 'Pavel',
  'Viktor', 'Yevgeniy', 'Anatoly', 'Boris', 'Konstantin', 'Maksim', 'Roman', 'Denis', 'Irina', 'Elena', 'Olga', 'Natalia',
  'Tatiana', 'Svetlana', 'Anna', 'Maria', 'Yulia', 'Galina',
];
const PERSIAN_GIVEN = ['Mohammad', 'Ali', 'Hossein', 'Reza', 'Mahmoud', 'Ahmad', 'Hassan', 'Mehdi', 'Abbas', 'Majid', 'Saeed', 'Hamid'];
const PERSIAN_SURNAMES = [
  'Rezaei', 'Karimi', 'Hosseini', 'Ahmadi', 'Mousavi', 'Jafari', 'Ghorbani', 'Rahimi', 'Sadeghi', 'Moradi', 'Kazemi',
  'Hashemi', 'Najafi', 'Tehrani', 'Shirazi', 'Esfahani', 'Bagheri', 'Zamani', 'Nouri', 'Farahani', 'Rostami', 'Jalali',
];

function capitalise(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

function designation(name: string, aliases: string[], type: string | null, list: Designation['list'], n: number): Designation {
  return blankDesignation({ key: `${list}:${n}`, list, listName: list, name, aliases, type, sourceId: String(n) });
}

function chineseCompany(rand: () => number, n: number): Designation {
  const syllables = rand() < 0.6 ? 2 : 3;
  const brand = capitalise(Array.from({ length: syllables }, () => pick(rand, SYLLABLES)).join(''));
  const city = pick(rand, CITIES);
  const industry = pick(rand, INDUSTRIES);
  const name = `${city} ${brand} ${industry} ${pick(rand, CN_FORMS)}`;
  const aliases: string[] = [];
  if (rand() < 0.7) aliases.push(`${brand} ${industry}`);
  if (rand() < 0.6) aliases.push(`${city.toUpperCase()} ${brand.toUpperCase()} ${industry.toUpperCase()} COMPANY LIMITED`);
  if (rand() < 0.5) aliases.push(`${brand} ${pick(rand, ['Group', 'Holdings', 'International', 'Tech'])}`);
  if (rand() < 0.3) aliases.push(`${city} ${brand}`);
  return designation(name, aliases, 'Entity', pick(rand, ['EL', 'UVL', 'MEU', 'CMIC'] as const), n);
}

function russianCompany(rand: () => number, n: number): Designation {
  let brandCyr = pick(rand, RU_PARTS) + pick(rand, RU_PARTS);
  brandCyr = brandCyr.charAt(0).toUpperCase() + brandCyr.slice(1);
  if (rand() < 0.6) brandCyr = `${brandCyr}-${pick(rand, RU_REGIONS)}`;
  const brand = anyAscii(brandCyr).replace(/'/g, '');
  const [form, formCyr, short] = pick(rand, RU_FORMS);
  const aliases = [`${brand} ${short}`, `${formCyr} «${brandCyr}»`];
  if (rand() < 0.5) aliases.push(`${brand.toUpperCase()} ${pick(rand, ['PLANT', 'CONCERN', 'RESEARCH INSTITUTE', 'FACTORY'])}`);
  return designation(`${form} ${brand.toUpperCase()}`, aliases, 'Entity', pick(rand, ['SDN', 'EL', 'SSI'] as const), n);
}

function variantSpelling(rand: () => number, word: string): string {
  const swaps: Array<[RegExp, string]> = [[/y/g, 'i'], [/iy$/, 'y'], [/ks/g, 'x'], [/ov$/, 'off'], [/ei/g, 'ey'], [/kh/g, 'h']];
  for (let i = 0; i < 6; i++) {
    const [from, to] = pick(rand, swaps);
    const out = word.replace(from, to);
    if (out !== word) return out;
  }
  return `${word}a`;
}

function person(rand: () => number, n: number): Designation {
  if (rand() < 0.3) {
    const surname = pick(rand, PERSIAN_SURNAMES);
    const given = `${pick(rand, PERSIAN_GIVEN)}${rand() < 0.5 ? ` ${pick(rand, PERSIAN_GIVEN)}` : ''}`;
    const aliases = [`${surname.toUpperCase()}, ${variantSpelling(rand, given)}`, `AL-${surname.toUpperCase()}, ${given}`];
    if (rand() < 0.5) aliases.push(`${pick(rand, PERSIAN_SURNAMES).toUpperCase()}, ${given}`);
    return designation(`${surname.toUpperCase()}, ${given}`, aliases, 'Individual', 'SDN', n);
  }
  const surname = `${pick(rand, SURNAME_ROOTS)}${pick(rand, SURNAME_ENDINGS)}`;
  const given = pick(rand, GIVEN);
  const father = pick(rand, GIVEN.slice(0, 20)).replace(/[aiy]$/, '');
  const patronymic = `${father}${given.endsWith('a') ? 'ovna' : 'ovich'}`;
  const aliases = [`${variantSpelling(rand, surname).toUpperCase()}, ${given}`, `${surname.toUpperCase()}, ${variantSpelling(rand, given)}`];
  if (rand() < 0.6) aliases.push(`${surname.toUpperCase()}, ${given} ${variantSpelling(rand, patronymic)}`);
  return designation(`${surname.toUpperCase()}, ${given} ${patronymic}`, aliases, 'Individual', 'SDN', n);
}

/** Generated designations with unique primary names. */
export function syntheticCorpus(seed: number, entities: number): BenchDoc[] {
  const rand = random(seed);
  const seen = new Set<string>();
  const docs: BenchDoc[] = [];
  for (let n = 1; docs.length < entities; n++) {
    const roll = rand();
    const d = roll < 0.55 ? chineseCompany(rand, n) : roll < 0.72 ? russianCompany(rand, n) : person(rand, n);
    const norm = normaliseName(d.name);
    if (seen.has(norm)) continue;
    seen.add(norm);
    docs.push({ id: `synthetic ${d.key}`, source: 'synthetic', designation: d });
  }
  return docs;
}
