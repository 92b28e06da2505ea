/**
 * Row shapes of OFAC's legacy CSV files (headerless; `-0-` stands for an empty value).
 *
 * Each schema checks what the parser relies on: the column count and a numeric entry number,
 * which joins the files. Extra trailing columns are tolerated (OFAC could append one);
 * missing ones are not, because every later column would shift.
 */
import { z } from 'zod';

const EntryNumber = z.string().regex(/^\s*\d+\s*$/);
const Field = z.string();

/** SDN.CSV / CONS_PRIM.CSV: ent_num, SDN_Name, SDN_Type, Program, Title, Call_Sign, Vess_type, Tonnage, GRT, Vess_flag, Vess_owner, Remarks. */
export const PrimaryRow = z
  .tuple([EntryNumber, Field, Field, Field, Field, Field, Field, Field, Field, Field, Field, Field])
  .rest(Field);

/** ADD.CSV / CONS_ADD.CSV: ent_num, Add_num, Address, City/State/Province/Postal Code, Country, Add_remarks. */
export const AddressRow = z.tuple([EntryNumber, Field, Field, Field, Field, Field]).rest(Field);

/** ALT.CSV / CONS_ALT.CSV: ent_num, alt_num, alt_type ("aka", "fka", "nka"), alt_name, alt_remarks. */
export const AliasRow = z.tuple([EntryNumber, Field, Field, Field, Field]).rest(Field);

/** SDN_COMMENTS.CSV / CONS_COMMENTS.CSV: ent_num, Remarks_Extended (the rest of a Remarks cut at 1000 characters). */
export const CommentRow = z.tuple([EntryNumber, Field]).rest(Field);
