/**
 * The one normalised model every source produces and every notifier renders.
 *
 * A `Designation` is one entry on one restriction list, as the project understands it:
 * sources parse their own formats into it, `core/diff.ts` compares snapshots of it, and
 * notifiers render changes to it. Nothing here knows where it came from or where it goes.
 */

/** List codes: the CSL's abbreviations in its `source` text, and the project's own for lists the CSL lacks (1260H, UFLPA, FCC). */
export const LIST_CODES = [
  'EL', // Entity List (BIS)
  'UVL', // Unverified List (BIS)
  'MEU', // Military End-User List (BIS)
  'DPL', // Denied Persons List (BIS)
  'SDN', // Specially Designated Nationals (OFAC)
  'SSI', // Sectoral Sanctions Identifications (OFAC)
  'CMIC', // Non-SDN Chinese Military-Industrial Complex Companies (OFAC)
  'FSE', // Foreign Sanctions Evaders (OFAC)
  'ISN', // Nonproliferation Sanctions (State)
  'DTC', // ITAR Debarred (State)
  'PLC', // Palestinian Legislative Council (OFAC)
  'CAP', // Correspondent Account or Payable-Through Account Sanctions (OFAC)
  'MBS', // Non-SDN Menu-Based Sanctions (OFAC)
  '1260H', // Chinese Military Companies, Section 1260H NDAA FY2021 (DoD)
  'UFLPA', // Uyghur Forced Labor Prevention Act Entity List (DHS)
  'FCC', // Covered List of communications equipment and services (FCC)
] as const;

export type ListCode = (typeof LIST_CODES)[number];

/** One entry on one list. Arrays are never null; absent scalars are null. */
export interface Designation {
  /** The project's identity for this entry within its source; stable across snapshots (see core/identity.ts). */
  key: string;
  /** Which list the entry is on. */
  list: ListCode;
  /** The list's full name as published, e.g. "Entity List (EL) - Bureau of Industry and Security". */
  listName: string;
  /** Primary name as published. */
  name: string;
  /** Other names ("a.k.a.", "f.k.a.", OFAC strong and weak aliases). */
  aliases: string[];
  /** Entity, Individual, Vessel, Aircraft; null when the list does not say. */
  type: string | null;
  /** ISO 3166-1 alpha-2 codes from addresses, nationalities and citizenships; sorted, unique. */
  countries: string[];
  /** One readable line per address, as published. */
  addresses: string[];
  /** Sanctions programmes (OFAC) or legal bases, e.g. "RUSSIA-EO14024". */
  programs: string[];
  /** Federal Register citation(s) that added or last changed the entry, e.g. "88 FR 18983". */
  frCitation: string | null;
  /** Date the entry took effect, YYYY-MM-DD when the source gives one. */
  startDate: string | null;
  /** Date the entry expires (Denied Persons List orders), YYYY-MM-DD. */
  endDate: string | null;
  /** BIS license requirement text. */
  licenseRequirement: string | null;
  /** BIS license review policy text. */
  licensePolicy: string | null;
  /** Identity documents, one readable line each ("Passport, 836238033, KP"). */
  ids: string[];
  /** Free-text remarks (OFAC "Linked To:", DPL order notes). */
  remarks: string | null;
  /** The source's own id: CSL `_id`, OFAC entry number. Not compared: BIS ids are content hashes that churn. */
  sourceId: string | null;
  /** Where a person can read about the entry. Not compared: churns without meaning. */
  sourceUrl: string | null;
}

/** Fields whose change makes an amendment. `key`, `sourceId` and `sourceUrl` are deliberately absent. */
export const COMPARED_FIELDS = [
  'name',
  'aliases',
  'type',
  'countries',
  'addresses',
  'programs',
  'frCitation',
  'startDate',
  'endDate',
  'licenseRequirement',
  'licensePolicy',
  'ids',
  'remarks',
  'list',
  'listName',
] as const satisfies readonly (keyof Designation)[];

export type ComparedField = (typeof COMPARED_FIELDS)[number];

/** One field's change inside an amendment, with a readable line diff. */
export interface FieldChange {
  field: ComparedField;
  /** The value before, rendered as text (arrays one item a line). */
  before: string;
  /** The value after, rendered as text. */
  after: string;
  /** Human-readable summary, e.g. "+ Room 5, Beijing, CN" / "- Old Street 1, CN". */
  summary: string;
}

export type Change =
  | { kind: 'added'; key: string; after: Designation }
  /** `notice`: the document that removed it ("FR 2024-01234 (89 FR 1, 2024-01-02)"), when one is known. */
  | { kind: 'removed'; key: string; before: Designation; notice?: string | null }
  | { kind: 'amended'; key: string; before: Designation; after: Designation; fields: FieldChange[] };

export type ChangeKind = Change['kind'];

/** The result of comparing two snapshots of one source. */
export interface SnapshotDiff {
  added: Designation[];
  removed: Designation[];
  amended: Array<{ before: Designation; after: Designation; fields: FieldChange[] }>;
}

/** A designation with every optional field empty: for builders, tests and indexes of plain names. */
export function blankDesignation(fields: Pick<Designation, 'key' | 'list' | 'listName' | 'name'> & Partial<Designation>): Designation {
  return {
    aliases: [],
    type: null,
    countries: [],
    addresses: [],
    programs: [],
    frCitation: null,
    startDate: null,
    endDate: null,
    licenseRequirement: null,
    licensePolicy: null,
    ids: [],
    remarks: null,
    sourceId: null,
    sourceUrl: null,
    ...fields,
  };
}

/** The same without a key: for parsers, whose rows get their keys from core/identity.ts `assignKeys`. */
export function blankKeyless(fields: Pick<Designation, 'list' | 'listName' | 'name'> & Partial<Omit<Designation, 'key'>>): Omit<Designation, 'key'> {
  const { key: _key, ...keyless } = blankDesignation({ key: '', ...fields });
  return keyless;
}
