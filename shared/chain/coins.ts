/**
 * The UTXO set of one node's active chain, with an index by output script (for wallet balances)
 * and undo data so that blocks can be disconnected in a reorganisation.
 */
import { toHex } from '../bitcoin/bytes';
import type { TxOutputLike } from '../bitcoin/txTypes';

export interface Coin {
  readonly output: TxOutputLike;
  readonly height: number;
  readonly coinbase: boolean;
}

/** What a block spent, in order, so that disconnecting it can put the coins back. */
export interface BlockUndo {
  readonly spent: readonly (readonly [outpoint: string, coin: Coin])[];
  readonly created: readonly string[];
}

export class CoinsView {
  private readonly coins = new Map<string, Coin>();
  private readonly byScript = new Map<string, Set<string>>();

  get size(): number {
    return this.coins.size;
  }

  get(outpoint: string): Coin | undefined {
    return this.coins.get(outpoint);
  }

  has(outpoint: string): boolean {
    return this.coins.has(outpoint);
  }

  add(outpoint: string, coin: Coin): void {
    this.coins.set(outpoint, coin);
    const key = toHex(coin.output.script);
    let set = this.byScript.get(key);
    if (!set) this.byScript.set(key, (set = new Set()));
    set.add(outpoint);
  }

  /** Removes and returns the coin (undefined if it was not there). */
  spend(outpoint: string): Coin | undefined {
    const coin = this.coins.get(outpoint);
    if (!coin) return undefined;
    this.coins.delete(outpoint);
    const key = toHex(coin.output.script);
    const set = this.byScript.get(key);
    if (set) {
      set.delete(outpoint);
      if (set.size === 0) this.byScript.delete(key);
    }
    return coin;
  }

  /** Outpoints paying to an exact output script (hex). */
  outpointsForScript(scriptHex: string): readonly string[] {
    return [...(this.byScript.get(scriptHex) ?? [])];
  }

  entries(): IterableIterator<[string, Coin]> {
    return this.coins.entries();
  }

  /** Sum of all coins, for the value-conservation property. */
  totalValue(): bigint {
    let total = 0n;
    for (const coin of this.coins.values()) total += coin.output.value;
    return total;
  }
}
