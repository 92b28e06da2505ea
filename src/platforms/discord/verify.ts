/**
 * Ed25519 verification of Discord interaction requests (node:crypto, no extra library).
 *
 *   const verify = createInteractionVerifier(config.publicKey);   // 64 hex digits
 *   verify(req.headers['x-signature-ed25519'], req.headers['x-signature-timestamp'], rawBody)  // boolean
 *
 * Discord signs `timestamp + body` with the application's key. The Developer Portal shows the
 * raw 32-byte public key in hex; node:crypto takes it wrapped as SPKI DER. The signature must be
 * checked over the exact bytes received, before any parsing. A timestamp far from now is
 * refused too, so a captured request cannot be replayed later.
 */
import { createPublicKey, verify, type KeyObject } from 'node:crypto';

/** DER prefix of an SPKI Ed25519 public key (RFC 8410); the 32 key bytes follow. */
const ED25519_SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

/** Interactions older or newer than this are refused (replay). */
export const MAX_CLOCK_SKEW_SECONDS = 300;

export function ed25519PublicKey(hex: string): KeyObject {
  const raw = Buffer.from(hex, 'hex');
  if (raw.length !== 32) throw new TypeError('an Ed25519 public key is 32 bytes (64 hex digits)');
  return createPublicKey({ key: Buffer.concat([ED25519_SPKI_PREFIX, raw]), format: 'der', type: 'spki' });
}

export type InteractionVerifier = (signature: unknown, timestamp: unknown, body: Buffer) => boolean;

export function createInteractionVerifier(publicKeyHex: string, now: () => Date = () => new Date()): InteractionVerifier {
  const key = ed25519PublicKey(publicKeyHex);
  return (signature, timestamp, body) => {
    if (typeof signature !== 'string' || typeof timestamp !== 'string') return false;
    if (!/^[0-9a-f]{128}$/i.test(signature) || !/^\d{1,12}$/.test(timestamp)) return false;
    if (Math.abs(now().getTime() / 1000 - Number(timestamp)) > MAX_CLOCK_SKEW_SECONDS) return false;
    try {
      return verify(null, Buffer.concat([Buffer.from(timestamp, 'utf8'), body]), key, Buffer.from(signature, 'hex'));
    } catch {
      return false;
    }
  };
}
