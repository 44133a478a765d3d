/**
 * A chain played on the simulator: one simulated network (a single node unless a lesson adds
 * peers and miners) with its own clock and a fork of the workspace's seeded RNG.
 */
import { fromHex } from '../../shared/bitcoin/bytes';
import { parseTransaction } from '../../shared/bitcoin/transaction';
import type { ChainNode } from '../../shared/chain/chainNode';
import type { SimClock } from '../../shared/chain/clock';
import { type ChainPolicy, defaultPolicy, type Era, POLICY_RULES, type PolicyRule } from '../../shared/chain/era';
import type { SimNetwork } from '../../shared/chain/network';
import type { ChainId, ChainProfile } from '../../shared/chain/profiles';
import { txRecord } from '../../shared/chain/txRecord';
import { failedText } from '../../shared/contract/result';
import type { ChainAction, ChainActionResult, ChainConfig } from '../../shared/scenario/chainActions';
import type { ChainBackend, ChainPlace } from './chainBackend';
import { Cancelled, UNCANCELLABLE, type WorkContext } from './work';

export class SimulatedChain implements ChainBackend {
  readonly kind = 'simulated' as const;
  readonly name = 'simulator';
  /** The node the workbench shows and wallets talk to. */
  readonly primary: ChainNode;

  constructor(
    readonly id: ChainId,
    readonly network: SimNetwork,
    readonly clock: SimClock,
  ) {
    this.primary = network.nodes[0]!;
  }

  describe(): ChainPlace {
    return { nodes: this.network.nodes.map((node) => ({ name: node.name, node })) };
  }

  apply(
    action: ChainAction,
    onProgress?: (done: number, total: number) => void,
    work: WorkContext = UNCANCELLABLE,
  ): Promise<ChainActionResult> {
    return action.op === 'mine'
      ? mineInSlices(this, action, work, onProgress)
      : Promise.resolve(applySimulated(this, action, onProgress));
  }

  /** The same, synchronously (setting up built-ins, sandboxes). */
  applySync(action: ChainAction, onProgress?: (done: number, total: number) => void): ChainActionResult {
    return applySimulated(this, action, onProgress);
  }

  /**
   * `setmocktime` (txlab rpc): the clock stands at `time` and mining no longer moves it, as on a
   * Core node with a mock time: each block's time is then the larger of it and the tip's median
   * time past + 1 (Core's UpdateTime, miner.cpp:31). False if `time` is before the clock: it only moves forward.
   * Not a chain action: a workspace's saved history never holds it.
   */
  setMockTime(time: number): boolean {
    if (time < this.clock.exact()) return false;
    this.network.runUntil(time);
    this.mocked = true;
    return true;
  }

  /** Whether setMockTime stopped the clock. */
  mocked = false;

  /** A simulated history is always replayed: there is nothing to follow. */
  resumeAfter(): void {}

  async close(): Promise<void> {}
}

export function policyFor(
  config: Pick<ChainConfig, 'era' | 'rules' | 'rbf'>,
  profile: ChainProfile,
  base?: ChainPolicy,
): ChainPolicy {
  const era: Era = config.era;
  const start = base && base.era === era ? base : defaultPolicy(era, profile.rules.replacement);
  const rules = { ...start.rules } as Record<PolicyRule, boolean>;
  for (const rule of POLICY_RULES) if (config.rules?.[rule] !== undefined) rules[rule] = config.rules[rule]!;
  return { ...start, era, rules, rbf: config.rbf ?? start.rbf };
}

/** Why `name` cannot be used on this network, or undefined: a file may name anything. */
function unknownNode(
  network: SimNetwork,
  name: string | undefined,
): Extract<ChainActionResult, { op: 'failed' }> | undefined {
  if (name === undefined || network.specs.some((s) => s.name === name)) return undefined;
  return failedText('host.networkNoPeer', { peer: name, peers: network.specs.map((s) => s.name).join(', ') });
}

/** Why the network cannot mine `action`'s blocks, or undefined. */
function cannotMine(
  network: SimNetwork,
  action: Extract<ChainAction, { op: 'mine' }>,
): Extract<ChainActionResult, { op: 'failed' }> | undefined {
  const unknown = unknownNode(network, action.miner);
  if (unknown) return unknown;
  if (action.miner || network.nodes.length === 1 || network.specs.some((s) => (s.hashShare ?? 0) > 0)) return undefined;
  return failedText('host.noMinerInNetwork');
}

/** Mines one block of `action` (the finder drawn from the seed unless named). */
function mineOneBlock(chain: SimulatedChain, action: Extract<ChainAction, { op: 'mine' }>): string {
  const { network, clock } = chain;
  if (!chain.mocked) clock.advance(chain.primary.profile.targetSpacing);
  const miner = action.miner ? network.indexOf(action.miner) : network.nodes.length === 1 ? 0 : network.drawMiner();
  const hash = network.mineAt(miner, { coinbaseScript: fromHex(action.script) }).hash;
  if (action.settle !== false) network.settle();
  return hash;
}

function applySimulated(
  chain: SimulatedChain,
  action: ChainAction,
  onProgress?: (done: number, total: number) => void,
): ChainActionResult {
  const { network, clock } = chain;
  switch (action.op) {
    case 'mine': {
      const problem = cannotMine(network, action);
      if (problem) return problem;
      const hashes: string[] = [];
      for (let i = 0; i < action.count; i++) {
        hashes.push(mineOneBlock(chain, action));
        if (onProgress && (i % 25 === 24 || i === action.count - 1)) onProgress(i + 1, action.count);
      }
      return { op: 'mine', hashes };
    }
    case 'advanceTime':
      network.runUntil(clock.exact() + action.seconds);
      return { op: 'other' };
    case 'setPolicy': {
      const current = chain.primary.policy;
      network.setPolicy(
        policyFor(
          { era: action.era ?? current.era, rules: action.rules, rbf: action.rbf },
          chain.primary.profile,
          current,
        ),
      );
      return { op: 'other' };
    }
    case 'broadcast': {
      const unknown = unknownNode(network, action.via);
      if (unknown) return unknown;
      const parsed = parseTransaction(action.hex);
      if (!parsed.ok) {
        const { message, text } = parsed.error;
        return { op: 'failed', message, ...(text ? { text } : {}) };
      }
      const via = action.via ? network.indexOf(action.via) : 0;
      return { op: 'broadcast', outcome: network.submit(via, txRecord(parsed.value)) };
    }
    case 'settle':
      network.settle();
      return { op: 'other' };
  }
}

/**
 * Mining in slices (work.ts): the host keeps answering while a thousand blocks are found, and a
 * cancel stops after the current block, keeping the blocks already mined.
 */
async function mineInSlices(
  chain: SimulatedChain,
  action: Extract<ChainAction, { op: 'mine' }>,
  work: WorkContext,
  onProgress?: (done: number, total: number) => void,
): Promise<ChainActionResult> {
  const problem = cannotMine(chain.network, action);
  if (problem) return problem;
  const hashes: string[] = [];
  for (let i = 0; i < action.count; i++) {
    try {
      await work.tick();
    } catch (e) {
      if (e instanceof Cancelled) return { op: 'mine', hashes, cancelled: true };
      throw e;
    }
    hashes.push(mineOneBlock(chain, action));
    if (onProgress && (i % 25 === 24 || i === action.count - 1)) onProgress(i + 1, action.count);
  }
  return { op: 'mine', hashes };
}
