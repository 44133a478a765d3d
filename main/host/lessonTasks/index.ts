/**
 * Runs a lesson task (shared/scenario/lessonTasks.ts): the parts of a lesson that are not one
 * contract call. The generic tasks are here; a lesson's own are in main/lessons/<name>/tasks.ts.
 * Tasks that change a chain go through `bench.applyChain`, so the workspace's history replays
 * them exactly; tasks that compute statistics run on sandbox chains seeded from
 * the workspace's seed and leave their tables and charts in `bench.lessonData`.
 */
import type { Handlers } from '../../../shared/contract/dispatch';
import { err, type Result } from '../../../shared/contract/result';
import type { LessonTaskAction, LessonTaskName, LessonTaskParams } from '../../../shared/scenario/lessonTasks';
import type { ScenarioFile } from '../../../shared/scenario/schema';
import { lessonTaskRunners } from '../../lessons';
import type { Workbench } from '../workbench';
import { compareSizesTask, extractSecretTask, mineAtTask, recordPointTask, traceTask } from './basic';
import { mutateBroadcastTask } from './malleability';
import type { SandboxJob } from './sandboxResults';
import { SandboxFailed } from './sandboxFailed';

export interface TaskReport {
  readonly detail?: string;
  /** Transactions the task broadcast. */
  readonly txids?: readonly string[];
  /** Blocks the task mined. */
  readonly blocks?: readonly string[];
  /** The reason a broadcast of the task was refused (for `expect.rejected`). */
  readonly rejection?: string;
}

/** How the host runs one task, and the statistics it may compute ahead in the background. */
export interface LessonTask<T extends LessonTaskName> {
  run(
    bench: Workbench,
    handlers: Handlers,
    params: LessonTaskParams<T>,
  ): Promise<Result<TaskReport>> | Result<TaskReport>;
  sandbox?(doc: ScenarioFile, params: LessonTaskParams<T>): SandboxJob<unknown> | undefined;
}

export type LessonTasks<N extends LessonTaskName = LessonTaskName> = { readonly [T in N]: LessonTask<T> };

export async function runLessonTask(
  bench: Workbench,
  handlers: Handlers,
  action: LessonTaskAction,
): Promise<Result<TaskReport>> {
  try {
    return await runTask(bench, handlers, action);
  } catch (e) {
    if (e instanceof SandboxFailed) return err('INVALID_STATE', e.message);
    throw e;
  }
}

/** Tasks any lesson may use; a lesson's own are in its folder under main/lessons/. */
const GENERIC: LessonTasks<
  'trace' | 'compare-sizes' | 'extract-secret' | 'record-point' | 'mine-at' | 'mutate-broadcast'
> = {
  trace: { run: (bench, handlers, p) => traceTask(bench, handlers, p) },
  'compare-sizes': { run: (bench, _handlers, p) => compareSizesTask(bench, p) },
  'extract-secret': { run: (bench, _handlers, p) => extractSecretTask(bench, p) },
  'record-point': { run: (bench, _handlers, p) => recordPointTask(bench, p) },
  'mine-at': { run: (bench, _handlers, p) => mineAtTask(bench, p) },
  'mutate-broadcast': { run: (bench, _handlers, p) => mutateBroadcastTask(bench, p) },
};

let runners: LessonTasks | undefined;

/**
 * Every task a scenario may name has a runner: the compiler checks this object against
 * shared/scenario/lessonTasks.ts. Made on first use: the lesson modules and the host import
 * each other (main/lessons/index.ts says why that is safe).
 */
function runnerOf<T extends LessonTaskName>(name: T): LessonTask<T> {
  runners ??= { ...GENERIC, ...lessonTaskRunners() };
  return runners[name];
}

type ActionOf<T extends LessonTaskName> = Extract<LessonTaskAction, { run: T }>;

function runTask<T extends LessonTaskName>(
  bench: Workbench,
  handlers: Handlers,
  action: ActionOf<T>,
): Promise<Result<TaskReport>> | Result<TaskReport> {
  return runnerOf<T>(action.run).run(bench, handlers, action.params as LessonTaskParams<T>);
}

/** The background job that computes a task's statistics ahead, if it has one (sandboxResults.ts). */
export function sandboxJobOf<T extends LessonTaskName>(
  doc: ScenarioFile,
  action: ActionOf<T>,
): SandboxJob<unknown> | undefined {
  return runnerOf<T>(action.run).sandbox?.(doc, action.params as LessonTaskParams<T>);
}
