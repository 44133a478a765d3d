/**
 * The environment a script runs in (Core's BaseSignatureChecker): signature, locktime and sequence
 * checks against one input of one transaction.
 */
import type { Bytes } from './bytes';
import { verifyEcdsa } from './ecdsa';
import { hasValidPubKeyLength } from './signatureEncoding';
import { bip143Cache, type Bip143Cache, bip143Sighash, legacySighash, type SigVersion } from './sighash';
import type { TxLike } from './txTypes';

export const LOCKTIME_THRESHOLD = 500_000_000;
export const SEQUENCE_FINAL = 0xffffffff;
export const SEQUENCE_LOCKTIME_DISABLE_FLAG = 0x80000000;
export const SEQUENCE_LOCKTIME_TYPE_FLAG = 1 << 22;
export const SEQUENCE_LOCKTIME_MASK = 0x0000ffff;

export interface SignatureCheck {
  readonly valid: boolean;
  /** Present when a hash was computed (absent for an empty signature or an unparsable key). */
  readonly sighash?: {
    readonly hashType: number;
    readonly preimage: Bytes | undefined;
    readonly digest: Bytes;
  };
}

export interface SignatureChecker {
  checkEcdsaSignature(signature: Bytes, pubKey: Bytes, scriptCode: Bytes, sigVersion: SigVersion): SignatureCheck;
  checkLockTime(lockTime: number): boolean;
  checkSequence(sequence: number): boolean;
}

/** For evaluating scripts with no transaction around them: every check fails. */
export const NO_SIGNATURE_CHECKER: SignatureChecker = {
  checkEcdsaSignature: () => ({ valid: false }),
  checkLockTime: () => false,
  checkSequence: () => false,
};

/** Shared per-transaction data (Core's PrecomputedTransactionData): BIP143 hashes, computed lazily. */
export class PrecomputedTx {
  private bip143: Bip143Cache | undefined;
  constructor(readonly tx: TxLike) {}
  get bip143Hashes(): Bip143Cache {
    this.bip143 ??= bip143Cache(this.tx);
    return this.bip143;
  }
}

function bit(value: number, mask: number): boolean {
  // Values here can exceed 32 bits (5-byte script numbers); compare on the low 32 bits like Core's masks.
  return ((value % 0x1_0000_0000) & mask) !== 0;
}

export class TransactionSignatureChecker implements SignatureChecker {
  private readonly precomputed: PrecomputedTx;

  constructor(
    readonly tx: TxLike,
    readonly inputIndex: number,
    readonly amount: bigint,
    precomputed?: PrecomputedTx,
    /** Optional hook: lets a signature cache answer instead of secp256k1 (chain/sigcache). */
    private readonly verify: (digest: Bytes, pubKey: Bytes, der: Bytes) => boolean = verifyEcdsa,
    /** Optional: keys whose every signature the verifier takes as valid (a sandbox's crowd, SigCache.trustKey). */
    private readonly trustedKey?: (pubKey: Bytes) => boolean,
  ) {
    this.precomputed = precomputed ?? new PrecomputedTx(tx);
  }

  checkEcdsaSignature(signature: Bytes, pubKey: Bytes, scriptCode: Bytes, sigVersion: SigVersion): SignatureCheck {
    if (!hasValidPubKeyLength(pubKey)) return { valid: false };
    if (signature.length === 0) return { valid: false };
    // The verifier would not look at the digest: not computed (thousands of sighashes in a sandbox).
    if (this.trustedKey?.(pubKey)) return { valid: true };
    const hashType = signature[signature.length - 1]!;
    const der = signature.subarray(0, signature.length - 1);
    const sighash =
      sigVersion === 'BASE'
        ? legacySighash(this.tx, this.inputIndex, scriptCode, hashType)
        : bip143Sighash(this.tx, this.inputIndex, scriptCode, this.amount, hashType, this.precomputed.bip143Hashes);
    const valid = this.verify(sighash.digest, pubKey, der);
    return { valid, sighash: { hashType, preimage: sighash.preimage, digest: sighash.digest } };
  }

  checkLockTime(lockTime: number): boolean {
    const txLockTime = this.tx.locktime;
    const sameKind =
      (txLockTime < LOCKTIME_THRESHOLD && lockTime < LOCKTIME_THRESHOLD) ||
      (txLockTime >= LOCKTIME_THRESHOLD && lockTime >= LOCKTIME_THRESHOLD);
    if (!sameKind) return false;
    if (lockTime > txLockTime) return false;
    // A final input disables nLockTime, and with it this check.
    return this.tx.ins[this.inputIndex]!.sequence !== SEQUENCE_FINAL;
  }

  checkSequence(sequence: number): boolean {
    const txSequence = this.tx.ins[this.inputIndex]!.sequence;
    if (this.tx.version >>> 0 < 2) return false;
    if (bit(txSequence, SEQUENCE_LOCKTIME_DISABLE_FLAG)) return false;
    const mask = SEQUENCE_LOCKTIME_TYPE_FLAG | SEQUENCE_LOCKTIME_MASK;
    const txMasked = txSequence & mask;
    const masked = (sequence % 0x1_0000_0000) & mask;
    const sameKind =
      (txMasked < SEQUENCE_LOCKTIME_TYPE_FLAG && masked < SEQUENCE_LOCKTIME_TYPE_FLAG) ||
      (txMasked >= SEQUENCE_LOCKTIME_TYPE_FLAG && masked >= SEQUENCE_LOCKTIME_TYPE_FLAG);
    if (!sameKind) return false;
    return masked <= txMasked;
  }
}
