/**
 * Legal forms: the "Co., Ltd.", "OOO", "S.A. de C.V." parts of a name that say what kind of
 * company it is, not which one. The matcher drops them so "Huawei Marine Networks Co., Ltd."
 * and "Huawei Marine Networks Limited" compare equal. Pure.
 *
 *   stripLegalForms(['ooo', 'alfa', 'trade', 'co', 'ltd'])   // ['alfa', 'trade']
 *
 * Tokens arrive folded (lower-case ASCII, abbreviation dots already closed up: "l.l.c." → "llc").
 * Each form says where it may be dropped, because some abbreviations are also words or initials:
 * - anywhere: unambiguous forms ("ltd", "gmbh", "pjsc"), dropped even mid-name
 *   ("… Co., Ltd. Shenzhen Branch").
 * - edges: forms that open Russian/Ukrainian names ("AO Almaz", "Joint Stock Company Rostec") or
 *   close any name; "company" and "corporation" are here because mid-name they are part of a
 *   proper name ("China Electronics Technology Group Corporation 14th Research Institute").
 * - end: short forms that are only a legal form at the very end ("Biblos Travel C.A.", "Ericsson AB")
 *   but may be initials or words elsewhere ("AG Industries", "SA Trading").
 * "Group" and "Holding(s)" are NOT legal forms: "China Electronics Technology Group" and
 * "China Electronics Technology" are different bodies. They are soft words (see tokens.ts).
 */

export type LegalFormPlace = 'anywhere' | 'edges' | 'end';

const ANYWHERE = [
  'ltd', 'limited', 'co ltd', 'co limited', 'company limited', 'corp ltd', 'corporation limited',
  'inc', 'incorporated', 'llc', 'l l c', 'plc', 'llp', 'lllp', 'gmbh', 'mbh', 'gmbh co kg', 'co kg',
  'jsc', 'ojsc', 'cjsc', 'pjsc', 'oao', 'ooo', 'zao', 'pao', 'pjs', 'pvt', 'pvt ltd', 'pte', 'pte ltd',
  'private limited', 'private ltd', 'sdn bhd', 'bhd', 'sarl', 'srl', 'ltda', 'fze', 'fzco', 'fzc',
  'fz llc', 'fze llc', 'wll', 'kft', 'zrt', 'nyrt', 'doo', 'sro', 'spol s r o', 'sp z o o', 'ltd sti',
  'sti', 'eood', 'ead', 'tov', 'pllc', 'sa de cv', 'sapi de cv', 's de rl de cv', 's de rl', 'sa de rl',
  'youxian gongsi', 'gufen youxian gongsi', 'youxian zeren gongsi',
] as const;

const EDGES = [
  'co', 'company', 'corp', 'corporation', 'ao', 'nao', 'too', 'pt', 'fgup', 'fsue', 'gup', 'mup', 'fgbu',
  'joint stock company', 'open joint stock company', 'closed joint stock company',
  'public joint stock company', 'private joint stock company', 'joint stock co',
  'limited liability company', 'limited liability partnership', 'limited company',
  'public limited company', 'private limited company', 'limited partnership',
  'federal state unitary enterprise', 'state unitary enterprise', 'federal state budgetary institution',
  'aktsionernoe obshchestvo', 'otkrytoe aktsionernoe obshchestvo', 'zakrytoe aktsionernoe obshchestvo',
  'publichnoe aktsionernoe obshchestvo', 'obshchestvo s ogranichennoy otvetstvennostyu',
  'obshchestvo s ogranichennoi otvetstvennostiu', 'sherkat', 'sherkate', 'sahami khass', 'sahami aam',
] as const;

const END = [
  'ag', 'sa', 'as', 'asa', 'ab', 'ca', 'kg', 'kgaa', 'lp', 'sas', 'sal', 'sae', 'sl', 'slu', 'spa',
  'se', 'nv', 'bv', 'oy', 'oyj', 'aps', 'kk', 'bsc', 'qsc', 'psc', 'pc', 'est', 'dmcc', 'fz', 'cv', 'ou',
  'uab', 'sia', 'pp', 'snc', 'eirl', 'sac', 'saa', 'ltd co', 'corp ltd', 'co inc', 'corp inc', 'tbk',
] as const;

interface Form {
  tokens: readonly string[];
  place: LegalFormPlace;
}

/** Forms by their first token and by their last, longest first. */
function build(): { byFirst: Map<string, Form[]>; byLast: Map<string, Form[]> } {
  const byFirst = new Map<string, Form[]>();
  const byLast = new Map<string, Form[]>();
  const file = (map: Map<string, Form[]>, key: string, form: Form): void => {
    const list = map.get(key) ?? [];
    list.push(form);
    map.set(key, list);
  };
  const add = (phrases: readonly string[], place: LegalFormPlace): void => {
    for (const phrase of phrases) {
      const form = { tokens: phrase.split(' '), place };
      file(byFirst, form.tokens[0]!, form);
      file(byLast, form.tokens[form.tokens.length - 1]!, form);
    }
  };
  add(ANYWHERE, 'anywhere');
  add(EDGES, 'edges');
  add(END, 'end');
  for (const map of [byFirst, byLast]) for (const list of map.values()) list.sort((a, b) => b.tokens.length - a.tokens.length);
  return { byFirst, byLast };
}

const FORMS = build();

/** Every token that can be part of a legal form (used to tell "Co" the form from a word). */
export const LEGAL_FORM_TOKENS: ReadonlySet<string> = new Set(
  [...ANYWHERE, ...EDGES, ...END].flatMap((phrase) => phrase.split(' ')),
);

/** Whether `form`'s tokens are tokens[at ..]. */
function formIsAt(form: Form, tokens: readonly string[], at: number): boolean {
  const parts = form.tokens;
  for (let i = 0; i < parts.length; i++) if (tokens[at + i] !== parts[i]) return false;
  return true;
}

/**
 * The longest form starting at `at` and ending by `end`, of one of the given places. Plain loops,
 * not `find`/`every` with closures: every name of the index passes here a few times, and a
 * closure per call was much of a bulk build's garbage.
 */
function formAt(tokens: readonly string[], at: number, end: number, places: readonly LegalFormPlace[]): Form | undefined {
  const candidates = FORMS.byFirst.get(tokens[at]!);
  if (!candidates) return undefined;
  for (const form of candidates) {
    if (places.includes(form.place) && at + form.tokens.length <= end && formIsAt(form, tokens, at)) return form;
  }
  return undefined;
}

const AT_START: readonly LegalFormPlace[] = ['anywhere', 'edges'];
const MID_NAME: readonly LegalFormPlace[] = ['anywhere'];

/** The longest form that ends exactly at `end` (exclusive) and starts at or after `start`. */
function formEndingAt(tokens: readonly string[], start: number, end: number): Form | undefined {
  const candidates = FORMS.byLast.get(tokens[end - 1]!);
  if (!candidates) return undefined;
  for (const form of candidates) {
    const at = end - form.tokens.length;
    if (at >= start && formIsAt(form, tokens, at)) return form;
  }
  return undefined;
}

/**
 * The tokens without legal forms. A name that is nothing but legal forms ("Limited Company")
 * keeps its tokens: an empty name would match nothing, or everything.
 */
export function stripLegalForms(tokens: readonly string[]): string[] {
  const out: string[] = [];
  stripLegalFormsInto(tokens, tokens.length, out);
  return out;
}

/** stripLegalForms of tokens[0 .. n] into out[0 .. m] (slots after m left as they were); returns m. */
export function stripLegalFormsInto(tokens: readonly string[], n: number, out: string[]): number {
  let start = 0;
  let end = n;
  for (let form = formEndingAt(tokens, start, end); form && end > start; form = formEndingAt(tokens, start, end)) {
    end -= form.tokens.length;
  }
  for (let form = formAt(tokens, start, end, AT_START); form; form = formAt(tokens, start, end, AT_START)) {
    start += form.tokens.length;
  }
  let m = 0;
  for (let i = start; i < end; ) {
    const form = formAt(tokens, i, end, MID_NAME);
    if (form) {
      i += form.tokens.length;
      continue;
    }
    out[m++] = tokens[i]!;
    i++;
  }
  if (m > 0) return m;
  for (let i = 0; i < n; i++) out[i] = tokens[i]!;
  return n;
}
