/**
 * Every task a scenario may name, with its runner: the generic ones and each lesson's own. The
 * compiler checks this table against shared/scenario/lessonTasks.ts, so a task without a runner
 * does not build. The host runs a task through its LessonHost (host.ts); the scenario checks ask
 * a lesson's task for its cost (budget.ts) and its rules (validate.ts).
 */
import type { LessonTaskName, LessonTaskParams } from '../scenario/lessonTasks';
import { GENERIC_RUNNERS } from './genericTasks';
import type { LessonTask } from './host';
import { LESSON_OWN_RUNNERS } from './index';

type Runners = { readonly [T in LessonTaskName]: LessonTask<LessonTaskParams<T>> };

let runners: Runners | undefined;

/**
 * The runner, cost and rules of the task named `name`. The table is made on first use: the
 * scenario checks import this module, and a lesson's tasks import the scenario checks, so while
 * the modules load the lessons' list may not exist yet.
 */
export function taskOf<T extends LessonTaskName>(name: T): LessonTask<LessonTaskParams<T>> {
  runners ??= { ...GENERIC_RUNNERS, ...LESSON_OWN_RUNNERS };
  return runners[name];
}
