/**
 * What the project knows about each list: its names, who keeps it, and how entries are identified.
 */
import { LIST_CODES, type ListCode } from './model.js';

export interface ListInfo {
  code: ListCode;
  /** Short name for headlines, e.g. "Entity List". */
  shortName: string;
  agency: 'BIS' | 'OFAC' | 'State' | 'DoD' | 'DHS' | 'FCC';
  /**
   * Treasury lists carry a stable entry number, which is the identity. BIS and State rows only
   * have a content-derived id in the CSL, so they are identified by list + normalised name.
   */
  keyedBy: 'entry-number' | 'name';
}

export const LISTS: Record<ListCode, ListInfo> = {
  EL: { code: 'EL', shortName: 'Entity List', agency: 'BIS', keyedBy: 'name' },
  UVL: { code: 'UVL', shortName: 'Unverified List', agency: 'BIS', keyedBy: 'name' },
  MEU: { code: 'MEU', shortName: 'Military End-User List', agency: 'BIS', keyedBy: 'name' },
  DPL: { code: 'DPL', shortName: 'Denied Persons List', agency: 'BIS', keyedBy: 'name' },
  SDN: { code: 'SDN', shortName: 'SDN', agency: 'OFAC', keyedBy: 'entry-number' },
  SSI: { code: 'SSI', shortName: 'Sectoral Sanctions (SSI)', agency: 'OFAC', keyedBy: 'entry-number' },
  CMIC: { code: 'CMIC', shortName: 'Chinese Military-Industrial Complex (CMIC)', agency: 'OFAC', keyedBy: 'entry-number' },
  FSE: { code: 'FSE', shortName: 'Foreign Sanctions Evaders', agency: 'OFAC', keyedBy: 'entry-number' },
  ISN: { code: 'ISN', shortName: 'Nonproliferation Sanctions', agency: 'State', keyedBy: 'name' },
  DTC: { code: 'DTC', shortName: 'ITAR Debarred', agency: 'State', keyedBy: 'name' },
  PLC: { code: 'PLC', shortName: 'Palestinian Legislative Council List', agency: 'OFAC', keyedBy: 'entry-number' },
  CAP: { code: 'CAP', shortName: 'CAPTA List', agency: 'OFAC', keyedBy: 'entry-number' },
  MBS: { code: 'MBS', shortName: 'Non-SDN Menu-Based Sanctions', agency: 'OFAC', keyedBy: 'entry-number' },
  // Not in the CSL: diffed from their publishers' own pages and notices (src/sources/dod-1260h, dhs-uflpa, fcc-covered-list).
  '1260H': { code: '1260H', shortName: '1260H Chinese Military Companies List', agency: 'DoD', keyedBy: 'name' },
  UFLPA: { code: 'UFLPA', shortName: 'UFLPA Entity List', agency: 'DHS', keyedBy: 'name' },
  FCC: { code: 'FCC', shortName: 'FCC Covered List', agency: 'FCC', keyedBy: 'name' },
};

/** Alternative spellings inside the CSL `source` parentheses that are not the code itself. */
const CODE_ALIASES: Record<string, ListCode> = { 'NS-MBS LIST': 'MBS', 'NS-MBS': 'MBS', 'CAPTA': 'CAP' };

/**
 * The list code from a CSL `source` text such as "Entity List (EL) - Bureau of Industry and Security"
 * or "Non-SDN Menu-Based Sanctions List (NS-MBS List) - Treasury Department"; null when unknown.
 */
export function listCodeFromSource(source: string): ListCode | null {
  const match = /\(([^)]+)\)/.exec(source);
  const inner = match?.[1]?.trim().toUpperCase();
  if (!inner) return null;
  if ((LIST_CODES as readonly string[]).includes(inner)) return inner as ListCode;
  return CODE_ALIASES[inner] ?? null;
}

export function isListCode(value: string): value is ListCode {
  return (LIST_CODES as readonly string[]).includes(value);
}
