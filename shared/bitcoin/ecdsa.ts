/** ECDSA verification as Core's CPubKey::Verify does it: lax DER, S normalised, hybrid keys accepted. */
import * as secp from 'tiny-secp256k1';
import type { Bytes } from './bytes';
import { hasValidPubKeyLength, parseDerLax } from './signatureEncoding';

function isZero(bytes: Bytes, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (bytes[i] !== 0) return false;
  return true;
}

/** Hybrid keys (0x06/0x07) are uncompressed keys whose header also states the parity of y. */
function normalisePubKey(key: Bytes): Bytes | undefined {
  if (!hasValidPubKeyLength(key)) return undefined;
  const header = key[0]!;
  if (header !== 6 && header !== 7) return key;
  const yIsOdd = (key[64]! & 1) === 1;
  if (yIsOdd !== (header === 7)) return undefined;
  const uncompressed = Uint8Array.from(key);
  uncompressed[0] = 4;
  return uncompressed;
}

/** Verifies a DER signature (without its hash-type byte) over a 32-byte digest. */
export function verifyEcdsa(digest: Bytes, pubKey: Bytes, derSignature: Bytes): boolean {
  const key = normalisePubKey(pubKey);
  if (!key) return false;
  const compact = parseDerLax(derSignature);
  if (!compact || isZero(compact, 0, 32) || isZero(compact, 32, 64)) return false;
  try {
    // strict=false: libsecp256k1 verifies the normalised (low-S) form, as Core does.
    return secp.verify(digest, key, compact, false);
  } catch {
    // A key that is not a point on the curve. Checking first with isPoint would parse it twice
    // (it costs as much as a fifth of a verification).
    return false;
  }
}

/** The raw verifier with no parsing around it: the baseline the benchmark compares against. */
export function verifyCompactRaw(digest: Bytes, pubKey: Bytes, compact: Bytes): boolean {
  return secp.verify(digest, pubKey, compact, false);
}
