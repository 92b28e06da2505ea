/**
 * Which non-SDN list(s) a consolidated entry is on, from its program tags and remarks.
 *
 *   listsOf(['UKRAINE-EO13662', 'RUSSIA-EO14024'], remarks) // ['SSI'] (+ 'MBS' if a 1a/3/4 directive)
 *   listsOf(['RUSSIA-EO14024'], null)                        // ['MBS']
 *
 * CONS_PRIM.CSV has no list column; the program tag is the only thing naming a list. The table
 * below was checked against the Treasury rows of the November 2023 CSL (which states each row's
 * list): see test/sources/ofac/consolidated-lists.test.ts.
 * - UKRAINE-EO13662 → SSI. Every SSI row carries it; VENEZUELA-EO13850, IRAN-CON-ARMS-EO and
 *   SYRIA only ever appear beside it there, so they name no list of their own.
 * - CMIC-EO13959 → CMIC; NS-PLC → PLC (even beside SDGT); FSE-* → FSE; 561-Related, CAPTA → CAP.
 * - HKAA, CAATSA - RUSSIA, BURMA-EO14014, NS-MBS → MBS (the menu-based authorities).
 * - RUSSIA-EO14024 is behind both SSI and NS-MBS. Alone it means NS-MBS (Central Bank of Russia,
 *   Ministry of Finance). Beside an SSI tag it adds NS-MBS only when the remarks name an EO 14024
 *   menu directive (1a, 3 or 4): Gazprom, Transneft and others are on both lists. Rows that also
 *   name Directive 2 (correspondent accounts: the Sberbank group, blocked since April 2022) stay
 *   SSI only, as in the CSL. That last rule is fitted to one entity (Sberbank, 17018).
 * - Tags naming no list (a new authority): NS-MBS, the list OFAC adds new non-blocking
 *   programs to. The entry is kept rather than dropped, so a new list still alerts.
 * An entry on two lists gives two designations, `SSI:17016` and `MBS:17016`, as the CSL does.
 */
import type { ListCode } from '../../core/model.js';

const PROGRAM_LISTS: Record<string, ListCode> = {
  SSI: 'SSI',
  'UKRAINE-EO13662': 'SSI',
  'CMIC-EO13959': 'CMIC',
  'NS-CMIC': 'CMIC',
  'NS-PLC': 'PLC',
  PLC: 'PLC',
  FSE: 'FSE',
  '561-RELATED': 'CAP',
  CAPTA: 'CAP',
  HKAA: 'MBS',
  'CAATSA - RUSSIA': 'MBS',
  'BURMA-EO14014': 'MBS',
  'NS-MBS': 'MBS',
  MBS: 'MBS',
};

const DIRECTIVE_2 = /\(EO 14024 Directive 2\)|14024 Directive Information\W+Subject to Directive 2\b/i;
const MENU_DIRECTIVE = /\bEO 14024 Directive (?:1a|3|4)\b|14024 Directive Information\W+Subject to Directive (?:1a|3|4)\b/i;

function listOfTag(tag: string): ListCode | null {
  const upper = tag.toUpperCase();
  const direct = PROGRAM_LISTS[upper];
  if (direct) return direct;
  if (upper.startsWith('FSE-')) return 'FSE';
  if (upper.startsWith('CMIC-')) return 'CMIC';
  return null;
}

/** The lists of one entry, in the order its tags name them; never empty. */
export function listsOf(programs: readonly string[], remarks: string | null): ListCode[] {
  const lists = new Set<ListCode>();
  for (const tag of programs) {
    const list = listOfTag(tag);
    if (list) lists.add(list);
  }
  if (programs.some((tag) => tag.toUpperCase() === 'RUSSIA-EO14024')) {
    const menu = remarks !== null && MENU_DIRECTIVE.test(remarks) && !DIRECTIVE_2.test(remarks);
    if (lists.size === 0 || menu) lists.add('MBS');
  }
  if (lists.size === 0) lists.add('MBS');
  return [...lists];
}
