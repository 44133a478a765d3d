/**
 * Every transaction the built-in lessons produce, on every path: each lesson is played to its end
 * as `txlab run` plays it, while three watchers note each transaction once (by its serialization):
 *   - every transaction offered to any simulated node's mempool (accepted or refused, including
 *     the sandboxes of lesson tasks: the malleability odds and matrix, the throughput fillers),
 *   - every block any simulated node processes (coinbases, and blocks that lost a race),
 *   - every draft of the graph after every change (unsigned, partly and fully signed states).
 */
import { vi } from 'vitest';
import type { Transaction } from '../../../shared/bitcoin/transaction';
import type { BlockRecord } from '../../../shared/chain/blocks';
import { ChainNode } from '../../../shared/chain/chainNode';
import type { AcceptOptions } from '../../../shared/chain/mempoolAccept';
import type { TxRecord } from '../../../shared/chain/txRecord';
import { BUILTINS } from '../../../shared/lessons';
import { Workbench } from '../../../main/host/workbench';
import { play } from '../../scenarios/support';

export type Origin = 'offered' | 'block' | 'draft';

export interface BuiltinTx {
  readonly tx: Transaction;
  /** The first lesson path that produced it, and how it was seen. */
  readonly path: string;
  readonly origin: Origin;
}

export interface Collection {
  readonly transactions: readonly BuiltinTx[];
  /** Every lesson path played, with how many distinct transactions it produced (seen before or not). */
  readonly paths: ReadonlyMap<string, number>;
}

export async function collectBuiltinTransactions(): Promise<Collection> {
  const seen = new Map<string, BuiltinTx>();
  const paths = new Map<string, Set<string>>();
  let path = '';
  // The simulated nodes of one network share transaction objects: look at each object once.
  let looked = new WeakSet<Transaction>();
  const note = (tx: Transaction, origin: Origin): void => {
    if (looked.has(tx)) return;
    looked.add(tx);
    const hex = tx.toHex();
    paths.get(path)!.add(hex);
    if (!seen.has(hex)) seen.set(hex, { tx, path, origin });
  };
  // eslint-disable-next-line @typescript-eslint/unbound-method -- the original, called with .call(this) by the spy
  const accept = ChainNode.prototype.acceptToMempool;
  // eslint-disable-next-line @typescript-eslint/unbound-method -- the original, called with .call(this) by the spy
  const processBlock = ChainNode.prototype.processBlock;
  // eslint-disable-next-line @typescript-eslint/unbound-method -- the original, called with .call(this) by the spy
  const changed = Workbench.prototype.changed;
  vi.spyOn(ChainNode.prototype, 'acceptToMempool').mockImplementation(function (
    this: ChainNode,
    record: TxRecord,
    options?: AcceptOptions,
  ) {
    note(record.tx, 'offered');
    return accept.call(this, record, options);
  });
  vi.spyOn(ChainNode.prototype, 'processBlock').mockImplementation(function (this: ChainNode, block: BlockRecord) {
    for (const t of block.txs) note(t.tx, 'block');
    return processBlock.call(this, block);
  });
  vi.spyOn(Workbench.prototype, 'changed').mockImplementation(function (this: Workbench) {
    for (const assembled of this.assembled().values()) note(assembled.record.tx, 'draft');
    changed.call(this);
  });
  try {
    for (const builtin of BUILTINS) {
      for (const p of builtin.paths) {
        path = `${builtin.name}/${p}`;
        paths.set(path, new Set());
        looked = new WeakSet();
        await play(builtin.name, p);
      }
    }
  } finally {
    vi.restoreAllMocks();
  }
  return { transactions: [...seen.values()], paths: new Map([...paths].map(([p, hexes]) => [p, hexes.size])) };
}
