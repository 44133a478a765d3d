/**
 * Runs a lesson task (shared/scenario/lessonTasks.ts): the parts of a lesson that are not one
 * contract call. Tasks that change a chain go through `bench.applyChain`, so the workspace's
 * history replays them exactly; tasks that compute statistics run on sandbox chains seeded from
 * the workspace's seed and leave their tables and charts in `bench.lessonData`.
 */
import type { Handlers } from '../../../shared/contract/dispatch';
import { err, type Result } from '../../../shared/contract/result';
import type { LessonTaskAction } from '../../../shared/scenario/lessonTasks';
import type { Workbench } from '../workbench';
import { compareSizesTask, extractSecretTask, mineAtTask, recordPointTask, traceTask } from './basic';
import { mutateBroadcastTask } from './malleability';
import { mtgoxAttackTask } from './mtgox';
import { matrixTask, oddsTask } from './mtgoxOdds';
import { reorgStatsTask } from './reorgs';
import { throughputTask } from './throughput';
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

export async function runLessonTask(bench: Workbench, handlers: Handlers, action: LessonTaskAction): Promise<Result<TaskReport>> {
  try {
    return await runTask(bench, handlers, action);
  } catch (e) {
    if (e instanceof SandboxFailed) return err('INVALID_STATE', e.message);
    throw e;
  }
}

function runTask(bench: Workbench, handlers: Handlers, action: LessonTaskAction): Promise<Result<TaskReport>> | Result<TaskReport> {
  switch (action.run) {
    case 'trace':
      return traceTask(bench, handlers, action.params);
    case 'compare-sizes':
      return compareSizesTask(bench, action.params);
    case 'extract-secret':
      return extractSecretTask(bench, action.params);
    case 'record-point':
      return recordPointTask(bench, action.params);
    case 'mine-at':
      return mineAtTask(bench, action.params);
    case 'mutate-broadcast':
      return mutateBroadcastTask(bench, action.params);
    case 'mtgox-attack':
      return mtgoxAttackTask(bench, handlers, action.params);
    case 'malleability-odds':
      return oddsTask(bench, action.params);
    case 'malleability-matrix':
      return matrixTask(bench);
    case 'throughput':
      return throughputTask(bench, action.params);
    case 'reorg-stats':
      return reorgStatsTask(bench, action.params);
  }
}
