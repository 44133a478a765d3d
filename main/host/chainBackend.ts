/**
 * One workspace chain, wherever it is played: the simulator (simulatedChain.ts) or a real
 * regtest node (main/backends/realChain.ts). The workbench, views and lessons talk to this
 * interface; only lesson tasks that need the simulator's several nodes ask for it by name
 * (ChainSet.simulated).
 */
import type { ChainNode } from '../../shared/chain/chainNode';
import type { ChainId } from '../../shared/chain/profiles';
import type { RealNodeName } from '../../shared/contract/views';
import type { ChainAction, ChainActionResult } from '../../shared/scenario/chainActions';
import type { WorkContext } from './work';

export interface ChainBackend {
  /** A real node may refuse a history made on the simulator (it never mined its coinbases). */
  readonly kind: 'simulated' | 'real';
  readonly id: ChainId;
  /** The node the workbench shows and wallets talk to (on a real backend, its mirror of the node). */
  readonly primary: ChainNode;
  /** "simulator", or the node's name, e.g. "litecoind playing Bitcoin regtest (local)". */
  readonly name: string;
  readonly clock: { now(): number; exact(): number };
  /** What the chain panel shows of where the chain runs and its nodes. */
  describe(): ChainPlace;
  /** Plays an action. Refusals (a rejected broadcast) are results, not exceptions; `work` cancels long mining. */
  apply(
    action: ChainAction,
    onProgress?: (done: number, total: number) => void,
    work?: WorkContext,
  ): Promise<ChainActionResult>;
  /** The node already held this history (a built-in's setup played there): follow it from where it is. */
  resumeAfter(actions: readonly ChainAction[]): void;
  /** Stops what this backend started (a daemon). */
  close(): Promise<void>;
}

export interface ChainPlace {
  readonly realNode?: 'local' | 'rpc';
  readonly nodes: readonly { readonly name: string; readonly node: ChainNode; readonly real?: RealNodeName }[];
}
