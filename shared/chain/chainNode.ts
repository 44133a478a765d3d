/**
 * One node's view of a chain: its block tree and active chain, UTXO set, mempool and caches.
 * Blocks come from its own miner or from peers; the node always follows the most-work valid
 * chain, reorganising when a longer branch appears, as Core's ActivateBestChain does.
 */
import { fail, ok, type Result } from '../contract/result';
import { type BlockRecord, genesisBlock } from './blocks';
import { BlockTree, type BlockIndexEntry, findFork } from './blockTree';
import type { ChainView } from './chainView';
import { type BlockRejection, connectBlock, disconnectBlock } from './connect';
import { CoinsView } from './coins';
import { type ChainPolicy, defaultPolicy, ERA_RULES, type EraRules } from './era';
import type { ChainEvent, ChainEventListener } from './events';
import { Mempool } from './mempool';
import { type AcceptOptions, type AcceptOutcome, checkMempoolAccept } from './mempoolAccept';
import type { ChainProfile } from './profiles';
import { SigCache } from './sigcache';
import { inputOutpoint, type TxRecord } from './txRecord';
import { isFinalTx, rejection } from './txValidation';

export interface Clock {
  now(): number;
}

export interface ChainNodeOptions {
  readonly profile: ChainProfile;
  readonly policy?: ChainPolicy;
  readonly clock: Clock;
  readonly name?: string;
  readonly sigCache?: SigCache;
}

/** Where a block the node took ended up. */
export type BlockPlacement = 'active' | 'side-branch' | 'duplicate';

export interface TxLocation {
  readonly blockHash: string;
  readonly height: number;
  readonly position: number;
}

export class ChainNode implements ChainView {
  readonly profile: ChainProfile;
  readonly name: string;
  readonly coins = new CoinsView();
  readonly mempool = new Mempool();
  readonly sigCache: SigCache;
  readonly tree = new BlockTree();
  /** Active chain by height. */
  private readonly active: BlockIndexEntry[] = [];
  private readonly txIndex = new Map<string, TxLocation>();
  private readonly spentIndex = new Map<string, string>();
  /** Last reject reason per txid, for status lookups. */
  readonly rejects = new Map<string, string>();
  private readonly listeners = new Set<ChainEventListener>();
  private minFeeRateFloor = 0;
  private currentPolicy: ChainPolicy;
  private readonly clock: Clock;

  constructor(options: ChainNodeOptions) {
    this.profile = options.profile;
    this.name = options.name ?? 'node';
    this.clock = options.clock;
    this.currentPolicy = options.policy ?? defaultPolicy('modern', options.profile.rules.replacement);
    this.sigCache = options.sigCache ?? new SigCache();
    const genesis = this.tree.insert(genesisBlock(this.profile), undefined);
    genesis.status = 'valid';
    genesis.undo = { spent: [], created: [] };
    // The genesis coinbase is not spendable (it was never added to the UTXO set in Bitcoin).
    this.active.push(genesis);
  }

  // ---- the ChainView that validation code sees ----
  get policy(): ChainPolicy {
    return this.currentPolicy;
  }
  get rules(): EraRules {
    return ERA_RULES[this.currentPolicy.era];
  }
  get height(): number {
    return this.active.length - 1;
  }
  get tip(): BlockIndexEntry {
    return this.active[this.active.length - 1]!;
  }
  mtpAt(height: number): number {
    return this.active[height]!.mtp;
  }
  now(): number {
    return this.clock.now();
  }
  spentOnChain(outpoint: string): string | undefined {
    return this.spentIndex.get(outpoint);
  }
  mempoolMinFeeRate(): number {
    return this.minFeeRateFloor;
  }

  setPolicy(policy: ChainPolicy): void {
    this.currentPolicy = policy;
  }

  onEvent(listener: ChainEventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private emit(event: ChainEvent): void {
    for (const l of this.listeners) l(event);
  }

  // ---- queries ----
  blockAt(height: number): BlockIndexEntry | undefined {
    return this.active[height];
  }
  isActive(entry: BlockIndexEntry): boolean {
    return this.active[entry.height] === entry;
  }
  locateTx(txid: string): TxLocation | undefined {
    return this.txIndex.get(txid);
  }
  confirmations(txid: string): number {
    const loc = this.txIndex.get(txid);
    return loc ? this.height - loc.height + 1 : 0;
  }
  /** The confirmed transaction that spent an outpoint on the active chain. */
  confirmedSpender(outpoint: string): string | undefined {
    return this.spentIndex.get(outpoint);
  }

  // ---- transactions ----
  acceptToMempool(record: TxRecord, options: AcceptOptions = {}): AcceptOutcome {
    const plan = checkMempoolAccept(this, record, options);
    if (!plan.ok) {
      if (!options.testOnly) {
        this.rejects.set(record.txid, plan.rejection.reason);
        this.emit({ type: 'tx-rejected', txid: record.txid, reason: plan.rejection.reason });
      }
      return plan;
    }
    if (options.testOnly) return plan;
    for (const id of plan.replaced) {
      for (const removed of this.mempool.removeWithDescendants(id)) {
        this.emit({ type: 'tx-removed', txid: removed.record.txid, reason: 'replaced', by: record.txid });
      }
    }
    this.mempool.add(record, plan.fee, this.clock.now(), this.height);
    this.rejects.delete(record.txid);
    this.emit({ type: 'tx-accepted', txid: record.txid });
    const trimmed = this.mempool.trimToSize(this.policy.maxMempoolVsize);
    if (trimmed.evicted.length > 0) {
      this.minFeeRateFloor = Math.max(this.minFeeRateFloor, trimmed.maxEvictedFeeRate + this.policy.minRelayFeeRate);
      for (const e of trimmed.evicted) this.emit({ type: 'tx-removed', txid: e.record.txid, reason: 'evicted' });
      if (trimmed.evicted.some((e) => e.record.txid === record.txid)) {
        return {
          ok: false,
          txid: record.txid,
          wtxid: record.wtxid,
          rejection: rejection('mempool full', 'reject.mempoolFull'),
        };
      }
    } else if (this.mempool.totalVsize < this.policy.maxMempoolVsize / 2) {
      this.minFeeRateFloor = 0;
    }
    return plan;
  }

  // ---- blocks ----
  /** Adds a block (from this node's miner or a peer) and follows the best chain. */
  processBlock(block: BlockRecord): Result<BlockPlacement, BlockRejection> {
    if (this.tree.get(block.hash)) return ok('duplicate');
    const prev = this.tree.get(block.header.prevHash);
    if (!prev) return this.rejectBlock(block, 'prev-blk-not-found');
    if (prev.status === 'invalid') return this.rejectBlock(block, 'bad-prevblk');
    if (block.header.time <= prev.mtp) return this.rejectBlock(block, 'time-too-old');
    const entry = this.tree.insert(block, prev);
    this.activateBestChain();
    if (entry.status === 'invalid') return fail({ reason: this.rejects.get(block.hash) ?? 'invalid' });
    return ok(this.isActive(entry) ? 'active' : 'side-branch');
  }

  private rejectBlock(block: BlockRecord, reason: string): Result<BlockPlacement, BlockRejection> {
    this.emit({ type: 'block-rejected', hash: block.hash, reason });
    return fail({ reason });
  }

  private activateBestChain(): void {
    for (;;) {
      const best = this.tree.bestCandidate();
      if (!best || best === this.tip) return;
      if (
        best.chainWork < this.tip.chainWork ||
        (best.chainWork === this.tip.chainWork && best.arrival > this.tip.arrival)
      )
        return;
      const fork = findFork(best, this.tip)!;
      const oldTip = this.tip;
      const disconnected: BlockRecord[] = [];
      while (this.tip !== fork) disconnected.push(this.disconnectTip());
      const path: BlockIndexEntry[] = [];
      for (let e: BlockIndexEntry | undefined = best; e && e !== fork; e = e.prev) path.unshift(e);
      for (const entry of path) {
        if (!this.connectTip(entry)) break;
      }
      if (disconnected.length > 0) {
        this.emit({
          type: 'reorg',
          depth: disconnected.length,
          forkHeight: fork.height,
          oldTip: oldTip.block.hash,
          newTip: this.tip.block.hash,
        });
        this.resurrect(disconnected);
      }
    }
  }

  private connectTip(entry: BlockIndexEntry): boolean {
    const result = connectBlock(this, entry);
    if (!result.ok) {
      this.tree.invalidate(entry);
      this.rejects.set(entry.block.hash, result.error.reason);
      this.emit({ type: 'block-rejected', hash: entry.block.hash, reason: result.error.reason });
      return false;
    }
    entry.status = 'valid';
    entry.undo = result.value.undo;
    this.active.push(entry);
    entry.block.txs.forEach((t, position) => {
      this.txIndex.set(t.txid, { blockHash: entry.block.hash, height: entry.height, position });
      if (position > 0) t.tx.ins.forEach((_, i) => this.spentIndex.set(result.value.spends[position - 1]![i]!, t.txid));
    });
    this.removeForBlock(entry.block);
    this.emit({
      type: 'block-connected',
      hash: entry.block.hash,
      height: entry.height,
      txids: entry.block.txs.map((t) => t.txid),
    });
    return true;
  }

  private disconnectTip(): BlockRecord {
    const entry = this.active.pop()!;
    disconnectBlock(this, entry);
    for (const [position, t] of entry.block.txs.entries()) {
      this.txIndex.delete(t.txid);
      if (position > 0) t.tx.ins.forEach((_, i) => this.spentIndex.delete(inputOutpoint(t.tx, i)));
    }
    this.emit({ type: 'block-disconnected', hash: entry.block.hash, height: entry.height });
    return entry.block;
  }

  /** Mined transactions leave the mempool; whatever spent the same coins is now conflicted. */
  private removeForBlock(block: BlockRecord): void {
    for (const t of block.txs) {
      if (this.mempool.removeMined(t.txid)) continue;
      for (let i = 0; i < t.tx.ins.length && t !== block.txs[0]; i++) {
        const outpoint = inputOutpoint(t.tx, i);
        const spender = this.mempool.spenderOf(outpoint);
        if (spender && spender !== t.txid) {
          for (const removed of this.mempool.removeWithDescendants(spender)) {
            this.emit({ type: 'tx-removed', txid: removed.record.txid, reason: 'conflict', by: t.txid });
          }
        }
      }
    }
  }

  /** After a reorg: disconnected transactions go back to the mempool if they are still valid. */
  private resurrect(blocks: readonly BlockRecord[]): void {
    const candidates = blocks
      .slice()
      .reverse()
      .flatMap((b) => b.txs.slice(1));
    for (const t of candidates) {
      if (this.txIndex.has(t.txid)) continue;
      const outcome = this.acceptToMempool(t, { bypassLimits: true });
      if (!outcome.ok) this.emit({ type: 'tx-removed', txid: t.txid, reason: 'reorg' });
    }
    // Core's removeForReorg: drop what is no longer final or spends a coinbase that is now immature.
    const cutoff = this.rules.csv ? this.mtpAt(this.height) : this.now();
    for (const e of this.mempool.inArrivalOrder()) {
      if (!this.mempool.has(e.record.txid)) continue;
      const immature = e.spends.some((o) => {
        const coin = this.coins.get(o);
        return coin?.coinbase === true && this.height + 1 - coin.height < this.profile.coinbaseMaturity;
      });
      if (immature || !isFinalTx(e.record.tx, this.height + 1, cutoff)) {
        for (const removed of this.mempool.removeWithDescendants(e.record.txid)) {
          this.emit({ type: 'tx-removed', txid: removed.record.txid, reason: 'reorg' });
        }
      }
    }
  }
}
