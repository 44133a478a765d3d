/**
 * The port through which a lesson's own code — its tasks and its palette templates — reaches the
 * host. A lesson is one folder in shared/ (the builder, paths, words, tasks and templates), so it
 * cannot import the workbench, the keystore or the chains: it is handed a `LessonHost` (a task) or
 * a `TemplateContext` (a template), which main/host/lessonHost.ts makes over the workbench.
 *
 * Keys stay in the keystore: a task signs by naming a wallet (`calls['tx.sign']`), a template
 * asks for a public key by label. Randomness comes from the workspace's seed (`seed`, through
 * shared/rng.ts), so a lesson plays the same every time.
 */
import type { z } from 'zod';
import type { Bytes } from '../bitcoin/bytes';
import type { ChainNode } from '../chain/chainNode';
import type { Era } from '../chain/era';
import type { SimNetwork } from '../chain/network';
import type { ChainId } from '../chain/profiles';
import type { Handlers } from '../contract/dispatch';
import type { ContractError, Result } from '../contract/result';
import type { LessonDatum, WorkspaceView } from '../contract/views';
import type { ChainAction, ChainActionResult, ChainConfig } from '../scenario/chainActions';
import type { LessonMethod } from '../scenario/schema';
import type { Progress, Sliced } from '../scenario/tasks/slices';
import type { AssembledDraft } from '../workspace/assemble';
import type { Graph, TxDraft } from '../workspace/model';
import type { PayType } from '../workspace/payTypes';
import type { KeyPurposeName } from './types';

/** What a task reports back to the step that ran it. */
export interface TaskReport {
  readonly detail?: string;
  /** Transactions the task broadcast. */
  readonly txids?: readonly string[];
  /** Blocks the task mined. */
  readonly blocks?: readonly string[];
  /** The reason a broadcast of the task was refused (for `expect.rejected`). */
  readonly rejection?: string;
}

/** A simulated chain's network and the node the workbench shows (the first). */
export interface SimulatedChainView {
  readonly network: SimNetwork;
  readonly primary: ChainNode;
}

/**
 * Statistics a task computes on sandbox chains: a pure function of the seed, the chains' set-up
 * and its parameters, in slices. The host may compute it ahead when the lesson opens; `key`
 * names the result.
 */
export interface SandboxJob<T> {
  readonly key: string;
  readonly make: () => Sliced<T>;
}

/**
 * How a sandbox says it cannot go on: the host turns this into a refusal (a file's parameters, not
 * a bug, led there). It carries that refusal (`errText`, `errWithin`), so its words stay the catalogue's.
 */
export class SandboxFailed extends Error {
  readonly refusal: { readonly ok: false; readonly error: ContractError };
  constructor(refusal: Result<never>) {
    const error: ContractError = refusal.ok ? { code: 'INTERNAL', message: 'sandbox failed' } : refusal.error;
    super(error.message);
    this.name = 'SandboxFailed';
    this.refusal = { ok: false, error };
  }
}

export interface LessonHost {
  /** The workspace's seed: every random choice of a task comes from a SeededRng made from it. */
  readonly seed: number;
  /** The contract calls a task makes, as a person would (sign with a wallet, broadcast, mine, trace). */
  readonly calls: Pick<Handlers, LessonMethod | 'tx.debug'>;
  graph(): Graph;
  /** Replaces the graph as one undo step. */
  editGraph(graph: Graph): void;
  /** An id no node of the graph has, made from `base`. */
  freeId(base: string): string;
  /** The chain's set-up in the workspace document. */
  chainConfig(chain: ChainId): ChainConfig | undefined;
  /** The chain if it is simulated (tasks that need several simulated nodes). */
  simulated(chain: ChainId): SimulatedChainView | undefined;
  findTransaction(chain: ChainId, txid: string): { readonly hex: string; readonly bytes: Uint8Array } | undefined;
  /** Applies a chain action through the workbench, so the workspace's history replays it. */
  applyChain(action: ChainAction): Promise<ChainActionResult>;
  /** The public key of `wallet`'s derived key labelled `label`, if it has one. */
  publicKey(wallet: string, label: string): Bytes | undefined;
  /** The output script paying the Miner wallet on `chain` (hex). */
  minerScript(chain: ChainId): Promise<Result<string>>;
  view(): WorkspaceView;
  /** Every draft of the graph assembled into a transaction. */
  assembled(): ReadonlyMap<string, AssembledDraft>;
  /** The lesson step being played (0-based), if a lesson is open. */
  lessonPosition(): number | undefined;
  lessonData(key: string): LessonDatum | undefined;
  /** Shows a table or chart in the lesson panel, under `key`. */
  showLessonData(key: string, datum: LessonDatum): void;
  /** Announces a change (the page fetches the view again). */
  changed(): void;
  /** Between two units of work: lets the host answer; throws once the user cancelled. */
  tick(): Promise<void>;
  progress(report: { readonly task: string; readonly done: number; readonly total: number }): void;
  /** Ends the task as cancelled by the user (what was done stays recorded). */
  cancelled(): never;
  /** The job's result: computed ahead, being computed, or computed now in slices. */
  sandbox<T>(job: SandboxJob<T>, onProgress?: (p: Progress) => void): Promise<T>;
}

/** The part of a scenario file a task's rules and cost depend on: its chains' set-up. */
export interface TaskFile {
  readonly chains: readonly ChainConfig[];
}

/** What a sandbox job may start from: the workspace's seed and its chains' set-up. */
interface SandboxSetup extends TaskFile {
  readonly seed: number;
}

/**
 * How the host runs one task, and the statistics it may compute ahead in the background; for a
 * lesson's own task also what it costs and the rules a file's use of it must keep, so that a
 * file naming it is checked before anything runs.
 */
export interface LessonTask<P> {
  run(host: LessonHost, params: P): Promise<Result<TaskReport>> | Result<TaskReport>;
  sandbox?(setup: SandboxSetup, params: P): SandboxJob<unknown> | undefined;
  /**
   * Its work in milliseconds on the reference machine (shared/scenario/budget.ts), `view`
   * included (a call's fixed part and the view it rebuilds); without it, `view` and a little.
   */
  cost?(params: P, file: TaskFile, view: number): number;
  /** Rules across the file's fields (shared/scenario/validate.ts); `at` is the JSON path of `params`. */
  check?(params: P, file: TaskFile, at: string): Result<true>;
}

/** A lesson's own task: the schema of its parameters (checked when a file is read) and how it runs. */
export interface OwnTask<S extends z.ZodType> extends LessonTask<z.output<S>> {
  readonly params: S;
}

export function ownTask<S extends z.ZodType>(params: S, task: LessonTask<z.output<S>>): OwnTask<S> {
  return { params, ...task };
}

/** What a palette template may ask of the host: the chain it is built for, and wallets' public keys. */
export interface TemplateContext {
  readonly chain: ChainId;
  readonly era: Era;
  /** The chain's clock: time locks default to "three days from now" and the like. */
  readonly time: number;
  /** The key labelled `label` in `wallet`, derived (with that label) the first time it is asked for. */
  publicKey(wallet: string, purpose: KeyPurposeName, label: string): Promise<Result<Bytes>>;
}

export interface NodeTemplate {
  readonly id: string;
  /** Default node label (the seed's name for protocol transactions). */
  readonly label: string;
  /** A payment's own address type: its outputs pay wallets in it unless told otherwise. */
  readonly payType?: PayType;
  build(
    ctx: TemplateContext,
    params: Readonly<Record<string, unknown>>,
  ): Promise<Result<{ label?: string; tx: TxDraft }>>;
}
