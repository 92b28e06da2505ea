/**
 * Word classes the matcher treats specially, and the one-word stemmer. Pure.
 *
 * - Stop words carry no identity and are dropped ("Moscow Institute of Physics and Technology"
 *   = "Moscow Institute Physics Technology"). Deliberately short: "da", "le", "do" are Chinese,
 *   Vietnamese and Korean name parts, so only unambiguous function words are here.
 * - Soft words are often added or left out by the press ("Hikvision Group", "Rostec Holding");
 *   a soft word in the query that the name lacks costs a quarter of its weight.
 * - Generic words are common in company names everywhere; their document frequency is floored
 *   (see engine) so that a small or unusual index cannot make "technology" look rare.
 */

export const STOP_WORDS: ReadonlySet<string> = new Set(['the', 'of', 'and', 'for', 'de', 'des', 'du', 'der', 'und', 'et', 'al', 'el']);

export const SOFT_WORDS: ReadonlySet<string> = new Set([
  'group', 'grupo', 'holding', 'international', 'intl', 'global', 'worldwide', 'branch', 'subsidiary', 'headquarter',
]);

/** Share of a soft word's weight that counts when the name lacks it. */
export const SOFT_WEIGHT = 0.25;

export const GENERIC_WORDS: ReadonlySet<string> = new Set([
  'technology', 'tech', 'science', 'scientific', 'electronic', 'electric', 'electrical', 'industry', 'industrial',
  'trading', 'trade', 'import', 'export', 'international', 'global', 'group', 'holding', 'development',
  'engineering', 'equipment', 'machinery', 'manufacturing', 'material', 'product', 'service', 'system',
  'network', 'communication', 'telecom', 'information', 'software', 'digital', 'intelligent', 'smart',
  'new', 'energy', 'power', 'chemical', 'metal', 'steel', 'shipping', 'marine', 'logistic', 'transport',
  'investment', 'capital', 'finance', 'financial', 'bank', 'commercial', 'enterprise', 'general', 'first',
  'research', 'institute', 'university', 'center', 'centre', 'laboratory', 'academy', 'design', 'instrument',
  'precision', 'optical', 'optic', 'semiconductor', 'micro', 'microelectronic', 'aviation', 'aerospace',
  'defense', 'defence', 'security', 'petroleum', 'oil', 'gas', 'construction', 'consulting', 'solution',
  'supply', 'component', 'device', 'medical', 'pharmaceutical', 'biotech', 'auto', 'automation', 'control',
  'china', 'chinese', 'beijing', 'shanghai', 'shenzhen', 'guangzhou', 'hong', 'kong', 'russia', 'russian',
  'moscow', 'iran', 'iranian', 'tehran', 'national', 'state', 'federal', 'sino', 'asia', 'pacific', 'east',
  'west', 'north', 'south', 'star', 'sun', 'golden', 'united', 'union', 'world', 'sea', 'ocean',
]);

/**
 * Fold simple English plurals so "Technologies" = "Technology", "Holdings" = "Holding",
 * "Networks" = "Network". Applied to both sides of every comparison, so a wrong fold of a
 * proper name ("Hermes" → "herme") is harmless. Words shorter than five letters and endings
 * that are rarely plurals ("-ss", "-us", "-is", "-os", "-as") are left alone.
 */
export function stem(token: string): string {
  if (token.length < 5) return token;
  if (token.endsWith('ies')) return `${token.slice(0, -3)}y`;
  if (!token.endsWith('s')) return token;
  const before = token[token.length - 2];
  if (before === 's' || before === 'u' || before === 'i' || before === 'o' || before === 'a') return token;
  return token.slice(0, -1);
}
