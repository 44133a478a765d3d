/** The throughput-finality lesson's tasks as the host runs them (their schemas: shared/lessons/throughputFinality/tasks.ts). */
import type { LessonTasks } from '../../host/lessonTasks/index';
import { reorgJob, reorgStatsTask } from './reorgs';
import { throughputJob, throughputTask } from './throughput';

export const THROUGHPUT_RUNNERS: LessonTasks<'throughput' | 'reorg-stats'> = {
  throughput: {
    run: (bench, _handlers, p) => throughputTask(bench, p),
    sandbox: (doc, p) => throughputJob(doc.seed, p),
  },
  'reorg-stats': { run: (bench, _handlers, p) => reorgStatsTask(bench, p), sandbox: (doc, p) => reorgJob(doc.seed, p) },
};
