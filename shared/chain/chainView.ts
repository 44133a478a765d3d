/** What validation code needs to see of a node (implemented by ChainNode). */
import type { Coin, CoinsView } from './coins';
import type { ChainPolicy, EraRules } from './era';
import type { Mempool } from './mempool';
import type { ChainProfile } from './profiles';
import type { SigCache } from './sigcache';

export interface ChainView {
  readonly profile: ChainProfile;
  readonly policy: ChainPolicy;
  readonly rules: EraRules;
  readonly coins: CoinsView;
  readonly mempool: Mempool;
  readonly sigCache: SigCache;
  /** Height of the active tip. */
  readonly height: number;
  /** Median time past of the active chain's block at a height. */
  mtpAt(height: number): number;
  /** The chain's clock (seconds); the 2014 era judges lock times against it. */
  now(): number;
  /** Was this outpoint spent on the active chain (as opposed to never existing)? */
  spentOnChain(outpoint: string): string | undefined;
  /** The mempool's current minimum fee rate in sat/vB (raised after evictions). */
  mempoolMinFeeRate(): number;
}

/** A coin as seen from the mempool: confirmed, or created by an unconfirmed parent. */
export function coinFromMempool(view: ChainView, outpoint: string): Coin | undefined {
  const confirmed = view.coins.get(outpoint);
  if (confirmed) return confirmed;
  const txid = outpoint.slice(0, 64);
  const vout = Number(outpoint.slice(65));
  const output = view.mempool.unconfirmedOutput(txid, vout);
  return output ? { output, height: view.height + 1, coinbase: false } : undefined;
}
