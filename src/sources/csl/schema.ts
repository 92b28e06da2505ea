/**
 * The shapes trade.gov publishes the Consolidated Screening List in.
 *
 * JSON (`consolidated.json`): `{ "results": [CslResult, …], … }`. zod checks what a document
 * must be — `results` an array whose rows' `source` and `name` are text (or null/absent: such a
 * row is skipped and counted) — and names the
 * row and field when it is not. The optional fields (`CslResultFields`) are lenient about
 * null, "" and absence, which trade.gov has all used for "no value"; parse-json.ts reads them
 * in one hand-written pass that still refuses a field of the wrong type. (A zod schema of every
 * field cost 80–150 ms per 30,000 rows, as much as JSON.parse itself; this check costs ~10.)
 *
 * CSV (`consolidated.csv`): one header row naming the columns; `CSL_CSV_COLUMNS` are the ones
 * read. The current file starts with an `_id` column, the older one has none.
 */
import { z } from 'zod';

/** What every JSON row must have. zod strips the rest; parsers read the row itself. */
export const CslResult = z.object({ source: z.string().nullish(), name: z.string().nullish() });
export type CslResult = z.infer<typeof CslResult>;

/** The JSON document. Other top-level keys (total, sources_used, …) are ignored. */
export const CslResults = z.object({ results: z.array(CslResult) });

/** A scalar as published: text, a number, or nothing. */
export type CslText = string | number | null | undefined;

/** A multi-valued field: an array, or (older API versions) one "a; b" string. */
export type CslTextList = Array<CslText> | string | null | undefined;

/** One address; rendered as "address, city, state, postal_code, country". */
export interface CslAddress {
  address?: CslText;
  city?: CslText;
  state?: CslText;
  postal_code?: CslText;
  /** ISO-2 code. */
  country?: CslText;
}

/** One identity document; rendered as "type, number, country". Dates are ignored. */
export interface CslId {
  type?: CslText;
  number?: CslText;
  country?: CslText;
}

/** The optional fields of a JSON row this source reads, with the types it accepts. */
export interface CslResultFields {
  /** `id` in the current API, `_id` in some dumps. */
  id?: CslText;
  _id?: CslText;
  entity_number?: CslText;
  type?: CslText;
  programs?: CslTextList;
  addresses?: Array<CslAddress | string | null> | null;
  federal_register_notice?: CslText;
  start_date?: CslText;
  end_date?: CslText;
  license_requirement?: CslText;
  license_policy?: CslText;
  remarks?: CslText;
  alt_names?: CslTextList;
  citizenships?: CslTextList;
  nationalities?: CslTextList;
  source_information_url?: CslText;
  ids?: Array<CslId | string | null> | null;
}

/**
 * CSV columns this source reads, by header name. `_id` is absent from the older 28-column file;
 * every other one must be in the header. Columns not listed (title, vessel fields, dates and
 * places of birth, standard_order, source_list_url) are ignored.
 */
export const CSL_CSV_COLUMNS = [
  'source',
  'entity_number',
  'type',
  'programs',
  'name',
  'addresses',
  'federal_register_notice',
  'start_date',
  'end_date',
  'license_requirement',
  'license_policy',
  'remarks',
  'alt_names',
  'citizenships',
  'nationalities',
  'source_information_url',
  'ids',
] as const;

export type CslCsvColumn = (typeof CSL_CSV_COLUMNS)[number];
