/**
 * OFAC's consolidated (non-SDN) list set → designations on SSI, CMIC, FSE, PLC, CAP and MBS.
 *
 *   parseOfacConsolidated({ bytes: consPrim, contentType: null, location: 'CONS_PRIM.CSV', parts })
 *
 * Pure. Same layout and joins as the SDN set (ofac-common/entries.ts); the list of each entry
 * comes from its programs (lists.ts), and an entry on two lists gives one designation per list.
 * List names are the CSL's, so an entry reads the same whichever source reported it.
 */
import { assignKeys, type Keyless, type ParseNotes } from '../../core/identity.js';
import type { Designation, ListCode } from '../../core/model.js';
import { readOfacSet, toKeyless, type OfacFileNames } from '../ofac-common/entries.js';
import type { SnapshotBody } from '../types.js';
import { listsOf } from './lists.js';

export const CONSOLIDATED_FILES: OfacFileNames = {
  primary: 'CONS_PRIM.CSV',
  addresses: 'CONS_ADD.CSV',
  aliases: 'CONS_ALT.CSV',
  comments: 'CONS_COMMENTS.CSV',
};

type ConsolidatedList = Exclude<ListCode, 'SDN' | 'EL' | 'UVL' | 'MEU' | 'DPL' | 'ISN' | 'DTC' | '1260H' | 'UFLPA' | 'FCC'>;

/** As the CSL's `source` column spells them. */
export const CONSOLIDATED_LIST_NAMES: Record<ConsolidatedList, string> = {
  SSI: 'Sectoral Sanctions Identifications List (SSI) - Treasury Department',
  CMIC: 'Non-SDN Chinese Military-Industrial Complex Companies List (CMIC) - Treasury Department',
  FSE: 'Foreign Sanctions Evaders (FSE) - Treasury Department',
  PLC: 'Palestinian Legislative Council List (PLC) - Treasury Department',
  CAP: 'Capta List (CAP) - Treasury Department',
  MBS: 'Non-SDN Menu-Based Sanctions List (NS-MBS List) - Treasury Department',
};

/** OFAC's page for all non-SDN lists (where the CSL points since 2025). */
export const CONSOLIDATED_URL = 'https://ofac.treasury.gov/other-ofac-sanctions-lists';

function isConsolidated(list: ListCode): list is ConsolidatedList {
  return list in CONSOLIDATED_LIST_NAMES;
}

export function parseOfacConsolidated(body: SnapshotBody, notes?: ParseNotes): Designation[] {
  const rows: Keyless[] = [];
  for (const entry of readOfacSet(body, CONSOLIDATED_FILES, notes)) {
    for (const list of listsOf(entry.programs, entry.remarks)) {
      if (!isConsolidated(list)) continue;
      rows.push(toKeyless(entry, list, CONSOLIDATED_LIST_NAMES[list], CONSOLIDATED_URL));
    }
  }
  return assignKeys(rows, notes);
}
