/**
 * Transactions over bitcoinjs-lib (parse, serialize, txid/wtxid, weight/vsize) plus what it lacks:
 * Core's context-free CheckTransaction and input verification through TxLab's interpreter.
 */
import { errText, ok, type Result } from '../contract/result';
import { Transaction } from 'bitcoinjs-lib';
import { type Bytes, fromHex, hashToHex, isHex } from './bytes';
import { hash256 } from './hashes';
import { PrecomputedTx, type SignatureChecker, TransactionSignatureChecker } from './checker';
import type { ScriptFailure } from './errors';
import { verifyScript } from './interpreter/verifyScript';
import type { TraceSink } from './trace';
import type { Prevout, TxLike } from './txTypes';

export { Transaction };

const COIN = 100_000_000n;
const MAX_MONEY = 21_000_000n * COIN;
const MAX_BLOCK_WEIGHT = 4_000_000;
const WITNESS_SCALE_FACTOR = 4;

/** Parses a raw transaction (legacy or SegWit serialization); a message for anything else. */
export function parseTransaction(hexOrBytes: string | Bytes): Result<Transaction> {
  let bytes: Bytes;
  if (typeof hexOrBytes === 'string') {
    const hex = hexOrBytes.trim();
    if (hex.length === 0) return errText('BAD_REQUEST', 'host.tx.empty');
    if (!isHex(hex)) return errText('BAD_REQUEST', 'host.tx.notHex');
    bytes = fromHex(hex);
  } else {
    bytes = hexOrBytes;
  }
  try {
    return ok(Transaction.fromBuffer(bytes));
  } catch (e) {
    const reason = e instanceof Error ? e.message : String(e);
    return errText('BAD_REQUEST', 'host.tx.undecodable', { reason });
  }
}

export const txid = (tx: Transaction): string => tx.getId();
/** The hash of the whole serialization, a coinbase's too (bitcoinjs-lib's `getHash(true)` gives a coinbase zero). */
export const wtxid = (tx: Transaction): string => hashToHex(hash256(tx.toBuffer()));

export type CheckTxError =
  | 'bad-txns-vin-empty'
  | 'bad-txns-vout-empty'
  | 'bad-txns-oversize'
  | 'bad-txns-vout-negative'
  | 'bad-txns-vout-toolarge'
  | 'bad-txns-txouttotal-toolarge'
  | 'bad-txns-inputs-duplicate'
  | 'bad-cb-length'
  | 'bad-txns-prevout-null';

function isNullPrevout(hash: Bytes, index: number): boolean {
  return index === 0xffffffff && hash.every((b) => b === 0);
}

export function isCoinbase(tx: TxLike): boolean {
  return tx.ins.length === 1 && isNullPrevout(tx.ins[0]!.hash, tx.ins[0]!.index);
}

/** Core's CheckTransaction: the checks that need no chain state (`maxMoney`: the chain's MAX_MONEY). */
export function checkTransaction(tx: Transaction, maxMoney: bigint = MAX_MONEY): CheckTxError | undefined {
  if (tx.ins.length === 0) return 'bad-txns-vin-empty';
  if (tx.outs.length === 0) return 'bad-txns-vout-empty';
  if (tx.byteLength(false) * WITNESS_SCALE_FACTOR > MAX_BLOCK_WEIGHT) return 'bad-txns-oversize';
  let total = 0n;
  for (const out of tx.outs) {
    if (out.value < 0n) return 'bad-txns-vout-negative';
    if (out.value > maxMoney) return 'bad-txns-vout-toolarge';
    total += out.value;
    if (total > maxMoney) return 'bad-txns-txouttotal-toolarge';
  }
  const seen = new Set<string>();
  for (const input of tx.ins) {
    const key = `${hashToHex(input.hash)}:${input.index}`;
    if (seen.has(key)) return 'bad-txns-inputs-duplicate';
    seen.add(key);
  }
  if (isCoinbase(tx)) {
    const size = tx.ins[0]!.script.length;
    if (size < 2 || size > 100) return 'bad-cb-length';
  } else {
    for (const input of tx.ins) if (isNullPrevout(input.hash, input.index)) return 'bad-txns-prevout-null';
  }
  return undefined;
}

export interface VerifyInputOptions {
  readonly trace?: TraceSink;
  /** Shared per-transaction hashes; with every spent output when Taproot inputs are to be checked. */
  readonly precomputed?: PrecomputedTx;
  /** Replaces the signature checker (the chain's signature cache wraps the default one). */
  readonly checker?: SignatureChecker;
}

export type InputVerdict = Result<undefined, ScriptFailure>;

export function verifyInput(
  tx: TxLike,
  inputIndex: number,
  prevout: Prevout,
  flags: number,
  options: VerifyInputOptions = {},
): InputVerdict {
  const input = tx.ins[inputIndex]!;
  // A one-input transaction's spent outputs are this prevout: Taproot needs no more.
  const precomputed = options.precomputed ?? new PrecomputedTx(tx, tx.ins.length === 1 ? [prevout] : undefined);
  const checker = options.checker ?? new TransactionSignatureChecker(tx, inputIndex, prevout.amount, precomputed);
  return verifyScript({
    scriptSig: input.script,
    scriptPubKey: prevout.scriptPubKey,
    witness: input.witness,
    flags,
    checker,
    trace: options.trace,
  });
}

/** Verifies every input; the per-input verdicts and the first failure. */
export function verifyAllInputs(
  tx: TxLike,
  prevouts: readonly Prevout[],
  flags: number,
): { ok: boolean; inputs: InputVerdict[]; firstError: ScriptFailure | undefined } {
  const precomputed = new PrecomputedTx(tx, prevouts);
  const inputs = tx.ins.map((_, i) => verifyInput(tx, i, prevouts[i]!, flags, { precomputed }));
  const firstFailure = inputs.find((v): v is Extract<InputVerdict, { ok: false }> => !v.ok);
  return { ok: !firstFailure, inputs, firstError: firstFailure?.error };
}
