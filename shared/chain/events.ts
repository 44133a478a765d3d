/** What a node reports as it changes: the host turns these into contract events. */
import type { RemovalReason } from './mempool';

export type ChainEvent =
  | {
      readonly type: 'block-connected';
      readonly hash: string;
      readonly height: number;
      readonly txids: readonly string[];
    }
  | { readonly type: 'block-disconnected'; readonly hash: string; readonly height: number }
  | {
      readonly type: 'reorg';
      readonly depth: number;
      readonly forkHeight: number;
      readonly oldTip: string;
      readonly newTip: string;
    }
  | { readonly type: 'block-rejected'; readonly hash: string; readonly reason: string }
  | { readonly type: 'tx-accepted'; readonly txid: string }
  | { readonly type: 'tx-removed'; readonly txid: string; readonly reason: RemovalReason; readonly by?: string }
  | { readonly type: 'tx-rejected'; readonly txid: string; readonly reason: string };

export type ChainEventListener = (event: ChainEvent) => void;
