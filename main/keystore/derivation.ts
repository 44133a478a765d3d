/**
 * HD derivation and signing with bip39/bip32 over tiny-secp256k1. The only module that
 * touches private key bytes besides the keystore's own state.
 *
 * Path scheme (coin type 1: every TxLab chain is a regtest chain):
 *   receive     m/84'/1'/0'/0/i      (BIP84 layout, so other tools show the same addresses)
 *   change      m/84'/1'/0'/1/i
 *   funding     m/84'/1'/0'/2'/i'
 *   revocation  m/84'/1'/0'/3'/i'
 *   htlc        m/84'/1'/0'/4'/i'
 *   swap        m/84'/1'/0'/5'/i'
 *   taproot     m/86'/1'/0'/0/i      (BIP86: a P2TR receive key, its output key the untweaked-tree tweak)
 * Protocol keys are hardened: a protocol key may be handed to another wallet (RSMC revocation),
 * and a non-hardened child private key together with the parent's xpub reveals the parent's
 * private key, hence every sibling. Hardening keeps one handover from exposing the whole wallet.
 */
import { createHmac, pbkdf2Sync, randomBytes } from 'node:crypto';
import { BIP32Factory, type BIP32Interface } from 'bip32';
import { entropyToMnemonic, validateMnemonic } from 'bip39';
import { networks } from 'bitcoinjs-lib';
import * as ecc from 'tiny-secp256k1';
import { toHex } from '../../shared/bitcoin/bytes';
import { encodeDer } from '../../shared/bitcoin/signatureEncoding';
import { taptweakHash } from '../../shared/bitcoin/taproot';
import { errText, ok, type Result } from '../../shared/contract/result';
import type { KeyPurpose } from './types';

const bip32 = BIP32Factory(ecc);

/** Regtest version bytes (tprv/tpub); nothing is ever serialised with them outside tests. */
const NETWORK = networks.regtest;

const BIP84_ACCOUNT = "m/84'/1'/0'";
const BIP86_ACCOUNT = "m/86'/1'/0'";

const PURPOSE_BRANCH: Readonly<
  Record<KeyPurpose, { readonly account: string; readonly branch: number; readonly hardened: boolean }>
> = Object.freeze({
  receive: { account: BIP84_ACCOUNT, branch: 0, hardened: false },
  change: { account: BIP84_ACCOUNT, branch: 1, hardened: false },
  funding: { account: BIP84_ACCOUNT, branch: 2, hardened: true },
  revocation: { account: BIP84_ACCOUNT, branch: 3, hardened: true },
  htlc: { account: BIP84_ACCOUNT, branch: 4, hardened: true },
  swap: { account: BIP84_ACCOUNT, branch: 5, hardened: true },
  taproot: { account: BIP86_ACCOUNT, branch: 0, hardened: false },
});

export function pathFor(purpose: KeyPurpose, index: number): string {
  const { account, branch, hardened } = PURPOSE_BRANCH[purpose];
  return hardened ? `${account}/${branch}'/${index}'` : `${account}/${branch}/${index}`;
}

/** BIP39 allows 128–256 bits of entropy in steps of 32. */
function isValidEntropyLength(length: number): boolean {
  return length >= 16 && length <= 32 && length % 4 === 0;
}

export function mnemonicFromEntropy(entropy: Uint8Array): string {
  if (!isValidEntropyLength(entropy.length))
    throw new Error(`bug: entropy of ${entropy.length} bytes reached mnemonicFromEntropy`);
  return entropyToMnemonic(toHex(entropy));
}

export function isValidMnemonic(mnemonic: string): boolean {
  return validateMnemonic(mnemonic);
}

export interface CreateWalletOptions {
  /** 16–32 bytes (multiple of 4), e.g. from a scenario's seeded RNG: same entropy, same keys. */
  readonly entropy?: Uint8Array;
  /** A BIP39 mnemonic instead (a scenario exported with keys). At most one of the two. */
  readonly mnemonic?: string;
}

/** The new wallet's mnemonic: from the given mnemonic or entropy, else from the OS's randomness. */
export function mnemonicFor(options: CreateWalletOptions): Result<string> {
  if (options.entropy !== undefined && options.mnemonic !== undefined) {
    return errText('BAD_REQUEST', 'host.keystore.entropyAndMnemonic', undefined, { path: 'mnemonic' });
  }
  if (options.mnemonic !== undefined) {
    const mnemonic =
      typeof options.mnemonic === 'string' ? options.mnemonic.normalize('NFKD').trim().split(/\s+/).join(' ') : '';
    return isValidMnemonic(mnemonic)
      ? ok(mnemonic)
      : errText('BAD_REQUEST', 'host.keystore.badMnemonic', undefined, { path: 'mnemonic' });
  }
  const entropy = options.entropy ?? randomBytes(16);
  if (!(entropy instanceof Uint8Array) || !isValidEntropyLength(entropy.length)) {
    return errText('BAD_REQUEST', 'host.keystore.entropySize', undefined, { path: 'entropy' });
  }
  return ok(mnemonicFromEntropy(entropy));
}

/** The wallet's BIP32 root; the BIP39 passphrase is empty (the keystore has its own). */
export function rootFromMnemonic(mnemonic: string): BIP32Interface {
  return bip32.fromSeed(seedFromMnemonic(mnemonic), NETWORK);
}

/**
 * BIP39's seed (no passphrase): PBKDF2-HMAC-SHA512, 2048 rounds, salt "mnemonic". The same bytes
 * as bip39's mnemonicToSeedSync, from Node's native PBKDF2: the pure-JS one took about 0.1 s per
 * wallet, and opening a lesson makes several (test/unit/keystore checks the two agree).
 */
export function seedFromMnemonic(mnemonic: string): Uint8Array {
  return pbkdf2Sync(mnemonic.normalize('NFKD'), 'mnemonic', 2048, 64, 'sha512');
}

export function deriveNode(root: BIP32Interface, purpose: KeyPurpose, index: number): BIP32Interface {
  return root.derivePath(pathFor(purpose, index));
}

/** The node every key of `purpose` is a child of (m/84'/1'/0'/branch): kept, a key is then one step away. */
export function branchNode(root: BIP32Interface, purpose: KeyPurpose): BIP32Interface {
  const { account, branch, hardened } = PURPOSE_BRANCH[purpose];
  return root.derivePath(`${account}/${branch}${hardened ? "'" : ''}`);
}

const HARDENED = 0x80000000;

/**
 * The private key of key `index` of a branch node: the same key as deriveNode(root, purpose,
 * index).privateKey. BIP32's CKDpriv done here rather than by bip32's derive(), which hashes the
 * parent's public key for a fingerprint nobody reads and computes HMAC-SHA512 in plain JS; a
 * payment channel derives two keys an update. The public key is left to the caller (it costs as
 * much as a signature and signing does not need it).
 */
export function childKeyOfBranch(branch: BIP32Interface, purpose: KeyPurpose, index: number): Uint8Array {
  const parentKey = branch.privateKey;
  if (!parentKey) throw new Error('bug: a branch node without its private key');
  if (!Number.isInteger(index) || index < 0 || index >= HARDENED)
    throw new Error(`bug: key index ${index} out of range`);
  // bip32's derive(), which the stored keys were made with, moves on to the next index when a
  // step gives an invalid key (probability about 2^-127); so does this loop.
  for (let i = PURPOSE_BRANCH[purpose].hardened ? index + HARDENED : index; ; i++) {
    const data = new Uint8Array(37);
    // Hardened: 0x00 || ser256(kpar) || ser32(i); normal: serP(Kpar) || ser32(i).
    if (i >= HARDENED) data.set(parentKey, 1);
    else data.set(branch.publicKey, 0);
    new DataView(data.buffer).setUint32(33, i);
    const digest = createHmac('sha512', branch.chainCode).update(data).digest();
    const tweak = digest.subarray(0, 32);
    if (!ecc.isPrivate(tweak)) continue;
    const child = ecc.privateAdd(parentKey, tweak);
    if (child) return child;
  }
}

/** The compressed public key of a key this module derived (always a valid scalar). */
export function publicKeyOfDerived(privateKey: Uint8Array): Uint8Array {
  const publicKey = ecc.pointFromScalar(privateKey, true);
  if (!publicKey) throw new Error('bug: a derived private key is not a valid scalar');
  return publicKey;
}

export function derivePrivateKey(root: BIP32Interface, purpose: KeyPurpose, index: number): Uint8Array {
  const key = deriveNode(root, purpose, index).privateKey;
  if (!key) throw new Error('bug: a root derived from a seed has no private key');
  return key;
}

/** Compressed public key of a 32-byte private key, or undefined when it is not a valid scalar. */
export function publicKeyOfPrivate(privateKey: Uint8Array): Uint8Array | undefined {
  if (privateKey.length !== 32 || !ecc.isPrivate(privateKey)) return undefined;
  return ecc.pointFromScalar(privateKey, true) ?? undefined;
}

/**
 * Strict DER, low-S (libsecp256k1 always normalises), RFC 6979 nonce, no sighash byte. The
 * caller knows the key's public key (the keystore keeps it): computing it again would cost as
 * much as the signature.
 */
export function signDigestWith(
  privateKey: Uint8Array,
  digest: Uint8Array,
  publicKey: Uint8Array,
): { signature: Uint8Array; publicKey: Uint8Array } {
  return { signature: encodeDer(ecc.sign(digest, privateKey)), publicKey };
}

/**
 * BIP340 over a BIP341 signature hash with the key-path private key: the key negated when its
 * public key has an odd y (x-only keys are the even-y point), plus H_TapTweak(P || merkleRoot)
 * (BIP86's H_TapTweak(P) with no script tree). `auxRand` is the caller's 32 bytes (from the
 * scenario's seed, so replays sign alike).
 */
export function signSchnorrWith(
  privateKey: Uint8Array,
  digest: Uint8Array,
  auxRand: Uint8Array,
  merkleRoot?: Uint8Array,
): Uint8Array {
  const publicKey = ecc.pointFromScalar(privateKey, true);
  if (!publicKey) throw new Error('bug: a keystore private key is not a valid scalar');
  const evenKey = publicKey[0] === 0x03 ? ecc.privateNegate(privateKey) : privateKey;
  const tweaked = ecc.privateAdd(evenKey, taptweakHash(publicKey.subarray(1), merkleRoot));
  // Probability about 2^-128 (the tweak is the negated key); BIP86 has no way out either.
  if (!tweaked) throw new Error('bug: a BIP86 tweak gave the zero key');
  return ecc.signSchnorr(digest, tweaked, auxRand);
}

/**
 * BIP340 by the key itself, untweaked: a tapscript's CHECKSIG names the x-only key, not an
 * output key (BIP342). libsecp256k1 negates the key when its point has an odd y, as BIP340 says.
 */
export function signSchnorrUntweakedWith(privateKey: Uint8Array, digest: Uint8Array, auxRand: Uint8Array): Uint8Array {
  return ecc.signSchnorr(digest, privateKey, auxRand);
}
