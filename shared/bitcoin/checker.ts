/**
 * The environment a script runs in (Core's BaseSignatureChecker): signature, locktime and sequence
 * checks against one input of one transaction.
 */
import type { Bytes } from './bytes';
import { verifyEcdsa } from './ecdsa';
import type { ScriptErrorCode } from './errors';
import { verifySchnorr } from './schnorr';
import { hasValidPubKeyLength } from './signatureEncoding';
import {
  bip143Cache,
  type Bip143Cache,
  bip143Sighash,
  legacySighash,
  SIGHASH_DEFAULT,
  type SigVersion,
  taprootCache,
  type TaprootCache,
  taprootSighash,
  type TaprootSpendData,
} from './sighash';
import type { Prevout, TxLike } from './txTypes';

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

/** A Schnorr check either passes or fails the whole script, with Core's reason. */
export interface SchnorrCheck extends SignatureCheck {
  readonly error?: ScriptErrorCode;
}

export interface SignatureChecker {
  checkEcdsaSignature(signature: Bytes, pubKey: Bytes, scriptCode: Bytes, sigVersion: SigVersion): SignatureCheck;
  /** BIP340 over BIP341's signature message; `pubKey` is 32 bytes (the caller checks). */
  checkSchnorrSignature(
    signature: Bytes,
    pubKey: Bytes,
    sigVersion: 'TAPROOT' | 'TAPSCRIPT',
    spend: TaprootSpendData,
  ): SchnorrCheck;
  checkLockTime(lockTime: number): boolean;
  checkSequence(sequence: number): boolean;
}

/** For evaluating scripts with no transaction around them: every check fails. */
export const NO_SIGNATURE_CHECKER: SignatureChecker = {
  checkEcdsaSignature: () => ({ valid: false }),
  checkSchnorrSignature: () => ({ valid: false, error: 'SCHNORR_SIG' }),
  checkLockTime: () => false,
  checkSequence: () => false,
};

/**
 * Shared per-transaction data (Core's PrecomputedTransactionData): BIP143 and BIP341 hashes,
 * computed lazily. BIP341 signatures commit to every input's spent output (amount and script), so
 * Taproot signature checks need `spentOutputs`, one per input, in input order.
 */
export class PrecomputedTx {
  private bip143: Bip143Cache | undefined;
  private taproot: TaprootCache | undefined;
  constructor(
    readonly tx: TxLike,
    readonly spentOutputs?: readonly Prevout[],
  ) {}
  get bip143Hashes(): Bip143Cache {
    this.bip143 ??= bip143Cache(this.tx);
    return this.bip143;
  }
  /** Undefined without every spent output (Core's m_bip341_taproot_ready false). */
  get taprootHashes(): TaprootCache | undefined {
    if (!this.spentOutputs || this.spentOutputs.length !== this.tx.ins.length) return undefined;
    this.taproot ??= taprootCache(this.tx, this.spentOutputs);
    return this.taproot;
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
    /** Optional hook for BIP340 checks, as `verify` for ECDSA (chain/sigcache). */
    private readonly verifySchnorrSig: (digest: Bytes, xOnlyKey: Bytes, signature: Bytes) => boolean = verifySchnorr,
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

  /** Core's CheckSchnorrSignature (interpreter.cpp:1679): size, hash type, sighash, then BIP340. */
  checkSchnorrSignature(
    signature: Bytes,
    pubKey: Bytes,
    sigVersion: 'TAPROOT' | 'TAPSCRIPT',
    spend: TaprootSpendData,
  ): SchnorrCheck {
    if (signature.length !== 64 && signature.length !== 65) return { valid: false, error: 'SCHNORR_SIG_SIZE' };
    let hashType = SIGHASH_DEFAULT;
    if (signature.length === 65) {
      hashType = signature[64]!;
      // An explicit 0x00 byte would make a second encoding of a DEFAULT signature: not allowed.
      if (hashType === SIGHASH_DEFAULT) return { valid: false, error: 'SCHNORR_SIG_HASHTYPE' };
    }
    const cache = this.precomputed.taprootHashes;
    if (!cache) return { valid: false, error: 'TAPROOT_SPENT_OUTPUTS_MISSING' };
    const sighash = taprootSighash(
      this.tx,
      this.inputIndex,
      this.precomputed.spentOutputs!,
      hashType,
      sigVersion,
      spend,
      cache,
    );
    if (!sighash) return { valid: false, error: 'SCHNORR_SIG_HASHTYPE' };
    const valid = this.verifySchnorrSig(sighash.digest, pubKey, signature.subarray(0, 64));
    const check = { valid, sighash: { hashType, preimage: sighash.preimage, digest: sighash.digest } };
    return valid ? check : { ...check, error: 'SCHNORR_SIG' };
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
