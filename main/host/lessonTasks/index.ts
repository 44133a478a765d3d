/**
 * Runs a lesson task (shared/scenario/lessonTasks.ts): the parts of a lesson that are not one
 * contract call. The runners are lesson code (shared/lessons/runners.ts: the generic ones and each
 * lesson's own); they reach the workbench through the LessonHost made here (../lessonHost.ts).
 * Tasks that change a chain go through `applyChain`, so the workspace's history replays them
 * exactly; tasks that compute statistics run on sandbox chains seeded from the workspace's seed
 * and leave their tables and charts in the lesson panel.
 */
import type { Handlers } from '../../../shared/contract/dispatch';
import type { Result } from '../../../shared/contract/result';
import { SandboxFailed, type SandboxJob, type TaskReport } from '../../../shared/lessons/host';
import { taskOf } from '../../../shared/lessons/runners';
import type { LessonTaskAction, LessonTaskName, LessonTaskParams } from '../../../shared/scenario/lessonTasks';
import type { ScenarioFile } from '../../../shared/scenario/schema';
import { lessonHost } from '../lessonHost';
import type { Workbench } from '../workbench';

export async function runLessonTask(
  bench: Workbench,
  handlers: Handlers,
  action: LessonTaskAction,
): Promise<Result<TaskReport>> {
  try {
    return await runTask(bench, handlers, action);
  } catch (e) {
    if (e instanceof SandboxFailed) return e.refusal;
    throw e;
  }
}

type ActionOf<T extends LessonTaskName> = Extract<LessonTaskAction, { run: T }>;

function runTask<T extends LessonTaskName>(
  bench: Workbench,
  handlers: Handlers,
  action: ActionOf<T>,
): Promise<Result<TaskReport>> | Result<TaskReport> {
  return taskOf<T>(action.run).run(lessonHost(bench, handlers), action.params as LessonTaskParams<T>);
}

/** The background job that computes a task's statistics ahead, if it has one (sandboxResults.ts). */
export function sandboxJobOf<T extends LessonTaskName>(
  doc: ScenarioFile,
  action: ActionOf<T>,
): SandboxJob<unknown> | undefined {
  return taskOf<T>(action.run).sandbox?.(doc, action.params as LessonTaskParams<T>);
}
