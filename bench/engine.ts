/**
 * Engine figures (issue 2): signed inputs through the interpreter against the same signatures
 * through tiny-secp256k1 directly, and whole-transaction signing cost, legacy vs BIP143; the
 * same ratio for Taproot key-path inputs (issue 15) comes from engineTaproot.ts.
 */
import { ECPairFactory } from 'ecpair';
import * as ecc from 'tiny-secp256k1';
import { concat, utf8 } from '../shared/bitcoin/bytes';
import { PrecomputedTx } from '../shared/bitcoin/checker';
import { verifyCompactRaw } from '../shared/bitcoin/ecdsa';
import { STANDARD_FLAGS } from '../shared/bitcoin/flags';
import { hash160, sha256 } from '../shared/bitcoin/hashes';
import { OP } from '../shared/bitcoin/opcodes';
import { compileScript } from '../shared/bitcoin/script';
import { bip143Sighash, legacySighash } from '../shared/bitcoin/sighash';
import { encodeDer, SIGHASH_ALL } from '../shared/bitcoin/signatureEncoding';
import { Transaction, verifyInput } from '../shared/bitcoin/transaction';
import type { Prevout } from '../shared/bitcoin/txTypes';
import { taprootFigures } from './engineTaproot';
import { type BenchModule, medianMs, round } from './harness';

const ECPair = ECPairFactory(ecc);
const key = ECPair.fromPrivateKey(sha256(utf8('txlab bench key')));
const pkh = hash160(key.publicKey);
const P2PKH = compileScript([OP.OP_DUP, OP.OP_HASH160, pkh, OP.OP_EQUALVERIFY, OP.OP_CHECKSIG]);
const P2WPKH = compileScript([OP.OP_0, pkh]);

interface SignedInput {
  tx: Transaction;
  prevout: Prevout;
  digest: Uint8Array;
  compact: Uint8Array;
}

/** `count` one-input transactions, alternating P2PKH and P2WPKH, each signed. */
export function signedInputs(count: number): SignedInput[] {
  const out: SignedInput[] = [];
  for (let i = 0; i < count; i++) {
    const segwit = i % 2 === 1;
    const tx = new Transaction();
    tx.version = 2;
    tx.addInput(sha256(utf8(`prev ${i}`)), i % 3);
    tx.addOutput(P2WPKH, 90_000n);
    const prevout = { scriptPubKey: segwit ? P2WPKH : P2PKH, amount: 100_000n };
    const digest = segwit
      ? bip143Sighash(tx, 0, P2PKH, prevout.amount, SIGHASH_ALL).digest
      : legacySighash(tx, 0, P2PKH, SIGHASH_ALL).digest;
    const compact = key.sign(digest);
    const sig = concat(encodeDer(compact), Uint8Array.of(SIGHASH_ALL));
    if (segwit) tx.setWitness(0, [sig, key.publicKey]);
    else tx.setInputScript(0, compileScript([sig, key.publicKey]));
    out.push({ tx, prevout, digest, compact });
  }
  return out;
}

export const engineBench: BenchModule = {
  name: 'engine',
  run() {
    const inputs = signedInputs(2_000);
    const interpreterMs = medianMs(5, () => {
      for (const s of inputs)
        if (!verifyInput(s.tx, 0, s.prevout, STANDARD_FLAGS, { precomputed: new PrecomputedTx(s.tx) }).ok)
          throw new Error('bench input invalid');
    });
    const rawMs = medianMs(5, () => {
      for (const s of inputs)
        if (!verifyCompactRaw(s.digest, key.publicKey, s.compact)) throw new Error('bench signature invalid');
    });
    const verifyPerS = inputs.length / (interpreterMs / 1000);
    const rawPerS = inputs.length / (rawMs / 1000);

    const big = new Transaction();
    big.version = 2;
    for (let i = 0; i < 100; i++) big.addInput(sha256(utf8(`big ${i}`)), 0);
    big.addOutput(P2WPKH, 1_000_000n);
    const legacyMs = medianMs(5, () => {
      for (let i = 0; i < 100; i++) key.sign(legacySighash(big, i, P2PKH, SIGHASH_ALL).digest);
    });
    const bip143Ms = medianMs(5, () => {
      const cache = new PrecomputedTx(big).bip143Hashes;
      for (let i = 0; i < 100; i++) key.sign(bip143Sighash(big, i, P2PKH, 100_000n, SIGHASH_ALL, cache).digest);
    });
    return [
      { key: 'verify_inputs_per_s', value: round(verifyPerS, 0), unit: 'inputs/s' },
      { key: 'raw_ecdsa_verify_per_s', value: round(rawPerS, 0), unit: 'verifies/s' },
      { key: 'verify_ratio', value: round(verifyPerS / rawPerS, 3), unit: 'ratio', target: '≥ 0.85' },
      { key: 'sighash_legacy_100in_ms', value: round(legacyMs), unit: 'ms' },
      { key: 'sighash_bip143_100in_ms', value: round(bip143Ms), unit: 'ms' },
      ...taprootFigures(),
    ];
  },
};
