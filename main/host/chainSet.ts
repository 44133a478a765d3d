/**
 * The chains of a workspace: one simulated network per chain (a single node unless a lesson adds
 * peers and miners), each with its own clock and a fork of the workspace's seeded RNG.
 */
import { fromHex, toHex } from '../../shared/bitcoin/bytes';
import { parseTransaction } from '../../shared/bitcoin/transaction';
import type { TxOutputLike } from '../../shared/bitcoin/txTypes';
import { ChainNode } from '../../shared/chain/chainNode';
import { SimClock } from '../../shared/chain/clock';
import { type ChainPolicy, defaultPolicy, type Era, POLICY_RULES, type PolicyRule, type RbfPolicy } from '../../shared/chain/era';
import type { ChainEvent } from '../../shared/chain/events';
import type { AcceptOutcome } from '../../shared/chain/mempoolAccept';
import { SimNetwork } from '../../shared/chain/network';
import { type ChainId, PROFILES } from '../../shared/chain/profiles';
import { SigCache } from '../../shared/chain/sigcache';
import { outpointKey, type TxRecord, txRecord } from '../../shared/chain/txRecord';
import { SeededRng } from '../../shared/rng';
import type { ChainAction, ChainConfig } from '../../shared/scenario/chainActions';

export interface SimChain {
  readonly id: ChainId;
  readonly network: SimNetwork;
  readonly clock: SimClock;
  /** The node the workbench shows and wallets talk to. */
  readonly primary: ChainNode;
}

export type ActionResult =
  | { readonly op: 'mine'; readonly hashes: readonly string[] }
  | { readonly op: 'broadcast'; readonly outcome: AcceptOutcome }
  | { readonly op: 'other' }
  | { readonly op: 'failed'; readonly message: string };

function policyFor(config: Pick<ChainConfig, 'era' | 'rules' | 'rbf'>, base?: ChainPolicy): ChainPolicy {
  const era: Era = config.era;
  const start = base && base.era === era ? base : defaultPolicy(era);
  const rules = { ...start.rules } as Record<PolicyRule, boolean>;
  for (const rule of POLICY_RULES) if (config.rules?.[rule] !== undefined) rules[rule] = config.rules[rule]!;
  return { ...start, era, rules, rbf: (config.rbf ?? start.rbf) as RbfPolicy };
}

export class ChainSet {
  readonly chains = new Map<ChainId, SimChain>();
  private readonly sigCache = new SigCache();

  constructor(
    configs: readonly ChainConfig[],
    seed: number,
    private readonly onEvent?: (chain: ChainId, event: ChainEvent) => void,
  ) {
    const rng = new SeededRng(seed);
    for (const config of configs) {
      const clock = new SimClock(config.startTime);
      const specs = (config.nodes ?? [{ name: 'node', hashShare: 1 }]).map((n) => ({ name: n.name, hashShare: n.hashShare ?? 0 }));
      const network = new SimNetwork({
        profile: PROFILES[config.id],
        policy: policyFor(config),
        clock,
        rng: rng.fork(),
        nodes: specs,
        sigCache: this.sigCache,
        ...(config.txDelay ? { txDelay: config.txDelay } : {}),
        ...(config.blockDelay ? { blockDelay: config.blockDelay } : {}),
      });
      const primary = network.nodes[0]!;
      if (onEvent) primary.onEvent((e) => onEvent(config.id, e));
      this.chains.set(config.id, { id: config.id, network, clock, primary });
    }
  }

  get(id: ChainId): SimChain | undefined {
    return this.chains.get(id);
  }

  /** Applies one action. Refusals (a rejected broadcast) are results, not exceptions. */
  apply(action: ChainAction, onProgress?: (done: number, total: number) => void): ActionResult {
    const chain = this.chains.get(action.chain);
    if (!chain) return { op: 'failed', message: `this workspace has no ${action.chain} chain` };
    const { network, clock } = chain;
    switch (action.op) {
      case 'mine': {
        const hashes: string[] = [];
        const spacing = chain.primary.profile.targetSpacing;
        for (let i = 0; i < action.count; i++) {
          clock.advance(spacing);
          const miner = action.miner ? network.indexOf(action.miner) : network.nodes.length === 1 ? 0 : network.drawMiner();
          hashes.push(network.mineAt(miner, { coinbaseScript: fromHex(action.script) }).hash);
          if (action.settle !== false) network.settle();
          if (onProgress && (i % 25 === 24 || i === action.count - 1)) onProgress(i + 1, action.count);
        }
        return { op: 'mine', hashes };
      }
      case 'advanceTime':
        network.runUntil(clock.exact() + action.seconds);
        return { op: 'other' };
      case 'setPolicy': {
        const current = chain.primary.policy;
        network.setPolicy(policyFor({ era: action.era ?? current.era, rules: action.rules, rbf: action.rbf }, current));
        return { op: 'other' };
      }
      case 'broadcast': {
        const parsed = parseTransaction(action.hex);
        if (!parsed.ok) return { op: 'failed', message: parsed.message };
        const via = action.via ? network.indexOf(action.via) : 0;
        const outcome = network.submit(via, txRecord(parsed.tx));
        return { op: 'broadcast', outcome };
      }
      case 'settle':
        network.settle();
        return { op: 'other' };
    }
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
