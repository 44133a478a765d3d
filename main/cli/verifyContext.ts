/**
 * The chain context of `txlab verify --height N --mtp T`: the checks Core's mempool makes before
 * any script runs (validation.cpp PreChecks), in its order, through the engine's own functions.
 * Heights follow Core's mempool: `--height` is the tip's height and the transaction is judged
 * for the next block (CheckFinalTx and CheckSequenceLocks use `Height()+1`, validation.cpp:221
 * and :269), with the tip's median time past as the lock-time cutoff (BIP113).
 */
import { checkTransaction, isCoinbase, type Transaction } from '../../shared/bitcoin/transaction';
import type { Prevout } from '../../shared/bitcoin/txTypes';
import type { Coin } from '../../shared/chain/coins';
import type { ChainProfile } from '../../shared/chain/profiles';
import { txRecord } from '../../shared/chain/txRecord';
import { checkTxInputs, isFinalTx, sequenceLocks, sequenceLocksSatisfied } from '../../shared/chain/txValidation';
import { fail, ok, type Result } from '../../shared/contract/result';

export interface ChainContext {
  /** The tip's height (getblockcount): the transaction is judged for block height + 1. */
  readonly height: number;
  /** The tip's median time past (getblockchaininfo's mediantime). */
  readonly mtp: number;
  readonly profile: ChainProfile;
}

/** What the chain knows of a spent coin; a coin without a height is unconfirmed (in the next block, as Core's mempool coins). */
export interface CoinContext {
  readonly height?: number | undefined;
  readonly coinbase?: boolean | undefined;
  /** The median time past of the block before the coin's block (BIP68 time locks count from it). */
  readonly mtp?: number | undefined;
}

/**
 * Core's reject reason for the first chain check the transaction fails (undefined: it passes
 * them all), or why the context is not enough to decide (a time lock on a coin without `mtp`).
 */
export function chainReason(
  tx: Transaction,
  prevouts: readonly Prevout[],
  coins: readonly CoinContext[],
  context: ChainContext,
): Result<string | undefined, string> {
  const { height, mtp, profile } = context;
  const nextHeight = height + 1;
  // PreChecks: CheckTransaction (validation.cpp:575), then a coinbase is refused (:591).
  const malformed = checkTransaction(tx, profile.rules.maxMoney);
  if (malformed) return ok(malformed);
  if (isCoinbase(tx)) return ok('coinbase');
  // CheckFinalTx with LOCKTIME_MEDIAN_TIME_PAST (validation.cpp:614).
  if (!isFinalTx(tx, nextHeight, mtp)) return ok('non-final');
  const coinHeights = coins.map((c) => c.height ?? nextHeight);
  // CheckSequenceLocks (validation.cpp:702): a time lock counts from the MTP of the block
  // before the coin's; for a coin in the next block that block is the tip.
  const known = new Map<number, number>();
  coins.forEach((c, i) => {
    if (c.mtp !== undefined) known.set(coinHeights[i]! - 1, c.mtp);
  });
  let missing: number | undefined;
  const locks = sequenceLocks(tx, coinHeights, (h) => {
    if (h >= height) return mtp;
    const at = known.get(h);
    if (at === undefined) {
      missing ??= coinHeights.findIndex((ch) => Math.max(ch - 1, 0) === h);
      return 0;
    }
    return at;
  });
  if (missing !== undefined)
    return fail(
      `prevouts[${missing}] needs "mtp" (the median time past of the block before its coin's): input ${missing} has a time-based relative lock (BIP68) on a coin confirmed below the tip`,
    );
  if (!sequenceLocksSatisfied(locks, nextHeight, mtp)) return ok('non-BIP68-final');
  // Consensus::CheckTxInputs (consensus/tx_verify.cpp:188, :201, :207), spent at the next height.
  const full: Coin[] = prevouts.map((p, i) => ({
    output: { script: p.scriptPubKey, value: p.amount },
    height: coinHeights[i]!,
    coinbase: coins[i]?.coinbase ?? false,
  }));
  const inputs = checkTxInputs(txRecord(tx), full, nextHeight, profile);
  return ok(inputs.ok ? undefined : inputs.error.reason);
}
