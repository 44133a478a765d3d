/**
 * The built-in lessons, in the order a course would teach them (the seed's order): the one list
 * a new lesson is added to. A lesson is one folder, shared/lessons/<name>/: its builder and paths
 * (lesson.ts), its words (en.ts, zh.ts), its own tasks with their parameter schemas and runners
 * (tasks.ts), and the palette templates it teaches (templates.ts). Its entry here names what it
 * has. The host reaches a lesson only through this list (main/host/lessonHost.ts runs its tasks
 * through the LessonHost port, host.ts).
 */
import type { z } from 'zod';
import { atomicSwap } from './atomicSwap/lesson';
import { SWAP_TEMPLATES } from './atomicSwap/templates';
import type { LessonTask, NodeTemplate, OwnTask } from './host';
import { htlc } from './htlc/lesson';
import { HTLC_TEMPLATES } from './htlc/templates';
import { malleabilityMtgox } from './malleabilityMtgox/lesson';
import { MALLEABILITY_TASKS } from './malleabilityMtgox/tasks';
import { multihop } from './multihop/lesson';
import { HOP_TEMPLATES } from './multihop/templates';
import { p2pkhBasics } from './p2pkhBasics/lesson';
import { rsmcChannel } from './rsmcChannel/lesson';
import { RSMC_TEMPLATES } from './rsmcChannel/templates';
import { segwit } from './segwit/lesson';
import { taprootSwap } from './taprootSwap/lesson';
import { TAPROOT_SWAP_TASKS } from './taprootSwap/tasks';
import { TAPROOT_SWAP_TEMPLATES } from './taprootSwap/templates';
import { throughputFinality } from './throughputFinality/lesson';
import { THROUGHPUT_TASKS } from './throughputFinality/tasks';
import type { BuiltinScenario } from './types';

type OwnTasks = Readonly<Record<string, OwnTask<z.ZodType>>>;

const LESSONS = [
  { scenario: p2pkhBasics },
  { scenario: malleabilityMtgox, tasks: MALLEABILITY_TASKS },
  { scenario: throughputFinality, tasks: THROUGHPUT_TASKS },
  { scenario: segwit },
  { scenario: rsmcChannel, templates: RSMC_TEMPLATES },
  { scenario: htlc, templates: HTLC_TEMPLATES },
  { scenario: multihop, templates: HOP_TEMPLATES },
  { scenario: atomicSwap, templates: SWAP_TEMPLATES },
  { scenario: taprootSwap, tasks: TAPROOT_SWAP_TASKS, templates: TAPROOT_SWAP_TEMPLATES },
] as const satisfies readonly {
  readonly scenario: BuiltinScenario;
  readonly tasks?: OwnTasks;
  readonly templates?: readonly NodeTemplate[];
}[];

export const BUILTINS: readonly BuiltinScenario[] = LESSONS.map((l) => l.scenario);

export function findBuiltin(name: string): BuiltinScenario | undefined {
  return BUILTINS.find((b) => b.name === name);
}

type UnionToIntersection<U> = (U extends unknown ? (u: U) => void : never) extends (i: infer I) => void ? I : never;
type AllOwnTasks = UnionToIntersection<Extract<(typeof LESSONS)[number], { tasks: OwnTasks }>['tasks']>;

const ownTasks = Object.assign({}, ...LESSONS.map((l) => ('tasks' in l ? l.tasks : {}))) as AllOwnTasks;

/** The parameter schemas of the lessons' own tasks, by name (shared/scenario/lessonTasks.ts adds the generic ones). */
export const LESSON_OWN_TASKS = Object.fromEntries(
  Object.entries(ownTasks as OwnTasks).map(([name, task]) => [name, task.params]),
) as { readonly [T in keyof AllOwnTasks]: AllOwnTasks[T]['params'] };

/** How the lessons' own tasks run, by name (runners.ts adds the generic ones). */
export const LESSON_OWN_RUNNERS: { readonly [T in keyof AllOwnTasks]: LessonTask<z.output<AllOwnTasks[T]['params']>> } =
  ownTasks;

/** The lessons' palette templates, in teaching order (the host adds its basic ones before them). */
export const LESSON_TEMPLATES: readonly NodeTemplate[] = LESSONS.flatMap((l) => ('templates' in l ? l.templates : []));
