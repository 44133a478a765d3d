/** The tasks any lesson may use (their schemas: shared/scenario/lessonTasks.ts), as the host runs them. */
import type { GenericTaskName, LessonTaskParams } from '../../scenario/lessonTasks';
import type { LessonTask } from '../host';
import { compareSizesTask, extractSecretTask, mineAtTask, recordPointTask, traceTask } from './basic';
import { mutateBroadcastTask } from './mutateBroadcast';

export const GENERIC_RUNNERS: { readonly [T in GenericTaskName]: LessonTask<LessonTaskParams<T>> } = {
  trace: { run: (host, p) => traceTask(host, p) },
  'compare-sizes': { run: (host, p) => compareSizesTask(host, p) },
  'extract-secret': { run: (host, p) => extractSecretTask(host, p) },
  'record-point': { run: (host, p) => recordPointTask(host, p) },
  'mine-at': { run: (host, p) => mineAtTask(host, p) },
  'mutate-broadcast': { run: (host, p) => mutateBroadcastTask(host, p) },
};
