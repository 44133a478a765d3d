/**
 * Long work in the host — a history replayed, a thousand blocks mined, a lesson task's seeded
 * runs — goes in slices: every `SLICE_MS` it gives the event loop a turn, so the host still
 * answers `workspace.get` and `work.cancel` while it works, and it stops at the next slice once
 * cancelled. Cancellation unwinds as an exception (`Cancelled`) from the slice point up to the
 * operation that owns the work, which undoes or keeps what was done and answers CANCELLED.
 */
const SLICE_MS = 30;
/** Progress goes to the page at most this often (the page redraws it every 150 ms); the first and the last always go. */
const PROGRESS_MS = 100;

/**
 * Resolves on a later turn of the event loop, after pending I/O (a `work.cancel` from the page).
 * A message on a fresh channel, as in Node and browsers alike: setTimeout(0) would wait 1 ms in
 * Node and 4 ms in a browser, slowing every 30 ms slice.
 */
export function nextTurn(): Promise<void> {
  return new Promise((resolve) => {
    const { port1, port2 } = new MessageChannel();
    port1.addEventListener(
      'message',
      () => {
        port1.close();
        resolve();
      },
      { once: true },
    );
    port1.start();
    port2.postMessage(null);
  });
}

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
