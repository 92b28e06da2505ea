/**
 * Country names → ISO 3166-1 alpha-2 codes and back: the one country table every list reader and
 * the watchlist import use. Pure.
 *
 *   countryCode("CHINA, PEOPLE'S REPUBLIC OF") // 'CN'  (the Entity List's spelling)
 *   countryCode('Korea, North')                // 'KP'  (OFAC's)
 *   countryCode('Region: Crimea')              // 'UA'  (a region maps to the state it lies in)
 *   countryCode('undetermined')                // null
 *   countryName('MM')                          // 'Burma'
 *   isCountryCode('CN')                        // true
 *
 * i18n-iso-countries answers most English names and aliases; OVERRIDES adds the lists' own
 * spellings ("Burma", "Korea, North", "Congo, Democratic Republic of the", "PRC") and regions.
 * Names are compared after `normaliseName`, so case, diacritics and punctuation do not matter
 * ("COTE D'IVOIRE", "Cote d Ivoire" and "Côte d’Ivoire" are one name). A name the library gives
 * to two countries (bare "Congo") and an unknown name give null: a missing code is better than a
 * guessed one, and callers skip it.
 *
 * The library (its code tables and English names) is loaded on the first call, not on import:
 * `status` and `lookup` load the store's schemas, which use `isCountryCode`, without ever
 * checking a country.
 */
import { createRequire } from 'node:module';
import { normaliseName } from './text.js';

/**
 * The lists' own spellings, as printed (compared normalised). Entity List / EAR: upper case
 * ("CHINA, PEOPLE'S REPUBLIC OF"); OFAC: "Korea, North", "Region: Crimea". Regions map to the
 * state they lie in; disputed ones (OFAC's "Region: Kafia Kingi") are absent on purpose.
 */
const OVERRIDES: Readonly<Record<string, string>> = {
  "China, People's Republic of": 'CN',
  "People's Republic of China": 'CN',
  PRC: 'CN',
  'Hong Kong': 'HK',
  Macau: 'MO',
  Taiwan: 'TW',
  Russia: 'RU',
  'Russian Federation': 'RU',
  Iran: 'IR',
  Syria: 'SY',
  Burma: 'MM',
  'Korea, North': 'KP',
  'North Korea': 'KP',
  "Korea, Democratic People's Republic of": 'KP',
  'Korea, South': 'KR',
  'South Korea': 'KR',
  'Korea, Republic of': 'KR',
  Laos: 'LA',
  Vietnam: 'VN',
  Turkey: 'TR',
  Türkiye: 'TR',
  UAE: 'AE',
  'United Arab Emirates': 'AE',
  'United Kingdom': 'GB',
  UK: 'GB',
  'Czech Republic': 'CZ',
  'Congo, Democratic Republic of the': 'CD',
  'Congo, Republic of the': 'CG',
  "Côte d'Ivoire": 'CI',
  Moldova: 'MD',
  'Bahamas, The': 'BS',
  'The Gambia': 'GM',
  'Gambia, The': 'GM',
  Brunei: 'BN',
  'Cabo Verde': 'CV',
  Curaçao: 'CW',
  'Holy See': 'VA',
  'Vatican City': 'VA',
  Kosovo: 'XK',
  'Man, Isle of': 'IM',
  Macedonia: 'MK',
  'North Macedonia, The Republic of': 'MK',
  'Sint Maarten': 'SX',
  'Saint Martin': 'MF',
  Swaziland: 'SZ',
  'West Bank': 'PS',
  Gaza: 'PS',
  Palestinian: 'PS',
  'Palestinian Territories': 'PS',
  'Region: Crimea': 'UA',
  'Region: Gaza': 'PS',
  'Region: Northern Mali': 'ML',
};

/** Display names where the library's short alias is not the one a compliance reader expects. */
const DISPLAY_NAMES: Readonly<Record<string, string>> = { AE: 'United Arab Emirates', GB: 'United Kingdom', KR: 'South Korea', MM: 'Burma', SY: 'Syria' };

type Countries = typeof import('i18n-iso-countries');

interface Table {
  library: Countries;
  /** Normalised name → code: every English name and alias the library gives one country, then OVERRIDES on top. */
  codes: Map<string, string>;
}

let table: Table | undefined;

/**
 * The library without its 80 other locales (its Node entry registers them all, ~40 ms; English
 * alone is a few), and the name index. Built once, on first use.
 */
function loadTable(): Table {
  if (table) return table;
  const require = createRequire(import.meta.url);
  const library = require('i18n-iso-countries/index.js') as Countries;
  library.registerLocale(require('i18n-iso-countries/langs/en.json') as Parameters<Countries['registerLocale']>[0]);
  const owners = new Map<string, Set<string>>();
  for (const [code, names] of Object.entries(library.getNames('en', { select: 'all' }))) {
    for (const name of names) {
      const key = normaliseName(name);
      const set = owners.get(key) ?? new Set<string>();
      set.add(code);
      owners.set(key, set);
    }
  }
  const codes = new Map<string, string>();
  for (const [key, set] of owners) {
    const [only] = set;
    if (set.size === 1 && only) codes.set(key, only);
  }
  for (const [name, code] of Object.entries(OVERRIDES)) codes.set(normaliseName(name), code);
  table = { library, codes };
  return table;
}

/** Names seen so far (a snapshot has a few hundred distinct ones, looked up per entry); bounded against odd input. */
const memo = new Map<string, string | null>();
const MEMO_LIMIT = 5000;

/** The ISO-2 code of a country name as a list prints it, or null when it names no single country. */
export function countryCode(name: string | null | undefined): string | null {
  if (!name) return null;
  const known = memo.get(name);
  if (known !== undefined) return known;
  const code = loadTable().codes.get(normaliseName(name)) ?? null;
  if (memo.size < MEMO_LIMIT) memo.set(name, code);
  return code;
}

/** English short name of an ISO-2 code ("CN" → "China", "MM" → "Burma"), or the code when unknown. */
export function countryName(code: string): string {
  const { library } = loadTable();
  return DISPLAY_NAMES[code] ?? library.getName(code, 'en', { select: 'alias' }) ?? library.getName(code, 'en') ?? code;
}

/** A printed country ("CHINA, PEOPLE'S REPUBLIC OF") as one display name ("China"); as printed when unknown. */
export function displayCountry(printed: string | null): string | null {
  if (!printed) return null;
  const code = countryCode(printed);
  return code ? countryName(code) : printed;
}

/** Whether `code` is an upper-case ISO 3166-1 alpha-2 code ("CN"; not "cn", "CHN" or "156"). */
export function isCountryCode(code: string): boolean {
  return /^[A-Z]{2}$/.test(code) && loadTable().library.isValid(code);
}
