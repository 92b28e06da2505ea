/**
 * Country names as the Entity List prints them ("CHINA, PEOPLE'S REPUBLIC OF", "RUSSIA",
 * "BURMA") → ISO 3166-1 alpha-2. Pure.
 *
 * i18n-iso-countries knows most English names; the overrides cover the EAR's own spellings,
 * which it does not ("Burma", "Korea, North", "China, People's Republic of").
 */
import countries from 'i18n-iso-countries';

/** EAR spellings, keyed by their upper-cased, whitespace-collapsed form. */
const OVERRIDES: Record<string, string> = {
  "CHINA, PEOPLE'S REPUBLIC OF": 'CN',
  "PEOPLE'S REPUBLIC OF CHINA": 'CN',
  PRC: 'CN',
  'HONG KONG': 'HK',
  MACAU: 'MO',
  TAIWAN: 'TW',
  RUSSIA: 'RU',
  'RUSSIAN FEDERATION': 'RU',
  IRAN: 'IR',
  SYRIA: 'SY',
  BURMA: 'MM',
  'KOREA, NORTH': 'KP',
  'NORTH KOREA': 'KP',
  "KOREA, DEMOCRATIC PEOPLE'S REPUBLIC OF": 'KP',
  'KOREA, SOUTH': 'KR',
  'SOUTH KOREA': 'KR',
  'KOREA, REPUBLIC OF': 'KR',
  LAOS: 'LA',
  VIETNAM: 'VN',
  TURKEY: 'TR',
  TÜRKIYE: 'TR',
  TURKIYE: 'TR',
  UAE: 'AE',
  'UNITED ARAB EMIRATES': 'AE',
  'UNITED KINGDOM': 'GB',
  UK: 'GB',
  'CZECH REPUBLIC': 'CZ',
  'CONGO, DEMOCRATIC REPUBLIC OF THE': 'CD',
  'CONGO, REPUBLIC OF THE': 'CG',
  "COTE D'IVOIRE": 'CI',
  MOLDOVA: 'MD',
  'WEST BANK': 'PS',
  GAZA: 'PS',
  'PALESTINIAN TERRITORIES': 'PS',
};

function titleCase(name: string): string {
  return name.toLowerCase().replace(/(^|[\s,(-])(\p{L})/gu, (_match, lead: string, letter: string) => lead + letter.toUpperCase());
}

/** ISO-2 code for a country name as printed, or null when it is not recognised. */
export function countryCode(name: string | null | undefined): string | null {
  const cleaned = name
    ?.replace(/[’‘]/g, "'")
    .replace(/\s+/g, ' ')
    .replace(/[.;:,\s]+$/, '')
    .trim();
  if (!cleaned) return null;
  const upper = cleaned.toUpperCase();
  const override = OVERRIDES[upper];
  if (override) return override;
  return countries.getAlpha2Code(cleaned, 'en') ?? countries.getAlpha2Code(titleCase(cleaned), 'en') ?? null;
}

/** Display names where the library's short alias is not the one a compliance reader expects. */
const DISPLAY_NAMES: Record<string, string> = { AE: 'United Arab Emirates', GB: 'United Kingdom', KR: 'South Korea', MM: 'Burma', SY: 'Syria' };

/** English short name of an ISO-2 code ("CN" → "China", "RU" → "Russia"), or the code when unknown. */
export function countryName(code: string): string {
  return DISPLAY_NAMES[code] ?? countries.getName(code, 'en', { select: 'alias' }) ?? countries.getName(code, 'en') ?? code;
}

/** A printed country ("CHINA, PEOPLE'S REPUBLIC OF") as one display name ("China"); as printed when unknown. */
export function displayCountry(printed: string | null): string | null {
  if (!printed) return null;
  const code = countryCode(printed);
  return code ? countryName(code) : printed;
}
