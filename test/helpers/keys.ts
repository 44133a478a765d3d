/** Deterministic test keys and signing helpers (tests only; the app signs in the keystore). */
import { ECPairFactory, type ECPairInterface } from 'ecpair';
import * as ecc from 'tiny-secp256k1';
import { type Bytes, concat } from '../../shared/bitcoin/bytes';
import { hash160, sha256 } from '../../shared/bitcoin/hashes';
import { OP } from '../../shared/bitcoin/opcodes';
import { compileScript } from '../../shared/bitcoin/script';
import { bip143Sighash, legacySighash } from '../../shared/bitcoin/sighash';
import { encodeDer, SIGHASH_ALL } from '../../shared/bitcoin/signatureEncoding';
import type { TxLike } from '../../shared/bitcoin/txTypes';
import { utf8 } from '../../shared/bitcoin/bytes';

const ECPair = ECPairFactory(ecc);

export function testKey(name: string): ECPairInterface {
  return ECPair.fromPrivateKey(sha256(utf8(`txlab test key ${name}`)));
}

export function p2wpkhScript(pubKey: Bytes): Bytes {
  return compileScript([OP.OP_0, hash160(pubKey)]);
}

export function p2pkhScript(pubKey: Bytes): Bytes {
  return compileScript([OP.OP_DUP, OP.OP_HASH160, hash160(pubKey), OP.OP_EQUALVERIFY, OP.OP_CHECKSIG]);
}

export function signDigest(key: ECPairInterface, digest: Bytes, hashType = SIGHASH_ALL): Bytes {
  return concat(encodeDer(key.sign(digest)), Uint8Array.of(hashType));
}

export function signLegacy(
  key: ECPairInterface,
  tx: TxLike,
  input: number,
  scriptCode: Bytes,
  hashType = SIGHASH_ALL,
): Bytes {
  return signDigest(key, legacySighash(tx, input, scriptCode, hashType).digest, hashType);
}

export function signSegwit(
  key: ECPairInterface,
  tx: TxLike,
  input: number,
  scriptCode: Bytes,
  amount: bigint,
  hashType = SIGHASH_ALL,
): Bytes {
  return signDigest(key, bip143Sighash(tx, input, scriptCode, amount, hashType).digest, hashType);
}
