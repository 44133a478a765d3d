/**
 * The lessons' sandbox statistics — the throughput crowd, the reorganisation depths, the odds of
 * the malleability race — are pure functions of the workspace's seed, the chain's set-up and
 * their parameters, and take seconds. When a lesson opens, the host starts computing the ones its
 * path will ask for, a slice at a time between requests, so that Next on such a step answers at
 * once; the step takes the very same result (a step that comes first computes it at full speed,
 * still slice by slice through its request's WorkContext, so the host keeps answering and a
 * cancel stops it; see ../work.ts). Which tasks have such a job, and how it is made, each task
 * says itself (`sandbox` in its runner, shared/lessons/<name>/tasks.ts).
 */
import type { SandboxJob } from '../../../shared/lessons/host';
import type { ScenarioFile } from '../../../shared/scenario/schema';
import { type Progress, type Sliced } from '../../../shared/scenario/tasks/slices';
import { Cancelled, nextTurn, type WorkContext } from '../work';
import { sandboxJobOf } from './index';

/** How long a background slice may hold the host before requests get their turn. */
const SLICE_MS = 12;
/** Results kept (a few lessons' worth). */
const KEEP = 8;

interface Running {
  readonly key: string;
  done: Promise<unknown>;
  /** A step waits for it: no more pauses beyond its own request's slices. */
  hurry: WorkContext | undefined;
  cancelled: boolean;
  onProgress: ((p: Progress) => void) | undefined;
}

/** The sandbox jobs a lesson's current path will run, from the current step on. */
export function jobsOf(doc: ScenarioFile): SandboxJob<unknown>[] {
  const lesson = doc.lesson;
  if (!lesson) return [];
  const jobs: SandboxJob<unknown>[] = [];
  for (const step of (lesson.paths[lesson.path] ?? []).slice(lesson.position)) {
    for (const action of step.actions) {
      if (!('run' in action)) continue;
      const job = sandboxJobOf(doc, action);
      if (job) jobs.push(job);
    }
  }
  return jobs;
}

export class SandboxResults {
  private readonly results = new Map<string, unknown>();
  private queue: SandboxJob<unknown>[] = [];
  private running: Running | undefined;
  private draining = false;

  /** Plans the background work for the open document (replacing any earlier plan). */
  prefetch(doc: ScenarioFile): void {
    this.queue = jobsOf(doc).filter((job) => !this.results.has(job.key));
    if (this.running && this.running.hurry === undefined && !this.queue.some((job) => job.key === this.running!.key))
      this.running.cancelled = true;
    this.queue = this.queue.filter((job) => job.key !== this.running?.key);
    if (!this.draining) void this.drain();
  }

  /**
   * The job's result: kept, being computed (then hurried), or computed now, in `work`'s slices.
   * Throws Cancelled when `work` is cancelled, and what the job throws (SandboxFailed) when it fails.
   */
  async get<T>(job: SandboxJob<T>, work: WorkContext, onProgress?: (p: Progress) => void): Promise<T> {
    if (this.results.has(job.key)) return this.results.get(job.key) as T;
    const running = this.running;
    if (running?.key === job.key && !running.cancelled) {
      running.hurry = work;
      running.onProgress = onProgress;
      const value = await running.done;
      if (value !== undefined) return value as T;
      if (work.cancelled) throw new Cancelled();
    }
    this.queue = this.queue.filter((queued) => queued.key !== job.key);
    const generator = job.make();
    for (;;) {
      const r = generator.next();
      if (r.done) {
        this.keep(job.key, r.value);
        return r.value;
      }
      onProgress?.(r.value);
      await work.tick();
    }
  }

  private keep(key: string, value: unknown): void {
    this.results.delete(key);
    this.results.set(key, value);
    if (this.results.size > KEEP) this.results.delete(this.results.keys().next().value!);
  }

  private async drain(): Promise<void> {
    this.draining = true;
    try {
      for (let job = this.queue.shift(); job; job = this.queue.shift()) {
        if (this.results.has(job.key)) continue;
        const running: Running = {
          key: job.key,
          done: Promise.resolve(undefined),
          hurry: undefined,
          cancelled: false,
          onProgress: undefined,
        };
        // The slices read the flags a waiting step sets on this same record.
        running.done = inSlices(job.make(), running);
        this.running = running;
        const value = await running.done;
        if (value !== undefined) this.keep(job.key, value);
        this.running = undefined;
      }
    } finally {
      this.draining = false;
    }
  }
}

/**
 * Runs `work` a slice at a time; undefined when cancelled (by a new plan, or by the request that
 * hurried it) or when it failed (a step computing it again reports the failure).
 */
async function inSlices<T>(
  work: Sliced<T>,
  state: Pick<Running, 'hurry' | 'cancelled' | 'onProgress'>,
): Promise<T | undefined> {
  try {
    let until = performance.now() + SLICE_MS;
    for (;;) {
      const r = work.next();
      if (r.done) return r.value;
      if (state.hurry) {
        state.onProgress?.(r.value);
        await state.hurry.tick();
        continue;
      }
      if (performance.now() >= until) {
        await nextTurn();
        if (state.cancelled && !state.hurry) return undefined;
        until = performance.now() + SLICE_MS;
      }
    }
  } catch {
    return undefined;
  }
}
