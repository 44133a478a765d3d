/**
 * The chains of a workspace: one simulated network per chain (a single node unless a lesson adds
 * peers and miners), each with its own clock and a fork of the workspace's seeded RNG.
 */
import { toHex } from '../../shared/bitcoin/bytes';
import type { TxOutputLike } from '../../shared/bitcoin/txTypes';
import { SimClock } from '../../shared/chain/clock';
import type { ChainEvent } from '../../shared/chain/events';
import { SimNetwork } from '../../shared/chain/network';
import { type ChainId, PROFILES } from '../../shared/chain/profiles';
import { SigCache } from '../../shared/chain/sigcache';
import { outpointKey, type TxRecord } from '../../shared/chain/txRecord';
import { SeededRng } from '../../shared/rng';
import type { ChainAction, ChainActionResult, ChainConfig } from '../../shared/scenario/chainActions';
import { errText, ok, type Result } from '../../shared/contract/result';
import { type BackendChoice, type ConnectBackend, SIMULATOR_ONLY } from './backendChoice';
import type { ChainBackend } from './chainBackend';
import { policyFor, SimulatedChain } from './simulatedChain';
import { UNCANCELLABLE, type WorkContext } from './work';

/** A workspace chain: simulated (the default) or played on a real regtest node. */
export type WorkspaceChain = ChainBackend;

export class ChainSet {
  readonly chains = new Map<ChainId, WorkspaceChain>();
  private readonly sigCache = new SigCache();

  private constructor(private readonly onEvent?: (chain: ChainId, event: ChainEvent) => void) {}

  /** Simulated chains only (synchronous; what every lesson and test uses unless told otherwise). */
  static simulated(
    configs: readonly ChainConfig[],
    seed: number,
    onEvent?: (chain: ChainId, event: ChainEvent) => void,
  ): ChainSet {
    const set = new ChainSet(onEvent);
    const rng = new SeededRng(seed);
    for (const config of configs) set.addSimulated(config, rng.fork());
    return set;
  }

  /**
   * Chains with backends: a chain named in `backends` is played on a real node (TxLab starts a
   * local daemon or connects to one); the others are simulated. Forks of the RNG are drawn in
   * config order either way, so a simulated chain replays the same whatever its neighbour is.
   * A history is played from the genesis block, so a node at a URL must be fresh — unless it is in
   * `resuming`: it already holds the history (a built-in's setup just played there). `connect`
   * reaches the real nodes (the platform's: backendChoice.ts).
   */
  static async create(
    configs: readonly ChainConfig[],
    seed: number,
    onEvent?: (chain: ChainId, event: ChainEvent) => void,
    backends: BackendChoice = {},
    resuming: ReadonlySet<ChainId> = new Set(),
    connect: ConnectBackend = SIMULATOR_ONLY.connect,
  ): Promise<Result<ChainSet>> {
    const set = new ChainSet(onEvent);
    const rng = new SeededRng(seed);
    for (const config of configs) {
      const fork = rng.fork();
      const backend = backends[config.id];
      if (!backend || backend.kind === 'simulated') {
        set.addSimulated(config, fork);
        continue;
      }
      const real = await connect(config, backend);
      if (!real.ok) {
        await set.close();
        return real;
      }
      if (backend.kind === 'rpc' && real.value.primary.height > 0 && !resuming.has(config.id)) {
        await real.value.close();
        await set.close();
        return errText('INVALID_STATE', 'host.nodeNotFresh', {
          url: backend.url,
          height: real.value.primary.height,
          chain: config.id,
        });
      }
      if (onEvent) real.value.primary.onEvent((e) => onEvent(config.id, e));
      set.chains.set(config.id, real.value);
    }
    return ok(set);
  }

  private addSimulated(config: ChainConfig, rng: SeededRng): void {
    const clock = new SimClock(config.startTime);
    const specs = (config.nodes ?? [{ name: 'node', hashShare: 1 }]).map((n) => ({
      name: n.name,
      hashShare: n.hashShare ?? 0,
    }));
    const network = new SimNetwork({
      profile: PROFILES[config.id],
      policy: policyFor(config, PROFILES[config.id]),
      clock,
      rng,
      nodes: specs,
      sigCache: this.sigCache,
      ...(config.txDelay ? { txDelay: config.txDelay } : {}),
      ...(config.blockDelay ? { blockDelay: config.blockDelay } : {}),
    });
    const chain = new SimulatedChain(config.id, network, clock);
    if (this.onEvent) chain.primary.onEvent((e) => this.onEvent!(config.id, e));
    this.chains.set(config.id, chain);
  }

  get(id: ChainId): WorkspaceChain | undefined {
    return this.chains.get(id);
  }

  /** The chain if it is simulated (lesson tasks that need several simulated nodes ask this). */
  simulated(id: ChainId): SimulatedChain | undefined {
    const chain = this.chains.get(id);
    return chain instanceof SimulatedChain ? chain : undefined;
  }

  /** Applies one action. Refusals (a rejected broadcast) are results, not exceptions. */
  async apply(
    action: ChainAction,
    onProgress?: (done: number, total: number) => void,
    work: WorkContext = UNCANCELLABLE,
  ): Promise<ChainActionResult> {
    const chain = this.chains.get(action.chain);
    if (!chain) return { op: 'failed', message: `this workspace has no ${action.chain} chain` };
    return chain.apply(action, onProgress, work);
  }

  /** For simulated-only chain sets (setup of built-ins, sandboxes): the same, synchronously. */
  applySync(action: ChainAction, onProgress?: (done: number, total: number) => void): ChainActionResult {
    const chain = this.chains.get(action.chain);
    if (!chain) return { op: 'failed', message: `this workspace has no ${action.chain} chain` };
    if (!(chain instanceof SimulatedChain))
      return { op: 'failed', message: `${action.chain} is played on a real node; its actions are asynchronous` };
    return chain.applySync(action, onProgress);
  }

  /** Stops the daemons this set started. */
  async close(): Promise<void> {
    for (const chain of this.chains.values()) await chain.close();
  }

  /** Changes whenever a block or a mempool change could change what `lookupOutput` answers. */
  stamp(): string {
    let stamp = '';
    for (const [id, chain] of this.chains)
      stamp += `${id}:${chain.primary.tip.block.hash}:${chain.primary.mempool.revision};`;
    return stamp;
  }

  /** A confirmed, unspent or mempool output as the primary node sees it (for drafts' prevouts). */
  lookupOutput(id: ChainId, txid: string, vout: number): TxOutputLike | undefined {
    const node = this.chains.get(id)?.primary;
    if (!node) return undefined;
    const coin = node.coins.get(outpointKey(txid, vout));
    if (coin) return coin.output;
    const unconfirmed = node.mempool.unconfirmedOutput(txid, vout);
    if (unconfirmed) return unconfirmed;
    // Spent outputs of confirmed transactions are still known (drafts may show spent history).
    const loc = node.locateTx(txid);
    return loc ? node.blockAt(loc.height)?.block.txs[loc.position]?.tx.outs[vout] : undefined;
  }

  /** The raw transaction by txid from the primary node (chain or mempool). */
  findTransaction(id: ChainId, txid: string): { hex: string; bytes: Uint8Array } | undefined {
    const record = this.findRecord(id, txid);
    if (!record) return undefined;
    const bytes = record.tx.toBuffer();
    return { hex: toHex(bytes), bytes };
  }

  /** A transaction by txid from the primary node (chain or mempool). */
  findRecord(id: ChainId, txid: string): TxRecord | undefined {
    const node = this.chains.get(id)?.primary;
    if (!node) return undefined;
    const loc = node.locateTx(txid);
    return loc ? node.blockAt(loc.height)?.block.txs[loc.position] : node.mempool.get(txid)?.record;
  }
}
