/**
 * Forks and reorganisations over many seeded runs of a multi-miner network. Each run mines empty
 * blocks at exponential intervals (mean ten minutes) on miners drawn by hash share; blocks reach
 * the other nodes after seeded delays, so two miners sometimes build on the same parent and one
 * branch is later abandoned. Every reorganisation any node goes through is counted by depth: how
 * many blocks it had to give up, i.e. how many confirmations a transaction in them had.
 */
import { SimClock } from '../../chain/clock';
import { defaultPolicy } from '../../chain/era';
import { SimNetwork } from '../../chain/network';
import { BTC_REGTEST } from '../../chain/profiles';
import { SeededRng } from '../../rng';
import { runToEnd, type Sliced } from './slices';

export interface ReorgParams {
  readonly runs: number;
  readonly blocksPerRun: number;
  readonly miners: readonly number[];
  readonly delay: { readonly min: number; readonly max: number };
  readonly maxDepth: number;
}

export interface ReorgStats {
  /** Blocks each node saw become part of its chain (runs × blocks × nodes). */
  readonly blocksSeen: number;
  readonly reorgs: number;
  /** reorgs by depth: index d holds the reorganisations that gave up exactly d blocks (d ≥ 1). */
  readonly byDepth: readonly number[];
  /** For k = 1 … maxDepth: the share of reorganisations deeper than k blocks. */
  readonly deeperThan: readonly number[];
  /** For k = 1 … maxDepth: the chance a block with k confirmations was still undone. */
  readonly undoneAfter: readonly number[];
}

const ANYONE_CAN_SPEND = Uint8Array.of(0x51);

export function reorgStats(seed: number, p: ReorgParams, onRun?: (done: number) => void): ReorgStats {
  return runToEnd(reorgStatsSliced(seed, p), (progress) => onRun?.(progress.done));
}

/** `reorgStats`, yielding after each run. */
export function* reorgStatsSliced(seed: number, p: ReorgParams): Sliced<ReorgStats> {
  const depths: number[] = [];
  const rng = new SeededRng(seed);
  for (let run = 0; run < p.runs; run++) {
    const runRng = rng.fork();
    const clock = new SimClock(1_700_000_000);
    const net = new SimNetwork({
      profile: BTC_REGTEST,
      policy: defaultPolicy('modern'),
      clock,
      rng: runRng.fork(),
      nodes: p.miners.map((share, i) => ({
        name: `pool-${i + 1}`,
        hashShare: share,
        coinbaseScript: ANYONE_CAN_SPEND,
      })),
      blockDelay: p.delay,
    });
    for (const node of net.nodes) node.onEvent((e) => e.type === 'reorg' && depths.push(e.depth));
    let t = clock.exact();
    for (let b = 0; b < p.blocksPerRun; b++) {
      t += runRng.exponential(BTC_REGTEST.targetSpacing);
      net.runUntil(t);
      net.mineAt(net.drawMiner(), { empty: true });
    }
    net.settle();
    yield { done: run + 1, total: p.runs };
  }
  const byDepth = Array.from({ length: p.maxDepth + 2 }, () => 0);
  for (const d of depths) byDepth[Math.min(d, p.maxDepth + 1)]!++;
  const blocksSeen = p.runs * p.blocksPerRun * p.miners.length;
  const atLeast = (k: number) => depths.filter((d) => d >= k).length;
  const ks = Array.from({ length: p.maxDepth }, (_, i) => i + 1);
  return {
    blocksSeen,
    reorgs: depths.length,
    byDepth,
    deeperThan: ks.map((k) => (depths.length === 0 ? 0 : atLeast(k + 1) / depths.length)),
    undoneAfter: ks.map((k) => atLeast(k) / blocksSeen),
  };
}
