/**
 * One node's mempool: entries with their parent/child links, the outpoints they spend, and the
 * operations policy needs (ancestors, descendants, conflicts, eviction by fee rate).
 */
import type { TxOutputLike } from '../bitcoin/txTypes';
import { inputOutpoint, outpointKey, type TxRecord } from './txRecord';

export interface MempoolEntry {
  readonly record: TxRecord;
  readonly fee: bigint;
  /** Clock time and tip height when it entered; `order` is the arrival order (first seen wins). */
  readonly time: number;
  readonly height: number;
  readonly order: number;
  readonly spends: readonly string[];
  readonly parents: Set<string>;
  readonly children: Set<string>;
}

export type RemovalReason = 'block' | 'conflict' | 'replaced' | 'evicted' | 'reorg' | 'expired';

/** Enough for a view to catch up after a full block of changes; past it, it rebuilds everything. */
const MAX_CHANGE_LOG = 20_000;

export class Mempool {
  private readonly entries = new Map<string, MempoolEntry>();
  private readonly spentBy = new Map<string, string>();
  private nextOrder = 0;
  totalVsize = 0;
  /** Counts additions and removals; `changedSince` names the transactions behind them. */
  revision = 0;
  /** Each change: the txid, and the outpoints it spends (the entry's own array, not a copy). */
  private changes: (readonly [string, readonly string[]])[] = [];
  /** The revision before `changes[0]`. */
  private changesFrom = 0;

  /**
   * The transactions added or removed since `revision` (a value this mempool had) and the ones
   * whose outputs they spend, or undefined when that is too long ago to say: views rebuild what
   * those touch instead of everything.
   */
  changedSince(revision: number): readonly string[] | undefined {
    if (revision < this.changesFrom || revision > this.revision) return undefined;
    const txids: string[] = [];
    for (let i = revision - this.changesFrom; i < this.changes.length; i++) {
      const [txid, spends] = this.changes[i]!;
      txids.push(txid);
      for (const outpoint of spends) txids.push(outpoint.slice(0, 64));
    }
    return txids;
  }

  private noteChange(txid: string, spends: readonly string[]): void {
    if (this.changes.length >= MAX_CHANGE_LOG) {
      const dropped = this.changes.length / 2;
      this.changes = this.changes.slice(dropped);
      this.changesFrom += dropped;
    }
    this.changes.push([txid, spends]);
    this.revision++;
  }

  get size(): number {
    return this.entries.size;
  }

  get(txid: string): MempoolEntry | undefined {
    return this.entries.get(txid);
  }

  has(txid: string): boolean {
    return this.entries.has(txid);
  }

  all(): IterableIterator<MempoolEntry> {
    return this.entries.values();
  }

  /** Arrival order, oldest first. */
  inArrivalOrder(): MempoolEntry[] {
    return [...this.entries.values()].sort((a, b) => a.order - b.order);
  }

  /** The mempool transaction spending an outpoint, if any. */
  spenderOf(outpoint: string): string | undefined {
    return this.spentBy.get(outpoint);
  }

  /** An output created by a mempool transaction (an unconfirmed parent's output). */
  unconfirmedOutput(txid: string, vout: number): TxOutputLike | undefined {
    return this.entries.get(txid)?.record.tx.outs[vout];
  }

  add(record: TxRecord, fee: bigint, time: number, height: number): MempoolEntry {
    const spends = record.tx.ins.map((_, i) => inputOutpoint(record.tx, i));
    const parents = new Set<string>();
    for (const outpoint of spends) {
      const parentTxid = outpoint.slice(0, 64);
      if (this.entries.has(parentTxid)) parents.add(parentTxid);
    }
    const entry: MempoolEntry = {
      record,
      fee,
      time,
      height,
      order: this.nextOrder++,
      spends,
      parents,
      children: new Set(),
    };
    this.entries.set(record.txid, entry);
    for (const outpoint of spends) this.spentBy.set(outpoint, record.txid);
    for (const parent of parents) this.entries.get(parent)!.children.add(record.txid);
    // Children already here (re-added after a reorg) get their link back.
    record.tx.outs.forEach((_, vout) => {
      const child = this.spentBy.get(outpointKey(record.txid, vout));
      if (child && child !== record.txid) {
        entry.children.add(child);
        this.entries.get(child)?.parents.add(record.txid);
      }
    });
    this.totalVsize += record.vsize;
    this.noteChange(record.txid, spends);
    return entry;
  }

  /** Removes one entry without its descendants (they are being removed too, or mined). */
  private removeOne(txid: string): MempoolEntry | undefined {
    const entry = this.entries.get(txid);
    if (!entry) return undefined;
    this.entries.delete(txid);
    for (const outpoint of entry.spends) if (this.spentBy.get(outpoint) === txid) this.spentBy.delete(outpoint);
    for (const parent of entry.parents) this.entries.get(parent)?.children.delete(txid);
    for (const child of entry.children) this.entries.get(child)?.parents.delete(txid);
    this.totalVsize -= entry.record.vsize;
    this.noteChange(txid, entry.spends);
    return entry;
  }

  /** Removes a transaction and everything that depends on it. */
  removeWithDescendants(txid: string): MempoolEntry[] {
    const removed: MempoolEntry[] = [];
    for (const id of [txid, ...this.descendants(txid)]) {
      const entry = this.removeOne(id);
      if (entry) removed.push(entry);
    }
    return removed;
  }

  /** Removes a transaction that was mined: its children stay (their parent is now confirmed). */
  removeMined(txid: string): MempoolEntry | undefined {
    return this.removeOne(txid);
  }

  ancestors(txid: string): Set<string> {
    return this.walk(txid, (e) => e.parents);
  }

  descendants(txid: string): Set<string> {
    return this.walk(txid, (e) => e.children);
  }

  private walk(txid: string, next: (e: MempoolEntry) => Set<string>): Set<string> {
    const seen = new Set<string>();
    const stack = [...(this.entries.get(txid) ? next(this.entries.get(txid)!) : [])];
    while (stack.length > 0) {
      const id = stack.pop()!;
      if (seen.has(id)) continue;
      seen.add(id);
      const entry = this.entries.get(id);
      if (entry) stack.push(...next(entry));
    }
    return seen;
  }

  /** Mempool transactions that spend an outpoint this transaction also spends. */
  directConflicts(record: TxRecord): Set<string> {
    const conflicts = new Set<string>();
    for (let i = 0; i < record.tx.ins.length; i++) {
      const spender = this.spentBy.get(inputOutpoint(record.tx, i));
      if (spender && spender !== record.txid) conflicts.add(spender);
    }
    return conflicts;
  }

  /** Fee and size of a transaction with all its mempool descendants (Core's descendant score). */
  descendantPackage(txid: string): { fee: bigint; vsize: number } {
    let fee = 0n;
    let vsize = 0;
    for (const id of [txid, ...this.descendants(txid)]) {
      const e = this.entries.get(id);
      if (e) {
        fee += e.fee;
        vsize += e.record.vsize;
      }
    }
    return { fee, vsize };
  }

  /**
   * Evicts the packages with the lowest descendant fee rate until the mempool fits, as Core's
   * TrimToSize does (scores are taken once, then evicted in order: a close approximation that
   * stays fast with tens of thousands of entries). Returns what was evicted and the highest
   * fee rate evicted (sat/vB), which becomes the mempool's minimum fee.
   */
  trimToSize(maxVsize: number): { evicted: MempoolEntry[]; maxEvictedFeeRate: number } {
    const evicted: MempoolEntry[] = [];
    let maxEvictedFeeRate = 0;
    if (this.totalVsize <= maxVsize) return { evicted, maxEvictedFeeRate };
    const scored = [...this.entries.values()].map((e) => {
      const pkg = this.descendantPackage(e.record.txid);
      return { txid: e.record.txid, rate: Number(pkg.fee) / pkg.vsize, order: e.order };
    });
    // Lowest rate first; among equals the newest goes first, so the first seen survives.
    scored.sort((a, b) => a.rate - b.rate || b.order - a.order);
    for (const { txid, rate } of scored) {
      if (this.totalVsize <= maxVsize) break;
      if (!this.entries.has(txid)) continue;
      maxEvictedFeeRate = Math.max(maxEvictedFeeRate, rate);
      evicted.push(...this.removeWithDescendants(txid));
    }
    return { evicted, maxEvictedFeeRate };
  }
}
