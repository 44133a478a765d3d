/**
 * Chain actions: everything that changes a chain, as data. A workspace keeps the list (its
 * journal); replaying it with the same seed rebuilds the same chains byte for byte, which is how
 * autosave restores a workspace and how a scenario file carries its chain history.
 */
import { z } from 'zod';
import { POLICY_RULES } from '../chain/era';
import type { AcceptOutcome } from '../chain/mempoolAccept';
import type { HostText } from '../contract/result';
import { chainIdSchema } from '../workspace/model';

const hex = z
  .string()
  .max(4_000_000)
  .regex(/^(?:[0-9a-f]{2})*$/);

export const chainActionSchema = z.discriminatedUnion('op', [
  /** Mine blocks paying `script`; with several miners the finder of each block is drawn from the seed. */
  z
    .object({
      op: z.literal('mine'),
      chain: chainIdSchema,
      count: z.number().int().min(1).max(100_000),
      script: hex,
      miner: z.string().max(40).optional(),
      /** false: the blocks stay with their miner until the network settles (a partition, so two branches can grow). */
      settle: z.boolean().optional(),
    })
    .strict(),
  z
    .object({
      op: z.literal('advanceTime'),
      chain: chainIdSchema,
      seconds: z
        .number()
        .int()
        .min(1)
        .max(10 * 365 * 86_400),
    })
    .strict(),
  z
    .object({
      op: z.literal('setPolicy'),
      chain: chainIdSchema,
      era: z.enum(['2014', 'modern']).optional(),
      rules: z.partialRecord(z.enum(POLICY_RULES), z.boolean()).optional(),
      rbf: z.enum(['off', 'opt-in', 'full']).optional(),
    })
    .strict(),
  /** A raw transaction handed to a node (`via` names it; default the first node). */
  z.object({ op: z.literal('broadcast'), chain: chainIdSchema, hex, via: z.string().max(40).optional() }).strict(),
  /** Let in-flight messages arrive (multi-node networks). */
  z.object({ op: z.literal('settle'), chain: chainIdSchema }).strict(),
]);
export type ChainAction = z.infer<typeof chainActionSchema>;

/** What applying a chain action did, on the simulator or on a real node alike. */
export type ChainActionResult =
  /** `cancelled`: stopped by the user after `hashes.length` blocks. */
  | { readonly op: 'mine'; readonly hashes: readonly string[]; readonly cancelled?: boolean }
  | { readonly op: 'broadcast'; readonly outcome: AcceptOutcome }
  | { readonly op: 'other' }
  /** `text`: the same words as a catalogue key, for the page (shared/contract/result.ts). */
  | { readonly op: 'failed'; readonly message: string; readonly text?: HostText };

const networkNodeSchema = z
  .object({ name: z.string().min(1).max(40), hashShare: z.number().min(0).max(1).default(0) })
  .strict();

/** Seconds a message takes between two nodes, drawn uniformly from [min, max]. */
const delaySchema = z
  .object({ min: z.number().min(0).max(3600), max: z.number().min(0).max(3600) })
  .strict()
  .refine((d) => d.min <= d.max, {
    error: 'min must not be above max',
    path: ['min'],
    params: { key: 'request.minAboveMax' },
  });

export const chainConfigSchema = z
  .object({
    id: chainIdSchema,
    era: z.enum(['2014', 'modern']),
    rules: z.partialRecord(z.enum(POLICY_RULES), z.boolean()).optional(),
    rbf: z.enum(['off', 'opt-in', 'full']).optional(),
    /** Unix time the chain's clock starts at. */
    startTime: z.number().int().min(1_296_688_603).max(4_000_000_000),
    /** One node by default; lessons add miners and peers. */
    nodes: z.array(networkNodeSchema).min(1).max(16).optional(),
    txDelay: delaySchema.optional(),
    blockDelay: delaySchema.optional(),
  })
  .strict();
export type ChainConfig = z.infer<typeof chainConfigSchema>;

/** 2026-01-01T00:00:00Z: lessons start on a round date so their clocks are easy to read. */
export const DEFAULT_START_TIME = 1_767_225_600;

export function defaultChainConfigs(): ChainConfig[] {
  return [
    { id: 'btc', era: 'modern', startTime: DEFAULT_START_TIME },
    { id: 'ltc', era: 'modern', startTime: DEFAULT_START_TIME },
  ];
}
