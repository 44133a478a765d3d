/**
 * The vocabulary built-in lessons are written in: steps (their words come from the lesson's
 * catalogues, narration.ts), the contract calls a person would make (sign, broadcast, mine …),
 * lesson tasks, and checks.
 */
import { utf8 } from '../bitcoin/bytes';
import { sha256 } from '../bitcoin/hashes';
import type { ChainId } from '../chain/profiles';
import type { MethodRequest } from '../contract/methods';
import type { NodeStatus } from '../contract/views';
import type { ProtocolResult } from '../protocols/types';
import type { DraftNode, TxDraft } from '../workspace/model';
import type { Text } from '../scenario/lessonData';
import type { LessonTaskName, LessonTaskParams } from '../scenario/lessonTasks';
import type { DataCheck, LessonAction, LessonMethod, LessonStep } from '../scenario/schema';
import { MINER_WALLET } from './types';

/**
 * What a step is about (focus.ts): the transactions it shows, or `{ nodes: [] }` for none; the
 * outputs it is about as `[node, output]`; the figures beside its narration.
 */
export interface Focus {
  readonly nodes?: readonly string[];
  readonly outputs?: readonly (readonly [string, number])[];
  readonly figures?: readonly string[];
}

export function step(title: Text, narration: Text, actions: readonly LessonAction[] = [], focus?: Focus): LessonStep {
  return {
    title,
    narration,
    actions: [...actions],
    ...(focus
      ? {
          focus: {
            ...(focus.nodes ? { nodes: [...focus.nodes] } : {}),
            ...(focus.outputs ? { outputs: focus.outputs.map(([node, output]) => ({ node, output })) } : {}),
            ...(focus.figures ? { figures: [...focus.figures] } : {}),
          },
        }
      : {}),
  };
}

/** Focus on these transactions (shorthand). */
export const on = (...nodes: string[]): Focus => ({ nodes });

/** A call of the lesson vocabulary; the file's schema fills in the defaults when it is read. */
export function call<M extends LessonMethod>(method: M, params: MethodRequest<M>): LessonAction {
  return { call: method, params } as unknown as LessonAction;
}

export const sign = (
  node: string,
  wallet: string,
  extra: { input?: number; sighashType?: number } = {},
): LessonAction => call('tx.sign', { node, wallet, ...extra });
export const broadcast = (node: string, via?: string): LessonAction =>
  call('tx.broadcast', { node, ...(via ? { via } : {}) });
/** Blocks pay the Miner wallet, so the lesson's people keep exactly what the story gives them. */
export const mine = (chain: ChainId, count: number): LessonAction =>
  call('chain.mine', { chain, count, to: { wallet: MINER_WALLET } });
export const advance = (chain: ChainId, seconds: number): LessonAction => call('chain.advanceTime', { chain, seconds });
export const handOver = (keyLabel: string, from: string, to: string, reason: string): LessonAction =>
  call('wallet.handOver', { keyId: keyLabel, from, to, reason });

export function task<T extends LessonTaskName>(run: T, params: LessonTaskParams<T>): LessonAction {
  return { run, params } as LessonAction;
}

export interface Expected {
  readonly value: bigint;
  readonly tolerance: bigint;
}

/** A balance "within fees": the amount the story says, give or take what the wallet paid in fees. */
export const about = (value: bigint, tolerance: bigint): Expected => ({ value, tolerance });

export function expectThat(e: {
  balances?: Readonly<Record<string, Partial<Record<ChainId, Expected>>>>;
  status?: Readonly<Record<string, NodeStatus['kind']>>;
  rejected?: string;
  data?: readonly DataCheck[];
}): LessonAction {
  const balances = e.balances
    ? Object.fromEntries(
        Object.entries(e.balances).map(([wallet, chains]) => [
          wallet,
          Object.fromEntries(
            Object.entries(chains).map(([chain, x]) => [
              chain,
              { value: x.value.toString(), tolerance: x.tolerance.toString() },
            ]),
          ),
        ]),
      )
    : undefined;
  return {
    expect: {
      ...(balances ? { balances } : {}),
      ...(e.status ? { status: { ...e.status } } : {}),
      ...(e.rejected !== undefined ? { rejected: e.rejected } : {}),
      ...(e.data ? { data: [...e.data] } : {}),
    },
  };
}

export const dataCheck = (
  key: string,
  path: string,
  bounds: { min?: number; max?: number; equals?: string | number | boolean },
): DataCheck => ({ key, path, ...bounds });

/** Canvas position of column `col`, row `row` (left → right in the order things happen). */
export const at = (col: number, row: number): { x: number; y: number } => ({ x: 40 + col * 320, y: 40 + row * 190 });

export function draft(
  id: string,
  chain: ChainId,
  template: string,
  position: { x: number; y: number },
  tx: TxDraft,
  label = id,
): DraftNode {
  return { kind: 'draft', id, label, chain, template, position, tx };
}

/** A built-in's own builder call failed: a bug in the scenario, not a user error. */
export function unwrap<T>(result: ProtocolResult<T>, what: string): T {
  if (!result.ok)
    throw new Error(
      `built-in scenario: ${what}: ${result.error.code} ${result.error.message}${result.error.path ? ` (${result.error.path})` : ''}`,
    );
  return result.value;
}

export const COIN = 100_000_000n;
export const HOUR = 3600;
export const DAY = 86_400;

/** A scenario's secret (R, X): 32 bytes from its seed, so a replay reveals the same one. */
export function secretFromSeed(seed: number, tag: string): Uint8Array {
  return sha256(utf8(`txlab scenario secret:${seed}:${tag}`));
}
