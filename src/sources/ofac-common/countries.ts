/**
 * OFAC country names → ISO 3166-1 alpha-2, for `Designation.countries` and id lines.
 *
 *   countryCode('Korea, North') // 'KP'
 *   countryCode('Region: Crimea') // 'UA'
 *   countryCode('undetermined') // null
 *
 * i18n-iso-countries answers most names; OFAC's own spellings ("Burma", "Korea, North",
 * "Congo, Democratic Republic of the") and regions come from OVERRIDES. Names are compared
 * after `normaliseName`, so "Cote d Ivoire" finds "Côte d'Ivoire". Unknown names give null and
 * are skipped by callers: a missing code is better than a guessed one.
 */
import countries from 'i18n-iso-countries';
import en from 'i18n-iso-countries/langs/en.json' with { type: 'json' };
import { normaliseName } from '../../core/text.js';

countries.registerLocale(en);

/** OFAC spellings, keyed by their normalised form. Regions map to the state they lie in; disputed ones are absent. */
const OVERRIDES: Record<string, string> = {
  'bahamas the': 'BS',
  'the gambia': 'GM',
  'gambia the': 'GM',
  brunei: 'BN',
  burma: 'MM',
  'cabo verde': 'CV',
  'congo democratic republic of the': 'CD',
  'congo republic of the': 'CG',
  'cote d ivoire': 'CI',
  curacao: 'CW',
  'holy see': 'VA',
  'korea north': 'KP',
  'korea south': 'KR',
  kosovo: 'XK',
  laos: 'LA',
  macau: 'MO',
  'man isle of': 'IM',
  macedonia: 'MK',
  'north macedonia the republic of': 'MK',
  moldova: 'MD',
  palestinian: 'PS',
  'region crimea': 'UA',
  'region gaza': 'PS',
  'region northern mali': 'ML',
  russia: 'RU',
  'sint maarten': 'SX',
  'saint martin': 'MF',
  swaziland: 'SZ',
  syria: 'SY',
  turkiye: 'TR',
  'vatican city': 'VA',
  'west bank': 'PS',
};

let index: Map<string, string> | null = null;

/** Every English name and alias the library knows, normalised → code. Built on first use. */
function libraryIndex(): Map<string, string> {
  if (index) return index;
  index = new Map();
  for (const [code, names] of Object.entries(countries.getNames('en', { select: 'all' }))) {
    for (const name of names) index.set(normaliseName(name), code);
  }
  return index;
}

/** Names seen so far (a snapshot has a few hundred distinct ones); bounded against odd input. */
const memo = new Map<string, string | null>();

/** The ISO-2 code of an OFAC country name, or null when it names no single country. */
export function countryCode(name: string | null): string | null {
  if (!name) return null;
  const known = memo.get(name);
  if (known !== undefined) return known;
  const key = normaliseName(name);
  const code = OVERRIDES[key] ?? libraryIndex().get(key) ?? null;
  if (memo.size < 5000) memo.set(name, code);
  return code;
}
