/**
 * What changed on each chain since the last time a reader looked: the transactions blocks and
 * mempool changes named (and the ones whose outputs they spend), whether the clock moved, or
 * that everything is to be read again (a reorg, a new policy, too much to follow). Node views
 * and assembly use it to redo only what a chain change reaches.
 */
import { hashToHex } from '../../shared/bitcoin/bytes';
import { policyFlags } from '../../shared/chain/era';
import { CHAIN_IDS, type ChainId } from '../../shared/chain/profiles';
import type { ChainSet } from './chainSet';

export interface ChainChange {
  readonly all: boolean;
  readonly clockMoved: boolean;
  readonly txids: ReadonlySet<string>;
}

interface ChainMark {
  readonly tipHash: string;
  readonly height: number;
  readonly mtp: number;
  readonly flags: number;
  readonly mempoolRevision: number;
}

/** Blocks past this many since the last look: cheaper to redo the chain's nodes than to read them all. */
const MAX_FOLLOWED_BLOCKS = 200;

const EVERYTHING: ChainChange = { all: true, clockMoved: true, txids: new Set() };

export class ChainChanges {
  private chains: ChainSet | undefined;
  private readonly marks = new Map<ChainId, ChainMark>();

  /** Each chain's change since the last call (everything, for chains not seen before or a new chain set). */
  read(chains: ChainSet): Map<ChainId, ChainChange> {
    if (chains !== this.chains) {
      this.marks.clear();
      this.chains = chains;
    }
    const changes = new Map<ChainId, ChainChange>();
    for (const id of CHAIN_IDS) {
      const node = chains.get(id)?.primary;
      if (!node) continue;
      const mark: ChainMark = {
        tipHash: node.tip.block.hash,
        height: node.height,
        mtp: node.tip.mtp,
        flags: policyFlags(node.policy, node.profile.rules),
        mempoolRevision: node.mempool.revision,
      };
      const before = this.marks.get(id);
      this.marks.set(id, mark);
      if (!before || before.flags !== mark.flags) {
        changes.set(id, EVERYTHING);
        continue;
      }
      const txids = new Set<string>();
      let all = false;
      if (before.tipHash !== mark.tipHash) {
        // Blocks added on top of the old tip: their transactions and what they spend. Anything else is a reorg.
        const extends_ = mark.height > before.height && node.blockAt(before.height)?.block.hash === before.tipHash;
        if (!extends_ || mark.height - before.height > MAX_FOLLOWED_BLOCKS) all = true;
        else {
          for (let h = before.height + 1; h <= mark.height; h++) {
            for (const [i, t] of node.blockAt(h)!.block.txs.entries()) {
              txids.add(t.txid);
              // A coinbase spends nothing: its null prevout would name every coinbase on the canvas.
              if (i > 0) for (const input of t.tx.ins) txids.add(hashToHex(input.hash));
            }
          }
        }
      }
      if (!all && before.mempoolRevision !== mark.mempoolRevision) {
        const changed = node.mempool.changedSince(before.mempoolRevision);
        if (!changed) all = true;
        else for (const txid of changed) txids.add(txid);
      }
      changes.set(id, { all, clockMoved: before.height !== mark.height || before.mtp !== mark.mtp, txids });
    }
    return changes;
  }
}
