/**
 * A designation's fingerprint: a hash of exactly the fields whose change is an amendment.
 * Equal fingerprints mean "nothing a person would care about changed", so the diff only
 * compares field by field where fingerprints differ.
 */
import { createHash } from 'node:crypto';
import { COMPARED_FIELDS, type Designation } from './model.js';

export function fingerprint(d: Designation): string {
  const hash = createHash('sha1');
  for (const field of COMPARED_FIELDS) {
    const value = d[field];
    hash.update(Array.isArray(value) ? value.join('\u001f') : (value ?? '\u0000'));
    hash.update('\u001e');
  }
  return hash.digest('base64url');
}
