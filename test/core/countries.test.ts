/**
 * The one country table (src/core/countries.ts), over every spelling the two former tables
 * overrode — the Entity List's (upper case, "CHINA, PEOPLE'S REPUBLIC OF") and OFAC's ("Korea,
 * North", "Region: Crimea") — plus the variants the normalised comparison must absorb.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { countryCode, countryName, displayCountry, isCountryCode } from '../../src/core/countries.js';

/** The Entity List / EAR spellings, as the Federal Register and eCFR print them. */
const ENTITY_LIST: Array<[string, string]> = [
  ["CHINA, PEOPLE'S REPUBLIC OF", 'CN'],
  ["PEOPLE'S REPUBLIC OF CHINA", 'CN'],
  ['PRC', 'CN'],
  ['HONG KONG', 'HK'],
  ['MACAU', 'MO'],
  ['TAIWAN', 'TW'],
  ['RUSSIA', 'RU'],
  ['RUSSIAN FEDERATION', 'RU'],
  ['IRAN', 'IR'],
  ['SYRIA', 'SY'],
  ['BURMA', 'MM'],
  ['KOREA, NORTH', 'KP'],
  ['NORTH KOREA', 'KP'],
  ["KOREA, DEMOCRATIC PEOPLE'S REPUBLIC OF", 'KP'],
  ['KOREA, SOUTH', 'KR'],
  ['SOUTH KOREA', 'KR'],
  ['KOREA, REPUBLIC OF', 'KR'],
  ['LAOS', 'LA'],
  ['VIETNAM', 'VN'],
  ['TURKEY', 'TR'],
  ['TÜRKIYE', 'TR'],
  ['TURKIYE', 'TR'],
  ['UAE', 'AE'],
  ['UNITED ARAB EMIRATES', 'AE'],
  ['UNITED KINGDOM', 'GB'],
  ['UK', 'GB'],
  ['CZECH REPUBLIC', 'CZ'],
  ['CONGO, DEMOCRATIC REPUBLIC OF THE', 'CD'],
  ['CONGO, REPUBLIC OF THE', 'CG'],
  ["COTE D'IVOIRE", 'CI'],
  ['MOLDOVA', 'MD'],
  ['WEST BANK', 'PS'],
  ['GAZA', 'PS'],
  ['PALESTINIAN TERRITORIES', 'PS'],
];

/** OFAC's spellings (ADD.CSV's country column, remarks), regions included. */
const OFAC: Array<[string, string]> = [
  ['Bahamas, The', 'BS'],
  ['The Gambia', 'GM'],
  ['Gambia, The', 'GM'],
  ['Brunei', 'BN'],
  ['Burma', 'MM'],
  ['Cabo Verde', 'CV'],
  ['Congo, Democratic Republic of the', 'CD'],
  ['Congo, Republic of the', 'CG'],
  ['Cote d Ivoire', 'CI'],
  ['Curacao', 'CW'],
  ['Holy See', 'VA'],
  ['Korea, North', 'KP'],
  ['Korea, South', 'KR'],
  ['Kosovo', 'XK'],
  ['Laos', 'LA'],
  ['Macau', 'MO'],
  ['Man, Isle of', 'IM'],
  ['Macedonia', 'MK'],
  ['North Macedonia, The Republic of', 'MK'],
  ['Moldova', 'MD'],
  ['Palestinian', 'PS'],
  ['Region: Crimea', 'UA'],
  ['Region: Gaza', 'PS'],
  ['Region: Northern Mali', 'ML'],
  ['Russia', 'RU'],
  ['Sint Maarten', 'SX'],
  ['Saint Martin', 'MF'],
  ['Swaziland', 'SZ'],
  ['Syria', 'SY'],
  ['Turkiye', 'TR'],
  ['Vatican City', 'VA'],
  ['West Bank', 'PS'],
  ['Iran', 'IR'],
  ['Venezuela', 'VE'],
  ['United Kingdom', 'GB'],
];

/** Other spellings of the same names: case, diacritics, curly quotes, stray punctuation, library names. */
const VARIANTS: Array<[string, string]> = [
  ["Côte d'Ivoire", 'CI'],
  ['Côte d’Ivoire', 'CI'],
  ["Cote d'Ivoire", 'CI'],
  ['Ivory Coast', 'CI'],
  ['CHINA, PEOPLE’S REPUBLIC OF', 'CN'],
  ['China', 'CN'],
  ['  RUSSIA ; ', 'RU'],
  ['Korea, North.', 'KP'],
  ['korea, south', 'KR'],
  ['Myanmar', 'MM'],
  ['Democratic Republic of the Congo', 'CD'],
  ['Republic of the Congo', 'CG'],
  ['Curaçao', 'CW'],
  ['Germany', 'DE'],
  ['GERMANY', 'DE'],
  ['Virgin Islands, U.S.', 'VI'],
];

/** Names that give no code: not a country, disputed, or given to two countries. */
const NO_CODE: Array<[string | null | undefined, null]> = [
  ['undetermined', null],
  ['Region: Kafia Kingi', null],
  ['Netherlands Antilles', null],
  // The library gives bare "Congo" to both CD and CG: no guess.
  ['Congo', null],
  ['CONGO', null],
  ['Atlantis', null],
  ['', null],
  ['  ', null],
  [null, null],
  [undefined, null],
];

describe('countryCode', () => {
  it.each([...ENTITY_LIST, ...OFAC, ...VARIANTS, ...NO_CODE])('%j → %j', (name, code) => {
    expect(countryCode(name)).toBe(code);
  });

  it('gives the same answer on a repeated name (the memo keeps nothing stale)', () => {
    expect(['Burma', 'Burma', 'Congo', 'Congo'].map(countryCode)).toEqual(['MM', 'MM', null, null]);
  });

  it('only gives codes that isCountryCode accepts', () => {
    const codes = [...new Set([...ENTITY_LIST, ...OFAC, ...VARIANTS].map(([, code]) => code))].sort();
    expect(codes.filter((code) => !isCountryCode(code))).toEqual([]);
  });
});

describe('countryName', () => {
  it.each([
    ['CN', 'China'],
    ['RU', 'Russia'],
    ['MM', 'Burma'],
    ['KR', 'South Korea'],
    ['KP', 'North Korea'],
    ['AE', 'United Arab Emirates'],
    ['GB', 'United Kingdom'],
    ['SY', 'Syria'],
    ['IR', 'Iran'],
    ['DE', 'Germany'],
    ['ZZ', 'ZZ'],
  ])('%s → %s', (code, name) => {
    expect(countryName(code)).toBe(name);
  });
});

describe('displayCountry', () => {
  it.each([
    ["CHINA, PEOPLE'S REPUBLIC OF", 'China'],
    ['BURMA', 'Burma'],
    ['KOREA, SOUTH', 'South Korea'],
    ['ATLANTIS', 'ATLANTIS'],
    [null, null],
    ['', null],
  ])('%j → %j', (printed, shown) => {
    expect(displayCountry(printed)).toBe(shown);
  });
});

describe('isCountryCode', () => {
  it.each([
    ['CN', true],
    ['XK', true],
    ['cn', false],
    ['CHN', false],
    ['156', false],
    ['ZZ', false],
    ['', false],
  ])('%j → %j', (code, valid) => {
    expect(isCountryCode(code)).toBe(valid);
  });
});

// The CLI's `status` and `lookup` import this module (through the store's schemas) without
// checking a country: the library must load on the first call, not on import. Checked on the
// build `npm test` makes first, in a fresh process (this worker has loaded it already).
const built = new URL('../../dist/src/core/countries.js', import.meta.url);
describe.skipIf(!existsSync(built))('loading', () => {
  it('loads i18n-iso-countries on the first call, not on import', () => {
    const script = `
      import { createRequire } from 'node:module';
      const loaded = () => Object.keys(createRequire(import.meta.url).cache).some((path) => path.includes('i18n-iso-countries'));
      const { countryCode } = await import(${JSON.stringify(built.href)});
      const onImport = loaded();
      const code = countryCode('Burma');
      console.log(JSON.stringify([onImport, code, loaded()]));`;
    const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
    expect(JSON.parse(out)).toEqual([false, 'MM', true]);
  });
});
