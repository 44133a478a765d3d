/** The throughput-finality lesson's own tasks: a crowd filling blocks, and the depths of reorganisations. */
import { z } from 'zod';
import { type OwnTask, ownTask } from '../host';
import { reorgJob, reorgStatsTask } from './reorgs';
import { throughputJob, throughputTask } from './throughput';

/** Blocks filled by a crowd of ~225-byte payments at a fee market, on a sandbox chain. */
const throughputParams = z
  .object({
    /** Transactions per second arriving (the 2014 chain confirms about 7). */
    arrivalTps: z.number().min(0.5).max(20),
    blocks: z.number().int().min(1).max(12),
    /** Payments already waiting when the first block of the run is mined. */
    backlog: z.number().int().min(0).max(20_000),
    /** Fee rates (sat/vB) the crowd picks from, uniformly. */
    feeRates: z.array(z.number().int().min(1).max(1000)).min(1).max(12),
  })
  .strict();
export type ThroughputParams = z.output<typeof throughputParams>;

/** Many seeded runs of a slow multi-miner network: how deep its reorganisations go. */
const reorgStatsParams = z
  .object({
    runs: z.number().int().min(1).max(2000),
    blocksPerRun: z.number().int().min(10).max(2000),
    miners: z.array(z.number().min(0.01).max(1)).min(2).max(8),
    /** Block propagation delay range in seconds: slow on purpose, so forks happen often enough to see. */
    delay: z.object({ min: z.number().min(0).max(600), max: z.number().min(0).max(600) }).strict(),
    maxDepth: z.number().int().min(1).max(12).default(6),
  })
  .strict();
export type ReorgStatsParams = z.output<typeof reorgStatsParams>;

/** One payment of the throughput crowd: built, signed, accepted, mined (0.6–0.85 ms measured; budget.ts). */
const CROWD_PAYMENT_MS = 1.0;
/** One block of a reorg-statistics run, seen by one miner (0.08–0.18 ms measured). */
const REORG_BLOCK_PER_MINER_MS = 0.2;

/** Typed here, not inferred: the list's types (shared/lessons/index.ts) are made from this one. */
export const THROUGHPUT_TASKS: {
  readonly throughput: OwnTask<typeof throughputParams>;
  readonly 'reorg-stats': OwnTask<typeof reorgStatsParams>;
} = {
  throughput: ownTask(throughputParams, {
    run: (host, p) => throughputTask(host, p),
    sandbox: (doc, p) => throughputJob(doc.seed, p),
    cost: (p, _file, view) => view + 150 + (p.backlog + p.arrivalTps * 600 * p.blocks) * CROWD_PAYMENT_MS,
  }),
  'reorg-stats': ownTask(reorgStatsParams, {
    run: (host, p) => reorgStatsTask(host, p),
    sandbox: (doc, p) => reorgJob(doc.seed, p),
    cost: (p, _file, view) => view + p.runs * p.blocksPerRun * p.miners.length * REORG_BLOCK_PER_MINER_MS,
  }),
};
