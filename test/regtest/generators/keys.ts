/** Deterministic test keys drawn from a seeded RNG (RFC 6979 signing makes signatures deterministic too). */
import { ECPairFactory } from 'ecpair';
import * as ecc from 'tiny-secp256k1';
import type { Bytes } from '../../../shared/bitcoin/bytes';
import type { SeededRng } from '../../../shared/rng';

const ECPair = ECPairFactory(ecc);

export interface TestKey {
  readonly name: string;
  readonly publicKey: Bytes;
  readonly compressed: boolean;
  /** A 64-byte compact r‖s signature with low S over a 32-byte digest. */
  sign(digest: Bytes): Bytes;
}

export function makeKey(rng: SeededRng, name: string, compressed = true): TestKey {
  let secret = rng.bytes(32);
  while (!ecc.isPrivate(secret)) secret = rng.bytes(32);
  const pair = ECPair.fromPrivateKey(secret, { compressed });
  return { name, publicKey: pair.publicKey, compressed, sign: (digest) => pair.sign(digest) };
}
