/**
 * Engine figures for Taproot (issue 15): P2TR key-path inputs through the interpreter against the
 * same BIP340 signatures through tiny-secp256k1 directly — the Schnorr analogue of verify_ratio.
 * As there, each input's verification includes its transaction's precomputed hashes (BIP341's
 * sha_prevouts, sha_amounts … for a one-input transaction), which a real node computes per
 * transaction too.
 */
import * as ecc from 'tiny-secp256k1';
import { utf8 } from '../shared/bitcoin/bytes';
import { PrecomputedTx } from '../shared/bitcoin/checker';
import { TAPROOT_STANDARD_FLAGS } from '../shared/bitcoin/flags';
import { sha256 } from '../shared/bitcoin/hashes';
import { SIGHASH_DEFAULT, taprootSighash } from '../shared/bitcoin/sighash';
import { taprootOutput } from '../shared/bitcoin/taproot';
import { Transaction, verifyInput } from '../shared/bitcoin/transaction';
import type { Prevout } from '../shared/bitcoin/txTypes';
import { type BenchResult, median, round, timeMs } from './harness';

const INTERNAL = sha256(utf8('txlab bench taproot key'));
const OUTPUT = taprootOutput(ecc.xOnlyPointFromScalar(INTERNAL))!;
/** BIP341's tweak of the secret: negated first when the internal point's y is odd. */
const TWEAKED = ecc.privateAdd(
  ecc.pointFromScalar(INTERNAL, true)![0] === 3 ? ecc.privateNegate(INTERNAL) : INTERNAL,
  OUTPUT.tweak,
)!;

interface SignedKeyPath {
  tx: Transaction;
  prevout: Prevout;
  digest: Uint8Array;
  signature: Uint8Array;
}

/** `count` one-input transactions spending a BIP86 P2TR output by the key path, SIGHASH_DEFAULT. */
function signedKeyPathInputs(count: number): SignedKeyPath[] {
  const out: SignedKeyPath[] = [];
  for (let i = 0; i < count; i++) {
    const tx = new Transaction();
    tx.version = 2;
    tx.addInput(sha256(utf8(`taproot prev ${i}`)), i % 3);
    tx.addOutput(OUTPUT.scriptPubKey, 90_000n);
    const prevout = { scriptPubKey: OUTPUT.scriptPubKey, amount: 100_000n };
    const digest = taprootSighash(tx, 0, [prevout], SIGHASH_DEFAULT, 'TAPROOT', { annexHash: undefined })!.digest;
    const signature = ecc.signSchnorr(digest, TWEAKED, new Uint8Array(32));
    tx.setWitness(0, [signature]);
    out.push({ tx, prevout, digest, signature });
  }
  return out;
}

const CHUNK = 50;

export function taprootFigures(): BenchResult[] {
  const inputs = signedKeyPathInputs(2_000);
  const interpreter = (from: number) => {
    for (const s of inputs.slice(from, from + CHUNK)) {
      const precomputed = new PrecomputedTx(s.tx, [s.prevout]);
      if (!verifyInput(s.tx, 0, s.prevout, TAPROOT_STANDARD_FLAGS, { precomputed }).ok)
        throw new Error('bench taproot input invalid');
    }
  };
  const raw = (from: number) => {
    for (const s of inputs.slice(from, from + CHUNK))
      if (!ecc.verifySchnorr(s.digest, OUTPUT.outputKey, s.signature))
        throw new Error('bench Schnorr signature invalid');
  };
  // The two take turns every CHUNK inputs and each round's ratio counts: on a machine shared with
  // other work, load that changes between two long blocks would otherwise skew the ratio either way.
  const interpreterMs: number[] = [];
  const rawMs: number[] = [];
  for (let round = -1; round < 7; round++) {
    let a = 0;
    let b = 0;
    for (let from = 0; from < inputs.length; from += CHUNK) {
      a += timeMs(() => interpreter(from));
      b += timeMs(() => raw(from));
    }
    if (round < 0) continue; // warm-up
    interpreterMs.push(a);
    rawMs.push(b);
  }
  const perS = (ms: number) => inputs.length / (ms / 1000);
  return [
    { key: 'verify_taproot_inputs_per_s', value: round(perS(median(interpreterMs)), 0), unit: 'inputs/s' },
    { key: 'raw_schnorr_verify_per_s', value: round(perS(median(rawMs)), 0), unit: 'verifies/s' },
    {
      key: 'verify_ratio_taproot',
      value: round(median(rawMs.map((r, i) => r / interpreterMs[i]!)), 3),
      unit: 'ratio',
      target: '≥ 0.85',
    },
  ];
}
