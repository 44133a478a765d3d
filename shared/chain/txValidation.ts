/**
 * Checks of a transaction against chain state, shared by the mempool and block connection:
 * finality (nLockTime, BIP113), BIP68 sequence locks, input values and maturity, and scripts
 * (through the script-execution and signature caches).
 */
import {
  LOCKTIME_THRESHOLD,
  PrecomputedTx,
  SEQUENCE_FINAL,
  SEQUENCE_LOCKTIME_DISABLE_FLAG,
  SEQUENCE_LOCKTIME_MASK,
  SEQUENCE_LOCKTIME_TYPE_FLAG,
  TransactionSignatureChecker,
} from '../bitcoin/checker';
import type { ScriptFailure } from '../bitcoin/errors';
import { englishText, fail, ok, type HostText, type Result } from '../contract/result';
import type { MessageKey } from '../ui/i18n/en';
import { verifyInput } from '../bitcoin/transaction';
import type { Transaction } from '../bitcoin/transaction';
import type { Coin } from './coins';
import type { ChainProfile } from './profiles';
import type { SigCache } from './sigcache';
import type { TxRecord } from './txRecord';

/** IsFinalTx: a lock time below the height (or time) it is judged at, or every input final. */
export function isFinalTx(tx: Transaction, height: number, cutoffTime: number): boolean {
  if (tx.locktime === 0) return true;
  if (tx.locktime < (tx.locktime < LOCKTIME_THRESHOLD ? height : cutoffTime)) return true;
  return tx.ins.every((input) => input.sequence === SEQUENCE_FINAL);
}

export interface SequenceLocks {
  /** The last height and median time at which the transaction is still locked (-1: none). */
  readonly minHeight: number;
  readonly minTime: number;
}

/**
 * BIP68 CalculateSequenceLocks. `coinHeights[i]` is the height of the block that created input
 * i's coin (the next block's height for unconfirmed parents); `mtpBefore(h)` is the median
 * time past of the active chain's block at height h.
 */
export function sequenceLocks(
  tx: Transaction,
  coinHeights: readonly number[],
  mtpAt: (height: number) => number,
): SequenceLocks {
  let minHeight = -1;
  let minTime = -1;
  if (tx.version >>> 0 < 2) return { minHeight, minTime };
  tx.ins.forEach((input, i) => {
    if (input.sequence & SEQUENCE_LOCKTIME_DISABLE_FLAG) return;
    const coinHeight = coinHeights[i]!;
    const value = input.sequence & SEQUENCE_LOCKTIME_MASK;
    if (input.sequence & SEQUENCE_LOCKTIME_TYPE_FLAG) {
      // Time locks count from the median time past of the block before the coin's block, in 512 s units.
      const coinTime = mtpAt(Math.max(coinHeight - 1, 0));
      minTime = Math.max(minTime, coinTime + value * 512 - 1);
    } else {
      minHeight = Math.max(minHeight, coinHeight + value - 1);
    }
  });
  return { minHeight, minTime };
}

export function sequenceLocksSatisfied(locks: SequenceLocks, blockHeight: number, prevBlockMtp: number): boolean {
  return locks.minHeight < blockHeight && locks.minTime < prevBlockMtp;
}

/** A transaction the chain refuses: Core's reject reason and a sentence for people. */
export interface TxRejection {
  /** Core's reject reason, e.g. `bad-txns-in-belowout`. */
  readonly reason: string;
  /** TxLab's English sentence (the CLI, logs and lessons read it): `text`'s English. */
  readonly message: string;
  /** The same sentence by catalogue key, for the page; absent when a real node said it. */
  readonly text?: HostText;
}

/** A refusal in catalogue words: Core's reason, the English sentence and its key for the page. */
export function rejection(reason: string, key: MessageKey, params?: HostText['params']): TxRejection {
  const text: HostText = params ? { key, params } : { key };
  return { reason, message: englishText(text), text };
}

/** A refusal with Core's reject reason. */
export const refuse = (reason: string, key: MessageKey, params?: HostText['params']): Result<never, TxRejection> =>
  fail(rejection(reason, key, params));

/** Consensus::CheckTxInputs: maturity and amounts (the coins are known to exist). */
export function checkTxInputs(
  record: TxRecord,
  coins: readonly Coin[],
  spendHeight: number,
  profile: Pick<ChainProfile, 'coinbaseMaturity' | 'rules'>,
): Result<bigint, TxRejection> {
  const maturity = profile.coinbaseMaturity;
  let valueIn = 0n;
  for (const coin of coins) {
    if (coin.coinbase && spendHeight - coin.height < maturity) {
      return refuse('bad-txns-premature-spend-of-coinbase', 'reject.prematureCoinbase', {
        depth: spendHeight - coin.height,
        maturity,
      });
    }
    valueIn += coin.output.value;
    if (valueIn > profile.rules.maxMoney)
      return refuse('bad-txns-inputvalues-outofrange', 'reject.inputValuesOutOfRange');
  }
  let valueOut = 0n;
  for (const out of record.tx.outs) valueOut += out.value;
  if (valueIn < valueOut) {
    return refuse('bad-txns-in-belowout', 'reject.inBelowOut', {
      valueIn: valueIn.toString(),
      valueOut: valueOut.toString(),
    });
  }
  return ok(valueIn - valueOut); // the fee
}

/** The first input whose scripts failed, and how. */
export interface InputScriptFailure {
  readonly inputIndex: number;
  readonly failure: ScriptFailure;
}

const SCRIPTS_PASSED = ok(undefined);

/**
 * Verifies every input's scripts with `flags`, each checker given every spent output (a Taproot
 * signature commits to them all: Core's PrecomputedTransactionData). A transaction whose scripts already passed with
 * these flags (the script-execution cache) is not verified again. `store` adds a pass to it.
 */
export function checkInputScripts(
  record: TxRecord,
  coins: readonly Coin[],
  flags: number,
  cache: SigCache | undefined,
  store: boolean,
): Result<undefined, InputScriptFailure> {
  if (cache?.scriptsVerified(record.wtxid, flags)) return SCRIPTS_PASSED;
  const spent = coins.map((c) => ({ scriptPubKey: c.output.script, amount: c.output.value }));
  const precomputed = new PrecomputedTx(record.tx, spent);
  for (let i = 0; i < record.tx.ins.length; i++) {
    const coin = coins[i]!;
    const checker = new TransactionSignatureChecker(
      record.tx,
      i,
      coin.output.value,
      precomputed,
      cache?.verify,
      cache?.trusts,
      cache?.verifySchnorr,
    );
    const verdict = verifyInput(record.tx, i, spent[i]!, flags, { checker });
    if (!verdict.ok) return fail({ inputIndex: i, failure: verdict.error });
  }
  if (store) cache?.markScriptsVerified(record.wtxid, flags);
  return SCRIPTS_PASSED;
}
