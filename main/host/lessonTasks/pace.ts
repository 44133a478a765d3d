/**
 * How a lesson task's sandbox loop keeps pace with the host: after each unit of work it reports
 * progress (every `every` units) and lets the host take a turn, which is also where a cancel
 * stops it (work.ts). And how a sandbox says it cannot go on: `SandboxFailed`, which the task
 * runner turns into an error value (a file's parameters, not a bug, led there).
 */
import type { WorkContext } from '../work';

export type Pace = (done: number, total: number) => Promise<void>;

export function pacer(work: WorkContext, task: string, every: number): Pace {
  return async (done, total) => {
    if (done % every === 0 || done === total) work.progress({ task, done: Math.min(done, total), total });
    await work.tick();
  };
}

export class SandboxFailed extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SandboxFailed';
  }
}
