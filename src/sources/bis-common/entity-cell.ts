/**
 * The "Entity" cell of a BIS list table → name, aliases, addresses. Pure, best-effort.
 *
 * The cell is prose with a loose convention:
 *
 *   Beijing Example Co., Ltd., a.k.a., the following two aliases:
 *   —Example Tech; and
 *   —Beijing Example.
 *   Room 101, No. 1 Street, Haidian District, Beijing, China; and 5 Other Road, Shanghai, China.
 *
 * or, without aliases, "Name, address" on one line; or "Name, a.k.a., Alias. Address".
 * Markup usually puts each alias and the address on its own line (`<LI>`, `<br/>`); when it does
 * not, the text is split with heuristics (company suffixes, address words). The name is what
 * precedes ", a.k.a." exactly, so keys match the CSL's for the same entry.
 */

export interface EntityCell {
  name: string;
  aliases: string[];
  addresses: string[];
}

/** A comma-separated part that belongs to the name before it ("Co., Ltd."), not to an address. */
const COMPANY_SUFFIX =
  /^(?:co|company|ltd|limited|inc|incorporated|llc|l\.l\.c|corp|corporation|plc|gmbh|ag|kg|s\.?a|s\.?a\.?s|s\.?a\.?l|s\.?r\.?l|s\.?p\.?a|b\.?v|n\.?v|jsc|ojsc|pjsc|cjsc|ooo|oao|zao|pte|pvt|pty|bhd|sdn\.? bhd|fze|fzco|fz-llc|fzc|dmcc|llp|lp|ab|as|a\/s|oy|kft|ltda|s\.?a\.? de c\.?v|e\.?i\.?r\.?l|c\.?a|sarl|spa|sa|srl|ltd\.? \(.*\)|inc\.? \(.*\))\.?,?$/i;

/** Words an address line typically starts with. */
const ADDRESS_START =
  /^(?:\d|no\.|number\b|room\b|rm\.?\b|floor\b|fl\.|flat\b|building\b|bldg\.?\b|block\b|blk\.?\b|unit\b|suite\b|office\b|level\b|tower\b|plot\b|lot\b|house\b|apartment\b|apt\.?\b|p\.?\s?o\.? box\b|street\b|str\.|ul\.|ulitsa\b|prospekt\b|pr\.|avenue\b|road\b|km\b|zone\b|industrial\b|district\b|village\b)/i;

/** Abbreviations inside an address ("No. 10"): a stop after one never ends a name. */
const ADDRESS_ABBREVIATION = /(?:^|[\s,(])(?:no|nos|st|rd|ave|bldg|fl|rm|apt|blvd|str|pr|ul|km|blk)\.$/i;

/** Words that end with a period without ending a sentence. */
const ABBREVIATION = /(?:^|[\s,(.])(?:co|ltd|inc|corp|no|st|rd|ave|bldg|fl|rm|apt|mr|mrs|dr|jr|sr|blvd|str|pr|ul|nos|est|int'l|intl|[a-z])\.$/i;

const NUMBER_WORDS: Record<string, number> = {
  one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
  eleven: 11, twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17,
  eighteen: 18, nineteen: 19, twenty: 20,
};

/** "a.k.a." or "f.k.a." (formerly known as), with the punctuation BIS puts around it. */
const ALIAS_MARKS = /,?\s*\(?\b[af]\.\s?k\.\s?a\.?\)?\s*[,:]?\s*/gi;
/** "the following one alias:", "the following two aliases:", "the following 12 aliases:". */
const FOLLOWING = /^the following (\w+)\s+alias(?:es)?\s*:\s*/i;
const DASH = /^[—–-]+\s*/;
/** A hyphen that starts an inline list item: after the colon, a ";" or "; and" (not inside a word). */
const INLINE_HYPHEN_ITEM = /(^|:|;|;\s*and|;\s*or)\s*-(?=\s*\S)/gi;

/** A list item without its dash and trailing separators ("; and", ",", a full stop but not "Ltd."). */
export function cleanItem(text: string): string {
  let out = text.replace(/\s+/g, ' ').trim();
  out = out.replace(DASH, '');
  out = out.replace(/(?:[;,]\s*|\s+)(?:and|or)$/i, '').replace(/[;,:\s]+$/, '');
  if (out.endsWith('.') && !ABBREVIATION.test(out)) out = out.slice(0, -1);
  return out.trim();
}

/**
 * Where an alias (or name) running into an address on one line ends: the first ". " followed by
 * an address word, else the first ". " that does not end an abbreviation. -1 when none.
 */
function sentenceBreak(text: string): number {
  const stops = [...text.matchAll(/\.\s+(?=\S)/g)].map((match) => match.index);
  for (const stop of stops) {
    if (ADDRESS_ABBREVIATION.test(text.slice(0, stop + 1))) continue;
    if (ADDRESS_START.test(text.slice(stop + 1).trim())) return stop;
  }
  for (const stop of stops) if (!ABBREVIATION.test(text.slice(0, stop + 1))) return stop;
  return -1;
}

/** Parts between ", " outside parentheses: "A (f.k.a., B), 1 Road" → ["A (f.k.a., B)", "1 Road"]. */
function commaParts(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '(') depth++;
    else if (c === ')') depth = Math.max(0, depth - 1);
    else if (c === ',' && depth === 0 && /\s/.test(text[i + 1] ?? '')) {
      parts.push(text.slice(start, i));
      start = i + 1;
      while (/\s/.test(text[start] ?? '')) start++;
      i = start - 1;
    }
  }
  parts.push(text.slice(start));
  return parts;
}

/**
 * "Name, Room 1, Street, City, Country" → name and the rest (empty when no address follows).
 * The name runs to the first comma not followed by a company suffix ("Co., Ltd., Room 1" keeps
 * "Ltd."), or to an earlier full stop followed by an address word ("Co., Ltd. Floor 10, …").
 */
export function splitNameAddress(text: string): { name: string; rest: string } {
  const parts = commaParts(text);
  let name = parts[0] ?? '';
  let taken = 1;
  for (; taken < parts.length; taken++) {
    const part = parts[taken]!.trim();
    // "Co., Ltd." and "…, and subordinate entity …" continue the name.
    if (COMPANY_SUFFIX.test(part) || /^(?:and|including|&)\s/i.test(part)) {
      name += `, ${part}`;
      continue;
    }
    const lead = /^(\S+\.)\s+(.+)$/.exec(part);
    if (lead && COMPANY_SUFFIX.test(lead[1]!) && ADDRESS_START.test(lead[2]!)) {
      return { name: `${name}, ${lead[1]}`, rest: [lead[2], ...parts.slice(taken + 1)].join(', ') };
    }
    break;
  }
  const stop = sentenceBreak(name);
  if (stop !== -1 && ADDRESS_START.test(name.slice(stop + 1).trim())) {
    return { name: name.slice(0, stop + 1).trim(), rest: [name.slice(stop + 1).trim(), ...parts.slice(taken)].join(', ') };
  }
  return { name: name.trim(), rest: parts.slice(taken).join(', ').trim() };
}

/** One block of address text → one line per address ("…, China; and 5 Road, …" is two). */
function splitAddresses(text: string): string[] {
  return text
    .split(/;\s*(?:and\s+)?/i)
    .map((part) => cleanItem(part))
    .filter((part) => part !== '' && !/^(?:and|or)$/i.test(part));
}

function aliasesAndRest(lines: string[], count: number | null): { aliases: string[]; rest: string[] } {
  // Items start with a dash, on their own line or inline ("…: —A; and —B. Address").
  const items: string[] = [];
  const rest: string[] = [];
  let inAliases = true;
  for (const line of lines) {
    if (!inAliases) {
      rest.push(line);
      continue;
    }
    const pieces = line.replace(INLINE_HYPHEN_ITEM, '$1 —').split(/\s*(?=[—–])/).filter((piece) => piece.trim() !== '');
    for (const piece of pieces) {
      if (DASH.test(piece) || items.length === 0) items.push(piece);
      else items[items.length - 1] += ` ${piece}`;
    }
    // A line that ends an item list ("—B.", not "—A; and") closes the aliases when the count is met.
    if (count !== null && items.length >= count && !/[;,]\s*(?:and|or)?$/i.test(line.trim())) inAliases = false;
  }
  if (items.length === 0) return { aliases: [], rest };
  // The last alias may run into the address on the same line.
  const last = items[items.length - 1]!;
  const isOwnLine = lines.some((line) => line.trim() === last.trim());
  if (!isOwnLine || rest.length === 0) {
    const stop = sentenceBreak(last);
    if (stop !== -1) {
      items[items.length - 1] = last.slice(0, stop + 1);
      rest.unshift(last.slice(stop + 1).trim());
    }
  }
  return { aliases: items.map(cleanItem).filter((alias) => alias !== ''), rest };
}

/**
 * The first alias mark outside parentheses, or null. A parenthesised former name stays in the
 * name, as the CSL prints it: "Resort X (f.k.a., Y)" is one name, so keys match the CSL's.
 */
function aliasMark(text: string): { index: number; length: number } | null {
  for (const match of text.matchAll(ALIAS_MARKS)) {
    const before = text.slice(0, match.index + match[0].search(/[af]\./i));
    const depth = (before.match(/\(/g)?.length ?? 0) - (before.match(/\)/g)?.length ?? 0);
    if (depth <= 0) return { index: match.index, length: match[0].length };
  }
  return null;
}

/** Inline aliases after the first mark: "A, f.k.a. B, 1 Road, City" → [A, B] and the address text. */
function inlineAliases(after: string): { aliases: string[]; rest: string } {
  const lines = after.split('\n').filter((line) => line.trim() !== '');
  const [first = '', ...others] = lines;
  // "A, a.k.a. B" on one line: every part but the last is an alias; the last may carry the address.
  const parts = first.split(ALIAS_MARKS);
  const last = parts.pop() ?? '';
  const { name: lastAlias, rest } = splitNameAddress(last);
  const aliases = [...parts, lastAlias].map(cleanItem).filter(Boolean);
  return { aliases, rest: [rest, ...others].filter(Boolean).join(' ') };
}

/** Parse the Entity cell, given as its lines (see xml.ts `linesOf`), or one string. */
export function parseEntityCell(input: string[] | string): EntityCell {
  const lines = (typeof input === 'string' ? [input] : input).map((line) => line.replace(/\s+/g, ' ').trim()).filter(Boolean);
  const text = lines.join('\n');
  const mark = aliasMark(text);
  if (!mark) {
    const [first = '', ...others] = lines;
    const { name, rest } = splitNameAddress(first);
    const address = [rest, ...others].filter(Boolean).join(' ');
    return { name: cleanItem(name), aliases: [], addresses: splitAddresses(address) };
  }
  const name = cleanItem(text.slice(0, mark.index).replace(/\n/g, ' '));
  const after = text.slice(mark.index + mark.length);
  const following = FOLLOWING.exec(after);
  if (following) {
    const word = following[1]!.toLowerCase();
    const count = NUMBER_WORDS[word] ?? (Number.parseInt(word, 10) || null);
    const afterLines = after.slice(following[0].length).split('\n').filter((line) => line.trim() !== '');
    const { aliases, rest } = aliasesAndRest(afterLines, count);
    return { name, aliases: aliases, addresses: splitAddresses(rest.join(' ')) };
  }
  const { aliases, rest } = inlineAliases(after);
  return { name, aliases: aliases, addresses: splitAddresses(rest) };
}
