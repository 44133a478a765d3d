/**
 * Bitcoin Core's script asset tests (`script_assets_test.json`, and the `feature_taproot.py
 * --dumptests` files it is built from), run as Core's script_assets_test does: each entry is a
 * transaction, every spent output and an input to verify, with a `success` and maybe a `failure`
 * scriptSig and witness. Over the 64 valid combinations of the 7 consensus flags, `success` must
 * verify under every subset of the entry's flags (every combination if `final`), and `failure`
 * must fail under every superset. No error code is given: Core's test asserts none.
 */
import { type Bytes, fromHex, isHex, toHex } from '../bitcoin/bytes';
import {
  PrecomputedTx,
  type SchnorrCheck,
  type SignatureCheck,
  type SignatureChecker,
  TransactionSignatureChecker,
} from '../bitcoin/checker';
import { F, parseFlagNames } from '../bitcoin/flags';
import { type InputVerdict, parseTransaction, type Transaction, verifyInput } from '../bitcoin/transaction';
import type { SigVersion, TaprootSpendData } from '../bitcoin/sighash';
import type { Prevout } from '../bitcoin/txTypes';
import { ReportBuilder, type VectorReport } from './report';

export interface ScriptAssetSpend {
  readonly scriptSig: Bytes;
  readonly witness: readonly Bytes[];
}

export interface ScriptAsset {
  readonly tx: Transaction;
  readonly prevouts: readonly Prevout[];
  readonly index: number;
  readonly flags: number;
  readonly comment: string;
  readonly final: boolean;
  readonly success: ScriptAssetSpend;
  readonly failure: ScriptAssetSpend | undefined;
}

const CONSENSUS_TEST_FLAGS = [
  F.P2SH,
  F.DERSIG,
  F.NULLDUMMY,
  F.CHECKLOCKTIMEVERIFY,
  F.CHECKSEQUENCEVERIFY,
  F.WITNESS,
  F.TAPROOT,
] as const;

/** The 64 combinations Core enumerates: WITNESS needs P2SH, TAPROOT needs WITNESS. */
export const ASSET_FLAG_COMBINATIONS: readonly number[] = (() => {
  const out: number[] = [];
  for (let mask = 0; mask < 1 << CONSENSUS_TEST_FLAGS.length; mask++) {
    let flags = 0;
    CONSENSUS_TEST_FLAGS.forEach((f, i) => {
      if (mask & (1 << i)) flags |= f;
    });
    if (flags & F.WITNESS && !(flags & F.P2SH)) continue;
    if (flags & F.TAPROOT && !(flags & F.WITNESS)) continue;
    out.push(flags);
  }
  return out;
})();

/** A CTxOut as serialized: 8-byte little-endian amount, compact-size length, script. */
function parseTxOut(hex: string): Prevout | undefined {
  if (!isHex(hex) || hex.length < 18) return undefined;
  const bytes = fromHex(hex);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const amount = view.getBigInt64(0, true);
  let at = 8;
  const first = bytes[at++]!;
  let length = first;
  if (first === 0xfd) {
    length = view.getUint16(at, true);
    at += 2;
  } else if (first === 0xfe) {
    length = view.getUint32(at, true);
    at += 4;
  } else if (first === 0xff) {
    return undefined;
  }
  if (at + length !== bytes.length) return undefined;
  return { amount, scriptPubKey: bytes.subarray(at) };
}

function parseSpend(value: unknown): ScriptAssetSpend | string {
  if (typeof value !== 'object' || value === null) return 'spend is not an object';
  const { scriptSig, witness } = value as { scriptSig?: unknown; witness?: unknown };
  if (typeof scriptSig !== 'string' || !isHex(scriptSig)) return 'scriptSig is not hex';
  if (!Array.isArray(witness) || !witness.every((w): w is string => typeof w === 'string' && isHex(w)))
    return 'witness is not a list of hex items';
  return { scriptSig: fromHex(scriptSig), witness: witness.map(fromHex) };
}

export function parseScriptAsset(entry: unknown): ScriptAsset | string {
  if (typeof entry !== 'object' || entry === null) return 'entry is not an object';
  const e = entry as Record<string, unknown>;
  if (typeof e.tx !== 'string') return 'tx is not a string';
  const tx = parseTransaction(e.tx);
  if (!tx.ok) return `tx: ${tx.error.message}`;
  if (!Array.isArray(e.prevouts)) return 'prevouts is not a list';
  const prevouts: Prevout[] = [];
  for (const p of e.prevouts) {
    const parsed = typeof p === 'string' ? parseTxOut(p) : undefined;
    if (!parsed) return `prevout is not a serialized output: ${String(p)}`;
    prevouts.push(parsed);
  }
  if (prevouts.length !== tx.value.ins.length) return 'one prevout per input is needed';
  if (typeof e.index !== 'number' || !Number.isInteger(e.index) || e.index < 0 || e.index >= prevouts.length)
    return 'index is not an input of tx';
  const flags = parseFlagNames(typeof e.flags === 'string' ? e.flags : '');
  if (!flags.ok) return `flags: ${flags.error.message}`;
  const success = parseSpend(e.success);
  if (typeof success === 'string') return `success: ${success}`;
  const failure = e.failure === undefined ? undefined : parseSpend(e.failure);
  if (typeof failure === 'string') return `failure: ${failure}`;
  return {
    tx: tx.value,
    prevouts,
    index: e.index,
    flags: flags.value,
    comment: typeof e.comment === 'string' ? e.comment : '',
    final: e.final === true,
    success,
    failure,
  };
}

/**
 * A signature cache for one spend (as Core's sigcache is for a block): a check's answer depends on
 * the transaction, the signature, the key and what is signed, never on the flags, so the 64 flag
 * combinations run every script but verify each distinct signature once.
 */
class MemoChecker implements SignatureChecker {
  private readonly ecdsa = new Map<string, SignatureCheck>();
  private readonly schnorr = new Map<string, SchnorrCheck>();
  constructor(private readonly inner: SignatureChecker) {}

  checkEcdsaSignature(signature: Bytes, pubKey: Bytes, scriptCode: Bytes, sigVersion: SigVersion): SignatureCheck {
    const key = [toHex(signature), toHex(pubKey), toHex(scriptCode), sigVersion].join(':');
    let r = this.ecdsa.get(key);
    if (!r) this.ecdsa.set(key, (r = this.inner.checkEcdsaSignature(signature, pubKey, scriptCode, sigVersion)));
    return r;
  }

  checkSchnorrSignature(
    signature: Bytes,
    pubKey: Bytes,
    sigVersion: 'TAPROOT' | 'TAPSCRIPT',
    spend: TaprootSpendData,
  ): SchnorrCheck {
    const leaf = spend.tapleafHash ? toHex(spend.tapleafHash) : '';
    const annex = spend.annexHash ? toHex(spend.annexHash) : '';
    const key = [toHex(signature), toHex(pubKey), sigVersion, leaf, annex, spend.codeSeparatorPos].join(':');
    let r = this.schnorr.get(key);
    if (!r) this.schnorr.set(key, (r = this.inner.checkSchnorrSignature(signature, pubKey, sigVersion, spend)));
    return r;
  }

  checkLockTime(lockTime: number): boolean {
    return this.inner.checkLockTime(lockTime);
  }

  checkSequence(sequence: number): boolean {
    return this.inner.checkSequence(sequence);
  }
}

/** Puts `spend` into the asset's input (the transaction is reused) and returns a verifier for it. */
export function scriptAssetVerifier(asset: ScriptAsset, spend: ScriptAssetSpend): (flags: number) => InputVerdict {
  asset.tx.setInputScript(asset.index, spend.scriptSig);
  asset.tx.setWitness(asset.index, [...spend.witness]);
  const prevout = asset.prevouts[asset.index]!;
  const precomputed = new PrecomputedTx(asset.tx, asset.prevouts);
  const checker = new MemoChecker(new TransactionSignatureChecker(asset.tx, asset.index, prevout.amount, precomputed));
  return (flags) => verifyInput(asset.tx, asset.index, prevout, flags, { checker });
}

/** The first way the entry breaks Core's rule, or undefined when it holds. */
function checkScriptAsset(asset: ScriptAsset): string | undefined {
  const success = scriptAssetVerifier(asset, asset.success);
  for (const flags of ASSET_FLAG_COMBINATIONS) {
    if (!asset.final && (flags & asset.flags) !== flags) continue;
    const v = success(flags);
    if (!v.ok) return `success fails with flags 0x${flags.toString(16)}: ${v.error.code}`;
  }
  if (!asset.failure) return undefined;
  const failure = scriptAssetVerifier(asset, asset.failure);
  for (const flags of ASSET_FLAG_COMBINATIONS) {
    if ((flags & asset.flags) !== asset.flags) continue;
    if (failure(flags).ok) return `failure passes with flags 0x${flags.toString(16)}`;
  }
  return undefined;
}

export function runScriptAssets(rows: readonly unknown[]): VectorReport {
  const report = new ReportBuilder('script_assets');
  rows.forEach((row, index) => {
    const asset = parseScriptAsset(row);
    if (typeof asset === 'string') return report.fail(index, `malformed entry: ${asset}`);
    const problem = checkScriptAsset(asset);
    if (problem) return report.fail(index, `${asset.comment}: ${problem}`);
    report.pass();
  });
  return report.build();
}
