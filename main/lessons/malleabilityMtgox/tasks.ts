/** The malleability-mtgox lesson's tasks as the host runs them (their schemas: shared/lessons/malleabilityMtgox/tasks.ts). */
import type { LessonTasks } from '../../host/lessonTasks/index';
import { mtgoxAttackTask } from './attack';
import { matrixTask, oddsJob, oddsTask } from './odds';

export const MALLEABILITY_RUNNERS: LessonTasks<'mtgox-attack' | 'malleability-odds' | 'malleability-matrix'> = {
  'mtgox-attack': { run: (bench, handlers, p) => mtgoxAttackTask(bench, handlers, p) },
  'malleability-odds': {
    run: (bench, _handlers, p) => oddsTask(bench, p),
    sandbox: (doc, p) => {
      const config = doc.chains.find((c) => c.id === 'btc');
      return config ? oddsJob(doc.seed, config, p) : undefined;
    },
  },
  'malleability-matrix': { run: (bench) => matrixTask(bench) },
};
