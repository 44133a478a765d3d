/**
 * Lesson tasks: things a lesson does that are not one contract call — Mallory mutating a
 * transaction, the exchange re-sending, load on a chain, many seeded runs for statistics. Each is
 * declared here with a strict schema for its parameters, so a scenario file that names a task
 * is checked on import like everything else; the host runs them (main/host/lessonTasks).
 * Every task is deterministic from the workspace's seed.
 */
import { z } from 'zod';
import { MUTATIONS } from '../protocols/malleability';
import { chainIdSchema } from '../workspace/model';

const nodeId = z.string().min(1).max(64);
const hex = (bytes: number) => z.string().regex(new RegExp(`^[0-9a-f]{${bytes * 2}}$`));
const label = z.string().min(1).max(40);
const sats = z.string().regex(/^[1-9]\d{0,15}$/);

export const LESSON_TASKS = {
  /** The script trace of one input as a table: the stack after every opcode. */
  trace: z.object({ node: nodeId, input: z.number().int().min(0).max(500) }).strict(),
  /** Sizes, ids and the witness discount of some nodes, side by side. */
  'compare-sizes': z.object({ key: label, nodes: z.array(nodeId).min(1).max(20) }).strict(),
  /**
   * Reads a secret (R, X) from a published transaction on the chain and fills it into another
   * draft's data item of that label: how the secret travels back in an HTLC route or a swap.
   */
  'extract-secret': z
    .object({ from: nodeId, into: nodeId, label: z.enum(['R', 'X']), hash: z.union([hex(20), hex(32)]), hashFunction: z.enum(['hash160', 'sha256']) })
    .strict(),
  /** Appends a point to a chart series (channel balances over time). */
  'record-point': z
    .object({
      key: label,
      label: z.string().min(1).max(60),
      values: z.record(z.string().min(1).max(40), z.string().regex(/^\d{1,16}$/)),
    })
    .strict(),
  /**
   * Mines on one named miner of a multi-node chain without letting the block propagate (a
   * partition), so two branches can grow at once; `settle` then joins the network again.
   */
  'mine-at': z.object({ chain: chainIdSchema, miner: z.string().min(1).max(40), count: z.number().int().min(1).max(100), settle: z.boolean().default(false) }).strict(),
  /**
   * Mallory's move: a copy of a signed draft changed without any key (malleability.ts), handed
   * to one node of the network (`via`, default the first). A copy with a new txid is added to
   * the graph as a chain transaction so its fate can be watched.
   */
  'mutate-broadcast': z
    .object({ node: nodeId, input: z.number().int().min(0).max(500).default(0), mutation: z.enum(MUTATIONS), via: z.string().min(1).max(40).optional() })
    .strict(),
  /**
   * The Mt.Gox attack on the workspace's multi-node 2014 chain, round after round: Mallory
   * withdraws, the Exchange (shared/protocols/exchange.ts) pays from its hot wallet, Mallory
   * takes the payment off her node the moment it arrives (she looks once a second), sends a
   * mutated copy to her node and to the pools she peers with, a block is mined by a pool drawn by
   * hash share, and when the copy won she complains and the exchange decides whether to pay again.
   * Runs until Mallory has won `untilSuccesses` rounds, or `maxRounds` rounds when that is 0.
   */
  'mtgox-attack': z
    .object({
      amount: sats,
      fee: sats,
      mutation: z.enum(MUTATIONS),
      tracking: z.enum(['txid', 'outputs']),
      exchangeNode: label,
      malloryNode: label,
      peers: z.array(label).min(1).max(8),
      untilSuccesses: z.number().int().min(0).max(5),
      maxRounds: z.number().int().min(1).max(50),
    })
    .strict(),
  /** The same race many times over on a sandbox copy of the network: how often does the copy win, against the odds the delays predict? */
  'malleability-odds': z
    .object({ races: z.number().int().min(10).max(2_000), amount: sats, mutation: z.enum(MUTATIONS), exchangeNode: label, malloryNode: label, peers: z.array(label).min(1).max(8) })
    .strict(),
  /** Every mutation judged by a real node under each rule, and a SegWit payment's witness mutated: the table of which still work. */
  'malleability-matrix': z.object({}).strict(),
  /** Blocks filled by a crowd of ~225-byte payments at a fee market, on a sandbox chain. */
  throughput: z
    .object({
      /** Transactions per second arriving (the 2014 chain confirms about 7). */
      arrivalTps: z.number().min(0.5).max(20),
      blocks: z.number().int().min(1).max(12),
      /** Payments already waiting when the first block of the run is mined. */
      backlog: z.number().int().min(0).max(20_000),
      /** Fee rates (sat/vB) the crowd picks from, uniformly. */
      feeRates: z.array(z.number().int().min(1).max(1000)).min(1).max(12),
    })
    .strict(),
  /** Many seeded runs of a slow multi-miner network: how deep its reorganisations go. */
  'reorg-stats': z
    .object({
      runs: z.number().int().min(1).max(2000),
      blocksPerRun: z.number().int().min(10).max(2000),
      miners: z.array(z.number().min(0.01).max(1)).min(2).max(8),
      /** Block propagation delay range in seconds: slow on purpose, so forks happen often enough to see. */
      delay: z.object({ min: z.number().min(0).max(600), max: z.number().min(0).max(600) }).strict(),
      maxDepth: z.number().int().min(1).max(12).default(6),
    })
    .strict(),
} as const;

/** The malleability-odds sandbox pays every race from the change of one 50 BTC coinbase, with this fee a race. */
export const ODDS_SANDBOX = { coin: 50n * 100_000_000n, fee: 10_000n } as const;

export type LessonTaskName = keyof typeof LESSON_TASKS;
export type LessonTaskParams<T extends LessonTaskName> = z.output<(typeof LESSON_TASKS)[T]>;

export type LessonTaskAction = { [T in LessonTaskName]: { readonly run: T; readonly params: LessonTaskParams<T> } }[LessonTaskName];
type LessonTaskActionInput = { [T in LessonTaskName]: { readonly run: T; readonly params: z.input<(typeof LESSON_TASKS)[T]> } }[LessonTaskName];

const taskActions = (Object.keys(LESSON_TASKS) as LessonTaskName[]).map((name) => z.object({ run: z.literal(name), params: LESSON_TASKS[name] }).strict());

/** `{ run: <task>, params }`, the params checked by that task's schema. */
export const lessonTaskActionSchema = z.discriminatedUnion('run', taskActions as unknown as [(typeof taskActions)[number]]) as unknown as z.ZodType<LessonTaskAction, LessonTaskActionInput>;
