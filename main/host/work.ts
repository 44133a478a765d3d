/**
 * Long work in the host — a history replayed, a thousand blocks mined, a lesson task's seeded
 * runs — goes in slices: every `SLICE_MS` it gives the event loop a turn, so the host still
 * answers `workspace.get` and `work.cancel` while it works, and it stops at the next slice once
 * cancelled. Cancellation unwinds as an exception (`Cancelled`) from the slice point up to the
 * operation that owns the work, which undoes or keeps what was done and answers CANCELLED.
 */
import { performance } from 'node:perf_hooks';
import { setImmediate as nextTurn } from 'node:timers/promises';

const SLICE_MS = 30;
/** Progress goes to the page at most this often (the page redraws it every 150 ms); the first and the last always go. */
const PROGRESS_MS = 100;

export class Cancelled extends Error {
  constructor() {
    super('cancelled');
    this.name = 'Cancelled';
  }
}

export interface ProgressReport {
  readonly task: string;
  readonly done: number;
  readonly total: number;
  readonly label?: string;
}

export class WorkContext {
  #cancelled = false;
  #sliceStart = performance.now();
  #lastProgress = Number.NEGATIVE_INFINITY;
  /** A request is being served with this context (the session clears it when the answer goes). */
  busy = false;

  constructor(
    private readonly onProgress: (report: ProgressReport) => void = () => {},
    private readonly cancellable = true,
  ) {}

  get cancelled(): boolean {
    return this.#cancelled;
  }

  cancel(): void {
    if (this.cancellable) this.#cancelled = true;
  }

  /** Between two units of work: lets the event loop run when the slice is used up; throws once cancelled. */
  async tick(): Promise<void> {
    if (performance.now() - this.#sliceStart >= SLICE_MS) {
      await nextTurn();
      this.#sliceStart = performance.now();
    }
    if (this.#cancelled) throw new Cancelled();
  }

  progress(report: ProgressReport): void {
    const now = performance.now();
    // Mining 144 blocks reported 40 times in 150 ms: messages the page could not show.
    if (report.done < report.total && now - this.#lastProgress < PROGRESS_MS) return;
    this.#lastProgress = now;
    this.onProgress(report);
  }

  /** A context reporting progress the same way but not cancelled: for putting things back after a cancel. */
  successor(): WorkContext {
    return new WorkContext(this.onProgress, false);
  }
}

/** Work nobody can cancel (the CLI, tests, a restore after a cancel): slices still keep the host answering. */
export const UNCANCELLABLE = new WorkContext(() => {}, false);
