/**
 * Block template assembly as Core's BlockAssembler: packages (a transaction with its not yet
 * included mempool ancestors) taken by ancestor fee rate under the block's weight (or, in the
 * 2014 era, size) limit. Parents always come before children.
 */
import type { Mempool } from './mempool';
import type { TxRecord } from './txRecord';

/** Room kept for the coinbase, as Core reserves it. */
const COINBASE_RESERVED_WEIGHT = 4_000;
const COINBASE_RESERVED_SIZE = 1_000;

export interface TemplateLimits {
  readonly maxWeight: number;
  readonly maxBaseSize: number;
  /** Leave out transactions below this fee rate (sat/vB); 0 takes everything that fits. */
  readonly minFeeRate?: number;
}

export interface Template {
  readonly txs: TxRecord[];
  readonly fees: bigint;
  readonly weight: number;
}

/** A binary max-heap of package candidates keyed by fee rate (ties: earlier arrival first). */
class CandidateHeap {
  private readonly items: { txid: string; rate: number; order: number }[] = [];
  get size(): number {
    return this.items.length;
  }
  private better(a: number, b: number): boolean {
    const x = this.items[a]!;
    const y = this.items[b]!;
    return x.rate > y.rate || (x.rate === y.rate && x.order < y.order);
  }
  push(item: { txid: string; rate: number; order: number }): void {
    this.items.push(item);
    let i = this.items.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.better(i, parent)) break;
      [this.items[i], this.items[parent]] = [this.items[parent]!, this.items[i]!];
      i = parent;
    }
  }
  pop(): { txid: string; rate: number; order: number } | undefined {
    const top = this.items[0];
    const last = this.items.pop();
    if (this.items.length > 0 && last) {
      this.items[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let best = i;
        if (l < this.items.length && this.better(l, best)) best = l;
        if (r < this.items.length && this.better(r, best)) best = r;
        if (best === i) break;
        [this.items[i], this.items[best]] = [this.items[best]!, this.items[i]!];
        i = best;
      }
    }
    return top;
  }
}

export function selectTransactions(mempool: Mempool, limits: TemplateLimits): Template {
  const included = new Set<string>();
  const txs: TxRecord[] = [];
  let weight = COINBASE_RESERVED_WEIGHT;
  let baseSize = COINBASE_RESERVED_SIZE;
  let fees = 0n;

  /** The package of `txid`: itself and its ancestors not yet in the block, parents first. */
  const packageOf = (txid: string): { ids: string[]; fee: bigint; vsize: number; weight: number; baseSize: number } => {
    const entry = mempool.get(txid)!;
    // Most transactions have no unconfirmed parent: their package is themselves.
    if (entry.parents.size === 0)
      return {
        ids: [txid],
        fee: entry.fee,
        vsize: entry.record.vsize,
        weight: entry.record.weight,
        baseSize: entry.record.baseSize,
      };
    const ids = [...mempool.ancestors(txid)].filter((id) => !included.has(id));
    ids.push(txid);
    // A parent has fewer ancestors than its child, so this order is topological (arrival order is
    // not: after a reorg a parent can re-enter the mempool after its child).
    const depth = new Map(ids.map((id) => [id, mempool.ancestors(id).size]));
    ids.sort((a, b) => depth.get(a)! - depth.get(b)!);
    let fee = 0n;
    let vsize = 0;
    let w = 0;
    let b = 0;
    for (const id of ids) {
      const e = mempool.get(id)!;
      fee += e.fee;
      vsize += e.record.vsize;
      w += e.record.weight;
      b += e.record.baseSize;
    }
    return { ids, fee, vsize, weight: w, baseSize: b };
  };

  const heap = new CandidateHeap();
  for (const entry of mempool.all()) {
    const pkg = packageOf(entry.record.txid);
    heap.push({ txid: entry.record.txid, rate: Number(pkg.fee) / pkg.vsize, order: entry.order });
  }
  const minRate = limits.minFeeRate ?? 0;
  while (heap.size > 0) {
    const candidate = heap.pop()!;
    if (included.has(candidate.txid)) continue;
    const pkg = packageOf(candidate.txid);
    const rate = Number(pkg.fee) / pkg.vsize;
    // A stale score: ancestors were included since it was pushed. Re-queue with the current one.
    if (rate !== candidate.rate) {
      heap.push({ ...candidate, rate });
      continue;
    }
    if (rate < minRate) break;
    if (weight + pkg.weight > limits.maxWeight || baseSize + pkg.baseSize > limits.maxBaseSize) continue;
    for (const id of pkg.ids) {
      const e = mempool.get(id)!;
      included.add(id);
      txs.push(e.record);
      fees += e.fee;
      // Descendants' packages shrink: give them a fresh score.
      for (const child of e.children) {
        if (!included.has(child)) {
          const childPkg = packageOf(child);
          heap.push({ txid: child, rate: Number(childPkg.fee) / childPkg.vsize, order: mempool.get(child)!.order });
        }
      }
    }
    weight += pkg.weight;
    baseSize += pkg.baseSize;
  }
  return { txs, fees, weight };
}
