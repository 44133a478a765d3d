/**
 * Lesson tasks: things a lesson does that are not one contract call — Mallory mutating a
 * transaction, the exchange re-sending, load on a chain, many seeded runs for statistics. Each is
 * declared with a strict schema for its parameters (the generic ones here, run by
 * shared/lessons/genericTasks/; a lesson's own with their runners in shared/lessons/<name>/tasks.ts),
 * so a scenario file that names a task is checked on import like everything else.
 * Every task is deterministic from the workspace's seed.
 */
import { z } from 'zod';
import { LESSON_OWN_TASKS } from '../lessons';
import { MUTATIONS } from '../protocols/malleability';
import { chainIdSchema } from '../workspace/model';

const nodeId = z.string().min(1).max(64);
const hex = (bytes: number) => z.string().regex(new RegExp(`^[0-9a-f]{${bytes * 2}}$`));
const label = z.string().min(1).max(40);

/** Tasks any lesson may use (the engine's own moves and figures). */
const GENERIC_TASKS = {
  /** The script trace of one input as a table: the stack after every opcode. */
  trace: z.object({ node: nodeId, input: z.number().int().min(0).max(500) }).strict(),
  /** Sizes, ids and the witness discount of some nodes, side by side. */
  'compare-sizes': z.object({ key: label, nodes: z.array(nodeId).min(1).max(20) }).strict(),
  /**
   * Reads a secret (R, X) from a published transaction on the chain and fills it into another
   * draft's data item of that label: how the secret travels back in an HTLC route or a swap.
   */
  'extract-secret': z
    .object({
      from: nodeId,
      into: nodeId,
      label: z.enum(['R', 'X']),
      hash: z.union([hex(20), hex(32)]),
      hashFunction: z.enum(['hash160', 'sha256']),
    })
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
  'mine-at': z
    .object({
      chain: chainIdSchema,
      miner: z.string().min(1).max(40),
      count: z.number().int().min(1).max(100),
      settle: z.boolean().default(false),
    })
    .strict(),
  /**
   * Mallory's move: a copy of a signed draft changed without any key (malleability.ts), handed
   * to one node of the network (`via`, default the first). A copy with a new txid is added to
   * the graph as a chain transaction so its fate can be watched.
   */
  'mutate-broadcast': z
    .object({
      node: nodeId,
      input: z.number().int().min(0).max(500).default(0),
      mutation: z.enum(MUTATIONS),
      via: z.string().min(1).max(40).optional(),
    })
    .strict(),
} as const;

/** Every task a scenario may name: the generic ones above and each lesson's own (shared/lessons). */
export const LESSON_TASKS = { ...GENERIC_TASKS, ...LESSON_OWN_TASKS } as const;

export type LessonTaskName = keyof typeof LESSON_TASKS;
export type GenericTaskName = keyof typeof GENERIC_TASKS;
export type LessonTaskParams<T extends LessonTaskName> = z.output<(typeof LESSON_TASKS)[T]>;

export type LessonTaskAction = {
  [T in LessonTaskName]: { readonly run: T; readonly params: LessonTaskParams<T> };
}[LessonTaskName];
type LessonTaskActionInput = {
  [T in LessonTaskName]: { readonly run: T; readonly params: z.input<(typeof LESSON_TASKS)[T]> };
}[LessonTaskName];

const taskActions = (Object.keys(LESSON_TASKS) as LessonTaskName[]).map((name) =>
  z.object({ run: z.literal(name), params: LESSON_TASKS[name] }).strict(),
);

/** `{ run: <task>, params }`, the params checked by that task's schema. */
export const lessonTaskActionSchema = z.discriminatedUnion(
  'run',
  taskActions as unknown as [(typeof taskActions)[number]],
) as unknown as z.ZodType<LessonTaskAction, LessonTaskActionInput>;
