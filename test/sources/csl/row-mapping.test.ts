/**
 * Golden test of the CSL row mapping (core/row-reuse.ts `ROW_MAPPING`): a stored row hash stands
 * for "these bytes map to this designation", so a change to how a row's bytes are cut, hashed
 * or mapped must come with a new ROW_MAPPING, or rows stored under the old mapping would be
 * reused as if mapped by the new one. Both assertions fail when the mapping of the fixed rows
 * below changes:
 *
 * - the mapped output beside ROW_MAPPING, in one assertion, so the diff shows what changed;
 * - a digest of that output per ROW_MAPPING value. Entries are never edited: a changed mapping
 *   gets a new ROW_MAPPING and a new entry (and the output above is updated).
 */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { emptyNotes } from '../../../src/core/identity.js';
import { NO_REUSE, ROW_MAPPING } from '../../../src/core/row-reuse.js';
import { parseCslReusing } from '../../../src/sources/csl/index.js';

/** Mapped output digest per ROW_MAPPING value (see above: add, never edit). */
const MAPPED_BY_ROW_MAPPING: Record<string, string> = {
  m1: 'TuIlC9UzFnJSkKYQyilpNN5lBsrSuiqYtRaClM6dKnc',
};

const JSON_BODY = JSON.stringify({
  results: [
    {
      id: 'a1', source: 'Entity List (EL) - Bureau of Industry and Security', entity_number: null, type: null, programs: [],
      name: 'Alpha Quantum Co., Ltd.', title: null,
      addresses: [
        { address: '1 Qubit Road', city: 'Hefei', state: 'Anhui', postal_code: '230000', country: 'CN' },
        { address: 'Room 5; Tower B', city: 'Hong Kong', state: null, postal_code: null, country: 'HK' },
      ],
      federal_register_notice: '89 FR 12345', start_date: '2024-02-01', end_date: null,
      license_requirement: 'For all items subject to the EAR.', license_policy: 'Presumption of denial.', remarks: null,
      source_list_url: 'https://example.gov/el', alt_names: ['Alpha QC; AQC Group', 'Alpha QC'], citizenships: [], nationalities: [],
      ids: [], source_information_url: 'https://example.gov/el-info',
    },
    {
      id: '36', source: 'Specially Designated Nationals (SDN) - Treasury Department', entity_number: 36, type: 'Entity', programs: ['CUBA'],
      name: 'AEROCARIBBEAN AIRLINES', title: null, addresses: [{ address: null, city: 'Havana', state: null, postal_code: null, country: 'CU' }],
      federal_register_notice: null, start_date: null, end_date: null, license_requirement: null, license_policy: null,
      remarks: 'Linked To: EXAMPLE HOLDING.', source_list_url: null, alt_names: ['AERO-CARRIBEAN'], citizenships: null, nationalities: null,
      ids: [{ type: 'Registration Number', number: 'C-123', country: 'CU' }], source_information_url: null,
    },
    { id: 'skip', source: 'Denied Persons List (DPL) - Bureau of Industry and Security', name: '', addresses: [] },
  ],
});

const CSV_BODY = [
  '_id,source,entity_number,type,programs,name,title,addresses,federal_register_notice,start_date,end_date,standard_order,' +
    'license_requirement,license_policy,call_sign,vessel_type,gross_tonnage,gross_registered_tonnage,vessel_flag,vessel_owner,' +
    'remarks,source_list_url,alt_names,citizenships,dates_of_birth,nationalities,places_of_birth,source_information_url,ids',
  'b2,Entity List (EL) - Bureau of Industry and Security,,,,"Beta Photonics Institute",,' +
    '"2 Laser Street, Wuhan, Hubei, 430000, CN; 7 Side Road, Moscow, , , RU",88 FR 1000,2023-05-05,,,' +
    'For all items subject to the EAR.,Case-by-case review.,,,,,,,,https://example.gov/el,"Beta PI; BPI",,,,,https://example.gov/el-info,',
  '"7",Specially Designated Nationals (SDN) - Treasury Department,7,Individual,"SDGT; IRAN","DOE, John",,"Tehran, IR",,,,,,,,,,,,,' +
    '"DOB 1970.",,,"IR",1970,,,,"Passport, X123, IR"',
].join('\n') + '\n';

/** What the store would keep of each format's rows: designations, row hashes and notes. */
function mapped() {
  const out: Record<string, unknown> = {};
  for (const [format, text, location] of [['json', JSON_BODY, 'consolidated.json'], ['csv', CSV_BODY, 'consolidated.csv']] as const) {
    const notes = emptyNotes();
    const parsed = parseCslReusing({ bytes: Buffer.from(text), contentType: null, location }, notes, NO_REUSE);
    out[format] = { designations: parsed.designations, rowHashes: [...parsed.rowHashes], notes };
  }
  return out;
}

describe('CSL row mapping (ROW_MAPPING golden)', () => {
  it('maps the fixed rows as recorded for this ROW_MAPPING', () => {
    expect({ rowMapping: ROW_MAPPING, ...mapped() }).toEqual({
      rowMapping: 'm1',
      json: {
        designations: [
          {
            list: 'EL',
            listName: 'Entity List (EL) - Bureau of Industry and Security',
            name: 'Alpha Quantum Co., Ltd.',
            aliases: ['Alpha QC', 'AQC Group'],
            type: null,
            countries: ['CN', 'HK'],
            addresses: ['1 Qubit Road, Hefei, Anhui, 230000, CN', 'Room 5', 'Tower B, Hong Kong, HK'],
            programs: [],
            frCitation: '89 FR 12345',
            startDate: '2024-02-01',
            endDate: null,
            licenseRequirement: 'For all items subject to the EAR.',
            licensePolicy: 'Presumption of denial.',
            ids: [],
            remarks: null,
            sourceId: 'a1',
            sourceUrl: 'https://example.gov/el-info',
            key: 'EL:alpha quantum co ltd',
          },
          {
            list: 'SDN',
            listName: 'Specially Designated Nationals (SDN) - Treasury Department',
            name: 'AEROCARIBBEAN AIRLINES',
            aliases: ['AERO-CARRIBEAN'],
            type: 'Entity',
            countries: ['CU'],
            addresses: ['Havana, CU'],
            programs: ['CUBA'],
            frCitation: null,
            startDate: null,
            endDate: null,
            licenseRequirement: null,
            licensePolicy: null,
            ids: ['Registration Number, C-123, CU'],
            remarks: 'Linked To: EXAMPLE HOLDING.',
            sourceId: '36',
            sourceUrl: null,
            key: 'SDN:36',
          },
        ],
        rowHashes: [
          ['EL:alpha quantum co ltd', 'm1:json:z7e9YpcOuCkxLHt6_UrOHA-gcMREEYi22MdJqKOWBgw'],
          ['SDN:36', 'm1:json:xPgOEZJhy0M0Xx2I8cCa0WQDT1Rtej5fNYtkR94oGAU'],
        ],
        notes: {
          rows: 3,
          noName: 1,
          noList: 0,
          duplicates: 0,
          examples: ['JSON row 3 (results[2]): row with an empty name'],
        },
      },
      csv: {
        designations: [
          {
            list: 'EL',
            listName: 'Entity List (EL) - Bureau of Industry and Security',
            name: 'Beta Photonics Institute',
            aliases: ['Beta PI', 'BPI'],
            type: null,
            countries: ['CN', 'RU'],
            addresses: ['2 Laser Street, Wuhan, Hubei, 430000, CN', '7 Side Road, Moscow, RU'],
            programs: [],
            frCitation: '88 FR 1000',
            startDate: '2023-05-05',
            endDate: null,
            licenseRequirement: 'For all items subject to the EAR.',
            licensePolicy: 'Case-by-case review.',
            ids: [],
            remarks: null,
            sourceId: 'b2',
            sourceUrl: 'https://example.gov/el-info',
            key: 'EL:beta photonics institute',
          },
          {
            list: 'SDN',
            listName: 'Specially Designated Nationals (SDN) - Treasury Department',
            name: 'DOE, John',
            aliases: [],
            type: 'Individual',
            countries: ['IR'],
            addresses: ['Tehran, IR'],
            programs: ['SDGT', 'IRAN'],
            frCitation: null,
            startDate: null,
            endDate: null,
            licenseRequirement: null,
            licensePolicy: null,
            ids: ['Passport, X123, IR'],
            remarks: 'DOB 1970.',
            sourceId: '7',
            sourceUrl: null,
            key: 'SDN:7',
          },
        ],
        rowHashes: [
          [
            'EL:beta photonics institute',
            'm1:csv-QR0y8TykAa2fC8TO:QbDWUSVR1Bg-eexD2zne9B1tm6DiTigiX8WnEFsXH3Y',
          ],
          ['SDN:7', 'm1:csv-QR0y8TykAa2fC8TO:usGD7OlSQXrX624GXLE4Ut7zg5jSoMi47TiHmUaSnng'],
        ],
        notes: {
          rows: 2,
          noName: 0,
          noList: 0,
          duplicates: 0,
          examples: [],
        },
      },
  
    });
  });

  it('has the digest of its output recorded under this ROW_MAPPING', () => {
    const digest = createHash('sha256').update(JSON.stringify(mapped())).digest('base64url');
    expect({ rowMapping: ROW_MAPPING, digest }).toEqual({ rowMapping: ROW_MAPPING, digest: MAPPED_BY_ROW_MAPPING[ROW_MAPPING] });
  });
});
