/**
 * A designation's fingerprint: a hash of exactly the fields whose change is an amendment.
 * Equal fingerprints mean "nothing a person would care about changed", so the diff only
 * compares field by field where fingerprints differ.
 *
 * The fields are joined into one string and hashed with a single update: one native call per
 * row instead of two per field (30,000 rows: ~40 ms instead of ~110 ms).
 */
import { createHash } from 'node:crypto';
import { COMPARED_FIELDS, type ComparedField, type Designation } from './model.js';

const FIELD = '\u001e';
const ITEM = '\u001f';
const NULL = '\u0000';

/** Reads only the compared fields, so a keyless row (core/identity.ts) can be fingerprinted too. */
export function fingerprint(d: Pick<Designation, ComparedField>): string {
  let text = '';
  for (const field of COMPARED_FIELDS) {
    const value = d[field];
    text += (Array.isArray(value) ? value.join(ITEM) : (value ?? NULL)) + FIELD;
  }
  return createHash('sha1').update(text).digest('base64url');
}
