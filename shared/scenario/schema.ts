/**
 * Scenario file format v1 — also the shape of a saved workspace. A file carries the wallets'
 * public parts (private keys only when exported on purpose), the chains with their era and
 * policy, the chain history as replayable actions, the transaction graph, the lesson, and the
 * seed that makes all of it replay byte for byte.
 */
import { z } from 'zod';
import { METHODS, type MethodName, type MethodRequest, type ParsedRequest } from '../contract/methods';
import { graphSchema } from '../workspace/model';
import { chainActionSchema, chainConfigSchema } from './chainActions';
import { stepFocusSchema } from './focus';
import { lessonTaskActionSchema } from './lessonTasks';

export const SCENARIO_FORMAT = 'txlab-scenario';
export const SCENARIO_VERSION = 1;

const text = z.object({ en: z.string().max(4_000), zh: z.string().max(4_000) }).strict();
const hex = z
  .string()
  .max(200)
  .regex(/^(?:[0-9a-f]{2})*$/);

export const walletKeySchema = z
  .object({
    purpose: z.enum(['receive', 'change', 'funding', 'revocation', 'htlc', 'swap', 'taproot']),
    index: z.number().int().min(0).max(0x7fffffff),
    label: z.string().min(1).max(40),
    publicKey: hex,
  })
  .strict();

const walletSchema = z
  .object({
    name: z.string().min(1).max(40),
    keys: z.array(walletKeySchema).max(1_000),
    /**
     * Present only when private keys were exported on purpose. Without it, a wallet's keys are
     * re-derived from the scenario seed (mock wallets), or the wallet is watch-only.
     */
    private: z
      .object({ mnemonic: z.string().max(400) })
      .strict()
      .optional(),
  })
  .strict();

const handoverSchema = z
  .object({
    keyLabel: z.string().min(1).max(40),
    publicKey: hex,
    from: z.string().min(1).max(40),
    to: z.string().min(1).max(40),
    reason: z.string().max(200),
  })
  .strict();

/** A check of a number or value a lesson task produced (`key` in the lesson's data, `path` inside it). */
export const dataCheckSchema = z
  .object({
    key: z.string().min(1).max(60),
    /** Dot path inside the data, e.g. `facts.fullestBlockTxs` or `rows.0.share`. */
    path: z
      .string()
      .max(200)
      .regex(/^[A-Za-z0-9_.-]*$/),
    min: z.number().optional(),
    max: z.number().optional(),
    equals: z.union([z.string().max(200), z.number(), z.boolean()]).optional(),
  })
  .strict();
export type DataCheck = z.infer<typeof dataCheckSchema>;

/**
 * What a lesson step may call: the edits and chain actions a person makes while following a
 * lesson, and nothing else. A file is data, so this list is closed: no call that switches or
 * replaces the workspace (it would re-enter the lesson), moves a chain to a real node (a node is
 * the user's choice, never a file's), reads or writes files, or runs console commands.
 */
export const LESSON_METHODS = [
  'tx.sign',
  'tx.broadcast',
  'chain.mine',
  'chain.advanceTime',
  'chain.setPolicy',
  'wallet.deriveKey',
  'wallet.handOver',
  'graph.connect',
  'graph.disconnect',
  'graph.setTxFields',
  'graph.setInput',
  'graph.setOutput',
  'graph.setTaprootOutput',
  'graph.setSpendPath',
  'graph.renameNode',
] as const satisfies readonly MethodName[];
export type LessonMethod = (typeof LESSON_METHODS)[number];

export function isLessonMethod(name: string): name is LessonMethod {
  return (LESSON_METHODS as readonly string[]).includes(name);
}

/** `{ call, params }` with the params checked on import by the method's own request schema. */
const lessonCallSchemas = LESSON_METHODS.map((method) =>
  z.object({ call: z.literal(method), params: METHODS[method].request }).strict(),
);
type LessonCallSchema = (typeof lessonCallSchemas)[number];
export type LessonCall = { [M in LessonMethod]: { readonly call: M; readonly params: ParsedRequest<M> } }[LessonMethod];
type LessonCallInput = { [M in LessonMethod]: { readonly call: M; readonly params: MethodRequest<M> } }[LessonMethod];
const lessonCallSchema = z.discriminatedUnion(
  'call',
  lessonCallSchemas as unknown as [LessonCallSchema, ...LessonCallSchema[]],
) as unknown as z.ZodType<LessonCall, LessonCallInput>;

/**
 * A lesson action is a contract call from the list above (the same the UI makes), a lesson task
 * (lessonTasks.ts: what is not one call, such as Mallory's move or many seeded runs), or a check
 * of the outcome.
 */
export const lessonActionSchema = z.union([
  lessonCallSchema,
  lessonTaskActionSchema,
  z
    .object({
      expect: z
        .object({
          /** Satoshis per wallet and chain, with a tolerance for fees. */
          balances: z
            .record(
              z.string().max(40),
              z.partialRecord(
                z.enum(['btc', 'ltc']),
                z
                  .object({
                    value: z.string().regex(/^\d{1,16}$/),
                    tolerance: z
                      .string()
                      .regex(/^\d{1,16}$/)
                      .default('0'),
                  })
                  .strict(),
              ),
            )
            .optional(),
          /** Node status kinds (draft, signed, mempool, confirmed, conflicted, invalid, …). */
          status: z.record(z.string().max(64), z.string().max(20)).optional(),
          /** A broadcast of the step was refused with this reason (prefix match). */
          rejected: z.string().max(120).optional(),
          /** Figures a lesson task computed (reorg shares, block sizes, the malleability table). */
          data: z.array(dataCheckSchema).max(50).optional(),
        })
        .strict(),
    })
    .strict(),
]);
export type LessonAction = z.infer<typeof lessonActionSchema>;

export const lessonStepSchema = z
  .object({
    title: text,
    narration: text,
    actions: z.array(lessonActionSchema).max(200),
    focus: stepFocusSchema.optional(),
  })
  .strict();
export type LessonStep = z.infer<typeof lessonStepSchema>;

const lessonSchema = z
  .object({
    /** Each path (happy, breach, …) is its own sequence of steps. */
    paths: z.record(z.string().min(1).max(40), z.array(lessonStepSchema).max(200)),
    path: z.string().min(1).max(40),
    /** Steps of `path` already played. */
    position: z.number().int().min(0).max(200).default(0),
  })
  .strict();

export const scenarioFileSchema = z
  .object({
    format: z.literal(SCENARIO_FORMAT),
    version: z.literal(SCENARIO_VERSION),
    name: z.string().min(1).max(60),
    title: text,
    description: text.optional(),
    seed: z.number().int().min(0).max(0xffffffff),
    wallets: z.array(walletSchema).max(100),
    handovers: z.array(handoverSchema).max(1_000).default([]),
    chains: z.array(chainConfigSchema).min(1).max(2),
    history: z.array(chainActionSchema).max(200_000),
    graph: graphSchema,
    lesson: lessonSchema.optional(),
  })
  .strict();

export type ScenarioFile = z.infer<typeof scenarioFileSchema>;
