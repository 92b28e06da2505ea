/**
 * zod schemas of the core model (src/core/model.ts, src/core/alert.ts), for JSON read back from
 * the store. Each `satisfies z.ZodType<…>` the interface it mirrors, so the two cannot drift apart
 * silently. Re-exported from rows.ts; other stores and tools may reuse them.
 */
import { z } from 'zod';
import type { Alert as AlertModel } from '../../src/core/alert.js';
import {
  COMPARED_FIELDS,
  LIST_CODES,
  type Change as ChangeModel,
  type Designation as DesignationModel,
  type FieldChange as FieldChangeModel,
} from '../../src/core/model.js';

export const ListCode = z.enum(LIST_CODES);

export const Designation = z.object({
  key: z.string().min(1),
  list: ListCode,
  listName: z.string(),
  name: z.string(),
  aliases: z.array(z.string()),
  type: z.string().nullable(),
  countries: z.array(z.string()),
  addresses: z.array(z.string()),
  programs: z.array(z.string()),
  frCitation: z.string().nullable(),
  startDate: z.string().nullable(),
  endDate: z.string().nullable(),
  licenseRequirement: z.string().nullable(),
  licensePolicy: z.string().nullable(),
  ids: z.array(z.string()),
  remarks: z.string().nullable(),
  sourceId: z.string().nullable(),
  sourceUrl: z.string().nullable(),
}) satisfies z.ZodType<DesignationModel>;

export const FieldChange = z.object({
  field: z.enum(COMPARED_FIELDS),
  before: z.string(),
  after: z.string(),
  summary: z.string(),
}) satisfies z.ZodType<FieldChangeModel>;

export const Change = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('added'), key: z.string(), after: Designation }),
  z.object({ kind: z.literal('removed'), key: z.string(), before: Designation, notice: z.string().nullable().optional() }),
  z.object({
    kind: z.literal('amended'),
    key: z.string(),
    before: Designation,
    after: Designation,
    fields: z.array(FieldChange),
  }),
]) satisfies z.ZodType<ChangeModel>;

const AlertBase = z.object({
  id: z.string().min(1),
  source: z.string(),
  createdAt: z.string(),
  title: z.string(),
  priority: z.enum(['normal', 'high']),
  threadOf: z.string().nullable(),
  notes: z.array(z.string()),
  links: z.array(z.object({ label: z.string(), url: z.string() })),
});

export const Alert = z.discriminatedUnion('kind', [
  AlertBase.extend({
    kind: z.literal('designations'),
    list: ListCode,
    listName: z.string(),
    changes: z.array(Change),
  }),
  AlertBase.extend({
    kind: z.literal('source-health'),
    status: z.enum(['refused', 'failing', 'recovered']),
    reasonCode: z.string(),
    reason: z.string(),
  }),
  AlertBase.extend({
    kind: z.literal('document'),
    documents: z.array(
      z.object({
        title: z.string(),
        url: z.string().nullable(),
        publisher: z.string().nullable(),
        date: z.string().nullable(),
        summary: z.string().nullable(),
        entities: z.array(z.string()),
        groups: z
          .array(z.object({ action: z.enum(['added', 'revised', 'removed']), list: ListCode, country: z.string().nullable(), names: z.array(z.string()) }))
          .optional(),
      }),
    ),
  }),
  AlertBase.extend({
    kind: z.literal('watchlist-hit'),
    hits: z.array(
      z.object({
        watchlist: z.string(),
        counterparty: z.string(),
        reference: z.string().nullable(),
        designationKey: z.string(),
        designationName: z.string(),
        list: ListCode,
        matchedName: z.string(),
        score: z.number(),
      }),
    ),
  }),
  AlertBase.extend({ kind: z.literal('test') }),
]) satisfies z.ZodType<AlertModel>;
