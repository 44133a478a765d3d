/**
 * A simulated peer-to-peer network of nodes and miners. Transactions and blocks propagate with
 * delays drawn from the scenario's seeded RNG, so two conflicting transactions can race, two
 * miners can find blocks at once, and the losing branch is reorganised away — the same way on
 * every replay of the same seed.
 */
import type { Bytes } from '../bitcoin/bytes';
import type { SeededRng } from '../rng';
import type { BlockRecord } from './blocks';
import { ChainNode } from './chainNode';
import type { SimClock } from './clock';
import type { ChainPolicy } from './era';
import type { AcceptOutcome } from './mempoolAccept';
import { buildBlock } from './mining';
import type { ChainProfile } from './profiles';
import type { SigCache } from './sigcache';
import type { TxRecord } from './txRecord';

export interface DelayRange {
  /** Seconds. */
  readonly min: number;
  readonly max: number;
}

export interface NetworkNodeSpec {
  readonly name: string;
  /** Share of the network's hash rate (0 for a node that does not mine). */
  readonly hashShare?: number;
  /** Where this node's miner pays its rewards. */
  readonly coinbaseScript?: Bytes;
}

export interface NetworkOptions {
  readonly profile: ChainProfile;
  readonly policy: ChainPolicy;
  readonly clock: SimClock;
  readonly rng: SeededRng;
  readonly nodes: readonly NetworkNodeSpec[];
  readonly txDelay?: DelayRange;
  readonly blockDelay?: DelayRange;
  /** Nodes share one signature cache (they are all in one process; verification is the same). */
  readonly sigCache?: SigCache;
}

type Delivery =
  | {
      readonly kind: 'tx';
      readonly at: number;
      readonly seq: number;
      readonly to: number;
      readonly from: number;
      readonly record: TxRecord;
    }
  | {
      readonly kind: 'block';
      readonly at: number;
      readonly seq: number;
      readonly to: number;
      readonly from: number;
      readonly block: BlockRecord;
    };

/** What a node received, when and from whom: the race the lessons show. */
export interface ArrivalLog {
  readonly node: number;
  readonly kind: 'tx' | 'block';
  readonly id: string;
  readonly at: number;
  readonly from: number;
  readonly accepted: boolean;
  readonly reason?: string;
}

export class SimNetwork {
  readonly nodes: ChainNode[];
  readonly specs: readonly NetworkNodeSpec[];
  readonly arrivals: ArrivalLog[] = [];
  private readonly queue: Delivery[] = [];
  private seq = 0;
  private readonly orphanTxs: Map<string, TxRecord>[];
  private readonly orphanBlocks: Map<string, BlockRecord>[];
  private readonly txDelay: DelayRange;
  private readonly blockDelay: DelayRange;

  constructor(private readonly options: NetworkOptions) {
    this.specs = options.nodes;
    this.nodes = options.nodes.map(
      (spec) =>
        new ChainNode({
          profile: options.profile,
          policy: options.policy,
          clock: options.clock,
          name: spec.name,
          ...(options.sigCache ? { sigCache: options.sigCache } : {}),
        }),
    );
    this.orphanTxs = this.nodes.map(() => new Map<string, TxRecord>());
    this.orphanBlocks = this.nodes.map(() => new Map<string, BlockRecord>());
    this.txDelay = options.txDelay ?? { min: 0.2, max: 2 };
    this.blockDelay = options.blockDelay ?? { min: 1, max: 10 };
  }

  get clock(): SimClock {
    return this.options.clock;
  }

  get pendingDeliveries(): number {
    return this.queue.length;
  }

  indexOf(name: string): number {
    const i = this.specs.findIndex((s) => s.name === name);
    if (i < 0) throw new Error(`no node named ${name}`);
    return i;
  }

  setPolicy(policy: ChainPolicy): void {
    for (const node of this.nodes) node.setPolicy(policy);
  }

  private draw(range: DelayRange): number {
    return range.min + this.options.rng.nextFloat() * (range.max - range.min);
  }

  private schedule(delivery: Delivery): void {
    // Keep the queue sorted by (time, sequence): binary search for the insertion point.
    let lo = 0;
    let hi = this.queue.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      const q = this.queue[mid]!;
      if (q.at < delivery.at || (q.at === delivery.at && q.seq < delivery.seq)) lo = mid + 1;
      else hi = mid;
    }
    this.queue.splice(lo, 0, delivery);
  }

  private relay(from: number, item: { kind: 'tx'; record: TxRecord } | { kind: 'block'; block: BlockRecord }): void {
    const range = item.kind === 'tx' ? this.txDelay : this.blockDelay;
    const now = this.clock.exact();
    for (let to = 0; to < this.nodes.length; to++) {
      if (to === from) continue;
      // Built field by field, not spread: a busy network relays hundreds of thousands of these.
      const at = now + this.draw(range);
      const seq = this.seq++;
      this.schedule(
        item.kind === 'tx'
          ? { kind: 'tx', at, seq, to, from, record: item.record }
          : { kind: 'block', at, seq, to, from, block: item.block },
      );
    }
  }

  /** A wallet hands a transaction to node `at`; it relays it onward if accepted. */
  submit(at: number, record: TxRecord): AcceptOutcome {
    const outcome = this.nodes[at]!.acceptToMempool(record);
    this.arrivals.push({
      node: at,
      kind: 'tx',
      id: record.txid,
      at: this.clock.exact(),
      from: at,
      accepted: outcome.ok,
      ...(outcome.ok ? {} : { reason: outcome.rejection.reason }),
    });
    if (outcome.ok) {
      this.relay(at, { kind: 'tx', record });
      this.retryOrphanTxs(at);
    }
    return outcome;
  }

  /** Node `at` finds a block on its tip now and announces it. */
  mineAt(at: number, options: { coinbaseScript?: Bytes; empty?: boolean } = {}): BlockRecord {
    const node = this.nodes[at]!;
    const coinbaseScript = options.coinbaseScript ?? this.specs[at]!.coinbaseScript;
    if (!coinbaseScript) throw new Error(`node ${this.specs[at]!.name} has no coinbase script`);
    const block = buildBlock(node, {
      coinbaseScript,
      minerTag: this.specs[at]!.name,
      time: this.clock.now(),
      ...(options.empty ? { empty: true } : {}),
    });
    const result = node.processBlock(block);
    if (!result.ok) throw new Error(`node ${node.name} rejected its own block: ${result.error.reason}`);
    this.arrivals.push({ node: at, kind: 'block', id: block.hash, at: this.clock.exact(), from: at, accepted: true });
    this.relay(at, { kind: 'block', block });
    return block;
  }

  /** Picks the next block's finder by hash share. */
  drawMiner(): number {
    const shares = this.specs.map((s) => s.hashShare ?? 0);
    const total = shares.reduce((a, b) => a + b, 0);
    if (total <= 0) throw new Error('no node in this network mines');
    let x = this.options.rng.nextFloat() * total;
    for (let i = 0; i < shares.length; i++) {
      x -= shares[i]!;
      if (x < 0) return i;
    }
    return shares.length - 1;
  }

  /** Delivers everything due by `time` (in order), moving the clock along. */
  runUntil(time: number): void {
    while (this.queue.length > 0 && this.queue[0]!.at <= time) {
      const d = this.queue.shift()!;
      this.clock.advanceTo(d.at);
      this.deliver(d);
    }
    this.clock.advanceTo(time);
  }

  /** Delivers everything still in flight. */
  settle(): void {
    while (this.queue.length > 0) {
      const d = this.queue.shift()!;
      this.clock.advanceTo(d.at);
      this.deliver(d);
    }
  }

  private deliver(d: Delivery): void {
    const node = this.nodes[d.to]!;
    if (d.kind === 'tx') {
      if (node.mempool.has(d.record.txid) || node.locateTx(d.record.txid)) return;
      const outcome = node.acceptToMempool(d.record);
      this.arrivals.push({
        node: d.to,
        kind: 'tx',
        id: d.record.txid,
        at: d.at,
        from: d.from,
        accepted: outcome.ok,
        ...(outcome.ok ? {} : { reason: outcome.rejection.reason }),
      });
      if (outcome.ok) {
        this.relay(d.to, { kind: 'tx', record: d.record });
        this.retryOrphanTxs(d.to);
      } else if (outcome.rejection.orphan) {
        this.orphanTxs[d.to]!.set(d.record.txid, d.record);
      }
      return;
    }
    if (node.tree.get(d.block.hash)) return;
    const result = node.processBlock(d.block);
    this.arrivals.push({
      node: d.to,
      kind: 'block',
      id: d.block.hash,
      at: d.at,
      from: d.from,
      accepted: result.ok,
      ...(result.ok ? {} : { reason: result.error.reason }),
    });
    if (result.ok) {
      this.relay(d.to, { kind: 'block', block: d.block });
      this.retryOrphanBlocks(d.to);
      this.retryOrphanTxs(d.to);
    } else if (result.error.reason === 'prev-blk-not-found') {
      this.orphanBlocks[d.to]!.set(d.block.hash, d.block);
    }
  }

  private retryOrphanTxs(at: number): void {
    const orphans = this.orphanTxs[at]!;
    let progress = true;
    while (progress && orphans.size > 0) {
      progress = false;
      for (const [txid, record] of orphans) {
        const outcome = this.nodes[at]!.acceptToMempool(record);
        if (outcome.ok || outcome.rejection.reason !== 'missing-inputs') orphans.delete(txid);
        if (outcome.ok) {
          progress = true;
          this.relay(at, { kind: 'tx', record });
        }
      }
    }
  }

  private retryOrphanBlocks(at: number): void {
    const orphans = this.orphanBlocks[at]!;
    let progress = true;
    while (progress && orphans.size > 0) {
      progress = false;
      for (const [hash, block] of orphans) {
        if (!this.nodes[at]!.tree.get(block.header.prevHash)) continue;
        orphans.delete(hash);
        if (this.nodes[at]!.processBlock(block).ok) {
          progress = true;
          this.relay(at, { kind: 'block', block });
        }
      }
    }
  }
}
