/**
 * zod schemas of the core model (src/core/model.ts, src/core/alert.ts), for JSON read back from
 * the store. Each `satisfies z.ZodMiniType<…>` the interface it mirrors, so the two cannot drift
 * apart silently. Re-exported from rows.ts; other stores and tools may reuse them (`.parse`).
 * Zod Mini, as everything the store reads with (./zod.ts says why).
 */
import * as z from 'zod/mini';
import './zod.js';
import type { Alert as AlertModel } from '../../src/core/alert.js';
import {
  COMPARED_FIELDS,
  LIST_CODES,
  type Change as ChangeModel,
  type Designation as DesignationModel,
  type FieldChange as FieldChangeModel,
} from '../../src/core/model.js';

export const ListCode = z.enum(LIST_CODES);

const nullableString = z.nullable(z.string());
const strings = z.array(z.string());

export const Designation = z.object({
  key: z.string().check(z.minLength(1)),
  list: ListCode,
  listName: z.string(),
  name: z.string(),
  aliases: strings,
  type: nullableString,
  countries: strings,
  addresses: strings,
  programs: strings,
  frCitation: nullableString,
  startDate: nullableString,
  endDate: nullableString,
  licenseRequirement: nullableString,
  licensePolicy: nullableString,
  ids: strings,
  remarks: nullableString,
  sourceId: nullableString,
  sourceUrl: nullableString,
}) satisfies z.ZodMiniType<DesignationModel>;

export const FieldChange = z.object({
  field: z.enum(COMPARED_FIELDS),
  before: z.string(),
  after: z.string(),
  summary: z.string(),
}) satisfies z.ZodMiniType<FieldChangeModel>;

export const Change = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('added'), key: z.string(), after: Designation }),
  z.object({ kind: z.literal('removed'), key: z.string(), before: Designation, notice: z.optional(nullableString) }),
  z.object({
    kind: z.literal('amended'),
    key: z.string(),
    before: Designation,
    after: Designation,
    fields: z.array(FieldChange),
  }),
]) satisfies z.ZodMiniType<ChangeModel>;

const AlertBase = z.object({
  id: z.string().check(z.minLength(1)),
  source: z.string(),
  createdAt: z.string(),
  title: z.string(),
  priority: z.enum(['normal', 'high']),
  threadOf: nullableString,
  notes: strings,
  links: z.array(z.object({ label: z.string(), url: z.string() })),
});

export const Alert = z.discriminatedUnion('kind', [
  z.extend(AlertBase, {
    kind: z.literal('designations'),
    list: ListCode,
    listName: z.string(),
    changes: z.array(Change),
  }),
  z.extend(AlertBase, {
    kind: z.literal('source-health'),
    status: z.enum(['refused', 'failing', 'recovered']),
    reasonCode: z.string(),
    reason: z.string(),
  }),
  z.extend(AlertBase, {
    kind: z.literal('document'),
    documents: z.array(
      z.object({
        title: z.string(),
        url: nullableString,
        publisher: nullableString,
        date: nullableString,
        summary: nullableString,
        entities: strings,
        groups: z.optional(z.array(z.object({ action: z.enum(['added', 'revised', 'removed']), list: ListCode, country: nullableString, names: strings }))),
      }),
    ),
  }),
  z.extend(AlertBase, {
    kind: z.literal('watchlist-hit'),
    hits: z.array(
      z.object({
        watchlist: z.string(),
        counterparty: z.string(),
        reference: nullableString,
        designationKey: z.string(),
        designationName: z.string(),
        list: ListCode,
        matchedName: z.string(),
        score: z.number(),
      }),
    ),
  }),
  z.extend(AlertBase, { kind: z.literal('test') }),
]) satisfies z.ZodMiniType<AlertModel>;
