/**
 * A designation's fingerprint: a hash of exactly the fields whose change is an amendment.
 * Equal fingerprints mean "nothing a person would care about changed", so the diff only
 * compares field by field where fingerprints differ.
 *
 * The fields are joined into one string and hashed one-shot (`crypto.hash`, Node ≥ 20.12): one
 * native call per row and no Hash object to allocate and finalise.
 */
import * as crypto from 'node:crypto';
import { COMPARED_FIELDS, type ComparedField, type Designation } from './model.js';

/** One-shot sha1 (base64url); a Hash object on Node 20 releases before 20.12, which lack `crypto.hash`. */
const sha1: (text: string) => string =
  typeof crypto.hash === 'function'
    ? (text) => crypto.hash('sha1', text, 'base64url')
    : (text) => crypto.createHash('sha1').update(text).digest('base64url');

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
  return sha1(text);
}
