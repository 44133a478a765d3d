/**
 * The built-in lessons, in the order a course would teach them (the seed's order): the one list
 * a new lesson is added to. Each entry is a lesson folder's builder and, when it has tasks of its
 * own, their parameter schemas. The host's halves (task runners, palette templates) are listed in
 * main/lessons/index.ts, which the compiler holds to this list's tasks.
 */
import type { z } from 'zod';
import { atomicSwap } from './atomicSwap/lesson';
import { htlc } from './htlc/lesson';
import { malleabilityMtgox } from './malleabilityMtgox/lesson';
import { MALLEABILITY_TASKS } from './malleabilityMtgox/tasks';
import { multihop } from './multihop/lesson';
import { p2pkhBasics } from './p2pkhBasics/lesson';
import { rsmcChannel } from './rsmcChannel/lesson';
import { segwit } from './segwit/lesson';
import { throughputFinality } from './throughputFinality/lesson';
import { THROUGHPUT_TASKS } from './throughputFinality/tasks';
import type { BuiltinScenario } from './types';

type TaskSchemas = Readonly<Record<string, z.ZodType>>;

const LESSONS = [
  { scenario: p2pkhBasics },
  { scenario: malleabilityMtgox, tasks: MALLEABILITY_TASKS },
  { scenario: throughputFinality, tasks: THROUGHPUT_TASKS },
  { scenario: segwit },
  { scenario: rsmcChannel },
  { scenario: htlc },
  { scenario: multihop },
  { scenario: atomicSwap },
] as const satisfies readonly { readonly scenario: BuiltinScenario; readonly tasks?: TaskSchemas }[];

export const BUILTINS: readonly BuiltinScenario[] = LESSONS.map((l) => l.scenario);

type UnionToIntersection<U> = (U extends unknown ? (u: U) => void : never) extends (i: infer I) => void ? I : never;
type OwnTasks = UnionToIntersection<Extract<(typeof LESSONS)[number], { tasks: TaskSchemas }>['tasks']>;

/** The lessons' own tasks, by name (shared/scenario/lessonTasks.ts adds the generic ones). */
export const LESSON_OWN_TASKS = Object.assign({}, ...LESSONS.map((l) => ('tasks' in l ? l.tasks : {}))) as OwnTasks;

export function findBuiltin(name: string): BuiltinScenario | undefined {
  return BUILTINS.find((b) => b.name === name);
}
