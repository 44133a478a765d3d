/** Mining on one node: a template from its mempool, a coinbase paying the miner, the block processed. */
import type { Bytes } from '../bitcoin/bytes';
import { assembleBlock, type BlockRecord } from './blocks';
import type { ChainNode } from './chainNode';
import { selectTransactions } from './miner';
import { blockSubsidy } from './profiles';

export interface MineOptions {
  readonly coinbaseScript: Bytes;
  readonly minerTag: string;
  /** Block timestamp; it is raised to one second past the median time past if needed. */
  readonly time: number;
  /** Leave the mempool out (an empty block). */
  readonly empty?: boolean;
}

/** Version bits: 0x20000000 (BIP9 top bits) today; version 2 (BIP34) in the 2014 era. */
function blockVersion(node: ChainNode): number {
  return node.policy.era === 'modern' ? 0x20000000 : 2;
}

export function buildBlock(node: ChainNode, options: MineOptions): BlockRecord {
  const tip = node.tip;
  const rules = node.rules;
  const template = options.empty
    ? { txs: [], fees: 0n }
    : selectTransactions(node.mempool, { maxWeight: rules.maxBlockWeight, maxBaseSize: rules.maxBlockBaseSize });
  const height = tip.height + 1;
  return assembleBlock({
    prevHash: tip.block.hash,
    height,
    time: Math.max(options.time, tip.mtp + 1),
    version: blockVersion(node),
    coinbase: {
      value: blockSubsidy(node.profile, height) + template.fees,
      scriptPubKey: options.coinbaseScript,
      minerTag: options.minerTag,
      version: node.policy.era === 'modern' ? 2 : 1,
    },
    txs: template.txs,
    segwit: rules.segwit,
    minedBy: options.minerTag,
  });
}

/** Builds a block on the node's tip and connects it. Throws only on a bug (its own block invalid). */
export function mineOne(node: ChainNode, options: MineOptions): BlockRecord {
  const block = buildBlock(node, options);
  const result = node.processBlock(block);
  if (!result.ok) throw new Error(`the node rejected its own block: ${result.error.reason}`);
  return block;
}
