/**
 * Signatures as the scripts carry them (DER + hash-type byte), made with the engine's own sighash
 * functions, and the malleations the malleability lesson applies to them without any key.
 */
import { concat } from '../../../shared/bitcoin/bytes';
import type { Bytes } from '../../../shared/bitcoin/bytes';
import { bip143Sighash, legacySighash, type SigVersion } from '../../../shared/bitcoin/sighash';
import { encodeDer, negateS, parseDerLax } from '../../../shared/bitcoin/signatureEncoding';
import type { TxLike } from '../../../shared/bitcoin/txTypes';
import type { TestKey } from './keys';

export interface SignRequest {
  readonly tx: TxLike;
  readonly inputIndex: number;
  readonly scriptCode: Bytes;
  readonly sigVersion: SigVersion;
  /** The prevout amount that BIP143 commits to (ignored by legacy signatures). */
  readonly amount: bigint;
  readonly hashType: number;
}

export function sighashDigest(r: SignRequest): Bytes {
  return r.sigVersion === 'BASE'
    ? legacySighash(r.tx, r.inputIndex, r.scriptCode, r.hashType).digest
    : bip143Sighash(r.tx, r.inputIndex, r.scriptCode, r.amount, r.hashType).digest;
}

export function signInput(key: TestKey, r: SignRequest): Bytes {
  return concat(encodeDer(key.sign(sighashDigest(r))), Uint8Array.of(r.hashType & 0xff));
}

const splitSig = (sig: Bytes): { der: Bytes; hashType: number } => ({
  der: sig.subarray(0, sig.length - 1),
  hashType: sig[sig.length - 1]!,
});

/** S → n − S: still a valid ECDSA signature, but high S. */
export function toHighS(sig: Bytes): Bytes {
  const { der, hashType } = splitSig(sig);
  const compact = parseDerLax(der)!;
  return concat(encodeDer(negateS(compact)), Uint8Array.of(hashType));
}

/** One superfluous 0x00 in front of R: lax DER accepts it, BIP66 does not. */
export function padR(sig: Bytes): Bytes {
  const { der, hashType } = splitSig(sig);
  const lenR = der[3]!;
  const body = concat(Uint8Array.of(0x02, lenR + 1, 0x00), der.subarray(4, 4 + lenR), der.subarray(4 + lenR));
  return concat(Uint8Array.of(0x30, body.length), body, Uint8Array.of(hashType));
}

/** The sequence length in long form (0x81 LL): BER, not DER. */
export function longFormLength(sig: Bytes): Bytes {
  const { der, hashType } = splitSig(sig);
  return concat(Uint8Array.of(0x30, 0x81, der[1]!), der.subarray(2), Uint8Array.of(hashType));
}

export function withHashTypeByte(sig: Bytes, hashType: number): Bytes {
  return concat(sig.subarray(0, sig.length - 1), Uint8Array.of(hashType));
}
