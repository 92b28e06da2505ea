/**
 * OFAC's SDN list (legacy CSV set) → designations on list SDN, keyed `SDN:<ent_num>`.
 *
 *   parseOfacSdn({ bytes: sdnCsv, contentType: null, location: 'sdn.csv' }) // SDN.CSV alone
 *   parseOfacSdn({ …, parts: { 'ADD.CSV': …, 'ALT.CSV': …, 'SDN_COMMENTS.CSV': … } })
 *
 * Pure. Works on SDN.CSV alone (that is what `entitywatch diff ofac-sdn OLD NEW` hands it):
 * then addresses are empty, aliases are only the weak ones quoted in the remarks, and remarks
 * stay cut at 1,000 characters. Diff like with like: two bare files, or two full sets.
 */
import { assignKeys, type ParseNotes } from '../../core/identity.js';
import type { Designation } from '../../core/model.js';
import { readOfacSet, toKeyless, type OfacFileNames } from '../ofac-common/entries.js';
import type { SnapshotBody } from '../types.js';

export const SDN_FILES: OfacFileNames = {
  primary: 'SDN.CSV',
  addresses: 'ADD.CSV',
  aliases: 'ALT.CSV',
  comments: 'SDN_COMMENTS.CSV',
};

/** As the CSL names the list, so rows from both sources read the same. */
export const SDN_LIST_NAME = 'Specially Designated Nationals (SDN) - Treasury Department';

export const SDN_URL = 'https://ofac.treasury.gov/specially-designated-nationals-and-blocked-persons-list-sdn-human-readable-lists';

export function parseOfacSdn(body: SnapshotBody, notes?: ParseNotes): Designation[] {
  const rows = readOfacSet(body, SDN_FILES, notes).map((entry) => toKeyless(entry, 'SDN', SDN_LIST_NAME, SDN_URL));
  return assignKeys(rows, notes);
}
