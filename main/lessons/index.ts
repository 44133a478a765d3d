/**
 * The host's halves of the built-in lessons (the lessons themselves are listed in
 * shared/lessons/index.ts): the tasks a lesson runs that no other uses, and its palette templates.
 * A lesson without either needs no entry here. The compiler checks that every task a scenario may
 * name has a runner (main/host/lessonTasks/index.ts).
 */
import type { LessonTasks } from '../host/lessonTasks/index';
import type { NodeTemplate } from '../host/templates';
import { SWAP_TEMPLATES } from './atomicSwap/templates';
import { HTLC_TEMPLATES } from './htlc/templates';
import { MALLEABILITY_RUNNERS } from './malleabilityMtgox/tasks';
import { HOP_TEMPLATES } from './multihop/templates';
import { RSMC_TEMPLATES } from './rsmcChannel/templates';
import { THROUGHPUT_RUNNERS } from './throughputFinality/tasks';

/**
 * A function, not a constant: the lesson modules and the host import each other (a template's
 * keys come from the wallets, the wallets' module from the workbench), so whichever module loads
 * first, nothing here reads another module's exports before they exist.
 */
const hostLessons = () =>
  [
    { name: 'malleability-mtgox', tasks: MALLEABILITY_RUNNERS },
    { name: 'throughput-finality', tasks: THROUGHPUT_RUNNERS },
    { name: 'rsmc-channel', templates: RSMC_TEMPLATES },
    { name: 'htlc', templates: HTLC_TEMPLATES },
    { name: 'multihop', templates: HOP_TEMPLATES },
    { name: 'atomic-swap', templates: SWAP_TEMPLATES },
  ] as const satisfies readonly {
    readonly name: string;
    readonly tasks?: Partial<LessonTasks>;
    readonly templates?: readonly NodeTemplate[];
  }[];

type UnionToIntersection<U> = (U extends unknown ? (u: U) => void : never) extends (i: infer I) => void ? I : never;
type OwnRunners = UnionToIntersection<Extract<ReturnType<typeof hostLessons>[number], { tasks: unknown }>['tasks']>;

/** The runners of the lessons' own tasks, by task name. */
export function lessonTaskRunners(): OwnRunners {
  return Object.assign({}, ...hostLessons().map((l) => ('tasks' in l ? l.tasks : {}))) as OwnRunners;
}

/** The lessons' palette templates, in teaching order. */
export function lessonTemplates(): readonly NodeTemplate[] {
  return hostLessons().flatMap((l) => ('templates' in l ? l.templates : []));
}
