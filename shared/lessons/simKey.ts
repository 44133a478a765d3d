/**
 * Keys for sandbox simulations (the throughput crowd, the many-races exchange): derived from the
 * workspace's seed, never stored, never in a wallet. They sign real transactions so that the
 * sandbox nodes verify real signatures — except `placeholderSign`, for a crowd of thousands whose
 * signatures the sandbox node trusts without verifying: there a real ECDSA signature would only
 * cost time (about 0.13 ms each) and change nothing but bytes nobody reads.
 *
 * A sandbox key is the first receive key (m/84'/1'/0'/0/0) of the BIP39 wallet whose entropy the
 * seed gives: the keystore's derivation (main/keystore/derivation.ts, which test/unit/host checks
 * this against), done here in plain JS so the host's core needs nothing from Node.
 */
import { pbkdf2 } from '@noble/hashes/pbkdf2.js';
import { sha512 } from '@noble/hashes/sha2.js';
import { BIP32Factory } from 'bip32';
import english from 'bip39/src/wordlists/english.json';
import { networks } from 'bitcoinjs-lib';
import * as ecc from 'tiny-secp256k1';
import { compare, concat, utf8 } from '../bitcoin/bytes';
import { sha256 } from '../bitcoin/hashes';
import { pushMinimal } from '../bitcoin/script';
import { bip143Sighash, legacySighash } from '../bitcoin/sighash';
import { CURVE_ORDER, encodeDer, HALF_ORDER } from '../bitcoin/signatureEncoding';
import type { Transaction } from '../bitcoin/transaction';
import { p2pkhScriptPubKey, p2wpkhScriptPubKey } from '../protocols/outputs';
import type { SeededRng } from '../rng';

const bip32 = BIP32Factory(ecc);
const WORDS: readonly string[] = english;

/** BIP39: the entropy's bits and the first bits of its SHA-256, in 11-bit word indexes. */
function mnemonicOf(entropy: Uint8Array): string {
  const bits = [...entropy, ...sha256(entropy)].map((b) => b.toString(2).padStart(8, '0')).join('');
  const length = entropy.length * 8 + entropy.length / 4;
  const words: string[] = [];
  for (let i = 0; i < length; i += 11) words.push(WORDS[parseInt(bits.slice(i, i + 11), 2)]!);
  return words.join(' ');
}

/**
 * Sandbox keys already derived, by entropy: a lesson's tasks run again whenever a step is replayed,
 * and BIP39's 2,048 rounds of PBKDF2 in plain JS take about 20 ms a key. These are simulation
 * keys, never a wallet's, so keeping them in memory gives nothing away.
 */
const derived = new Map<string, Uint8Array>();
const MAX_DERIVED = 256;

/** The private key of the first receive key of the wallet with this (16-byte) entropy; no BIP39 passphrase. */
function firstReceiveKey(entropy: Uint8Array): Uint8Array {
  const id = entropy.join(',');
  let key = derived.get(id);
  if (!key) {
    if (derived.size >= MAX_DERIVED) derived.clear();
    key = deriveFirstReceiveKey(entropy);
    derived.set(id, key);
  }
  return key;
}

function deriveFirstReceiveKey(entropy: Uint8Array): Uint8Array {
  const seed = pbkdf2(sha512, mnemonicOf(entropy).normalize('NFKD'), 'mnemonic', { c: 2048, dkLen: 64 });
  const key = bip32.fromSeed(seed, networks.regtest).derivePath("m/84'/1'/0'/0/0").privateKey;
  if (!key) throw new Error('bug: a root derived from a seed has no private key');
  return key;
}

export interface SimKey {
  readonly pubKey: Uint8Array;
  /** Its P2PKH output script. */
  readonly script: Uint8Array;
  /** Its P2WPKH output script. */
  readonly witnessScript: Uint8Array;
  /** Signs every input of `tx` that spends this key's P2PKH outputs (SIGHASH_ALL); `signed` hears of each signature. */
  sign(
    tx: Transaction,
    inputs?: readonly number[],
    signed?: (digest: Uint8Array, pubKey: Uint8Array, der: Uint8Array) => void,
  ): void;
  /** Signs input `input` spending this key's P2WPKH output of `value` (BIP143). */
  signWitness(tx: Transaction, input: number, value: bigint): void;
  /**
   * Like `sign`, but every input gets `placeholderSignature(rng)` instead of a real signature: for
   * a sandbox node that trusts this key (SigCache.trustKey).
   */
  placeholderSign(tx: Transaction, rng: SeededRng): void;
}

/**
 * A signature-shaped placeholder (DER, without the hash type): r and s drawn from `rng` as a real
 * signature's are uniform — r below n, s below n/2 (low S, as every signer since 2015 makes it) —
 * and DER-encoded, so with its hash-type byte it is 72 bytes half the time (r's top bit set), 71
 * otherwise, and rarely less: the distribution of real signatures' lengths, hence of payments' sizes.
 */
export function placeholderSignature(rng: SeededRng): Uint8Array {
  const compact = rng.bytes(64);
  compact[32]! &= 0x7f;
  // Values at or above n (r) or n/2 (s) have odds of about 2^-128; folded down rather than drawn again.
  if (compare(compact.subarray(0, 32), CURVE_ORDER) >= 0) compact[0] = 0x7f;
  if (compare(compact.subarray(32), HALF_ORDER) > 0) compact[32] = 0x3f;
  return encodeDer(compact);
}

export function simKey(seed: number, purpose: string): SimKey {
  const entropy = sha256(utf8(`txlab sandbox key:${purpose}:${seed}`)).slice(0, 16);
  const priv = firstReceiveKey(entropy);
  const pubKey = ecc.pointFromScalar(priv, true)!;
  const script = p2pkhScriptPubKey(pubKey);
  // Strict DER, low-S, RFC 6979 nonce (as the keystore signs).
  const der = (digest: Uint8Array) => encodeDer(ecc.sign(digest, priv));
  const withHashType = (digest: Uint8Array) => concat(der(digest), Uint8Array.of(1));
  return {
    pubKey,
    script,
    witnessScript: p2wpkhScriptPubKey(pubKey),
    sign(tx, inputs = tx.ins.map((_, i) => i), signed) {
      for (const i of inputs) {
        const digest = legacySighash(tx, i, script, 1).digest;
        const signature = der(digest);
        signed?.(digest, pubKey, signature);
        tx.setInputScript(i, concat(pushMinimal(concat(signature, Uint8Array.of(1))), pushMinimal(pubKey)));
      }
    },
    signWitness(tx, input, value) {
      // BIP143: a P2WPKH input signs the P2PKH script of its key.
      tx.setWitness(input, [withHashType(bip143Sighash(tx, input, script, value, 1).digest), pubKey]);
    },
    placeholderSign(tx, rng) {
      for (let i = 0; i < tx.ins.length; i++) {
        tx.setInputScript(
          i,
          concat(pushMinimal(concat(placeholderSignature(rng), Uint8Array.of(1))), pushMinimal(pubKey)),
        );
      }
    },
  };
}
