/**
 * Loads the hand-written lookup fixtures: test/fixtures/lookup/corpus.json (designations in a
 * compact form, expanded with makeDesignation) and queries.json (labelled queries).
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { LIST_CODES, type Designation } from '../../../src/core/model.js';
import { makeDesignation } from '../../helpers/designations.js';

const FixtureDesignation = z.object({
  list: z.enum(LIST_CODES),
  name: z.string().min(1),
  aliases: z.array(z.string()),
  type: z.string().nullable(),
  countries: z.array(z.string()),
  addresses: z.array(z.string()),
  sourceId: z.string().nullable(),
});

const Corpus = z.object({ note: z.string(), designations: z.array(FixtureDesignation) });

export const LabelledQuery = z.object({
  query: z.string().min(1),
  /** Primary name of a designation of the entity that must rank first; null: nothing may match. */
  expect: z.string().nullable(),
  kind: z.string(),
});
export type LabelledQuery = z.infer<typeof LabelledQuery>;

const Queries = z.object({ note: z.string(), queries: z.array(LabelledQuery) });

function readJson(name: string): unknown {
  return JSON.parse(readFileSync(new URL(`../../fixtures/lookup/${name}`, import.meta.url), 'utf8'));
}

export function loadCorpus(): Designation[] {
  return Corpus.parse(readJson('corpus.json')).designations.map((row) => makeDesignation(row));
}

export function loadQueries(): LabelledQuery[] {
  return Queries.parse(readJson('queries.json')).queries;
}
