/** The transaction shape the engine reads. bitcoinjs-lib's Transaction satisfies it. */
import type { Bytes } from './bytes';

export interface TxInputLike {
  readonly hash: Bytes;
  readonly index: number;
  readonly script: Bytes;
  readonly sequence: number;
  readonly witness: readonly Bytes[];
}

export interface TxOutputLike {
  readonly script: Bytes;
  readonly value: bigint;
}

export interface TxLike {
  readonly version: number;
  readonly locktime: number;
  readonly ins: readonly TxInputLike[];
  readonly outs: readonly TxOutputLike[];
}

/** What an input spends: the previous output's script and amount. */
export interface Prevout {
  readonly scriptPubKey: Bytes;
  readonly amount: bigint;
}
