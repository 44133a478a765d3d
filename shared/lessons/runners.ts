/**
 * Every task a scenario may name, with its runner: the generic ones and each lesson's own. The
 * compiler checks this table against shared/scenario/lessonTasks.ts, so a task without a runner
 * does not build. The host looks a task up here and runs it through its LessonHost (host.ts).
 */
import type { LessonTaskName, LessonTaskParams } from '../scenario/lessonTasks';
import { GENERIC_RUNNERS } from './genericTasks';
import type { LessonTask } from './host';
import { LESSON_OWN_RUNNERS } from './index';

export const TASK_RUNNERS: { readonly [T in LessonTaskName]: LessonTask<LessonTaskParams<T>> } = {
  ...GENERIC_RUNNERS,
  ...LESSON_OWN_RUNNERS,
};
