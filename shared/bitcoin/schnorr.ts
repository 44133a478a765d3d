/** BIP340 Schnorr verification over a 32-byte message (a BIP341 signature hash), through tiny-secp256k1. */
import * as secp from 'tiny-secp256k1';
import type { Bytes } from './bytes';

/**
 * Core's XOnlyPubKey::VerifySchnorr: false, never a throw, for a key that is not on the curve and
 * for a signature whose r or s is out of range (tiny-secp256k1 throws for both).
 */
export function verifySchnorr(digest: Bytes, xOnlyKey: Bytes, signature: Bytes): boolean {
  if (digest.length !== 32 || xOnlyKey.length !== 32 || signature.length !== 64) return false;
  try {
    return secp.verifySchnorr(digest, xOnlyKey, signature);
  } catch {
    return false;
  }
}
