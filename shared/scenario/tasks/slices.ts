/**
 * A long computation (a lesson's statistics) written as a generator that yields its progress
 * now and then. Run to the end at once, or a slice at a time by a caller with other work to do
 * in between: the same code either way, so the same result.
 */
export interface Progress {
  readonly done: number;
  readonly total: number;
}

export type Sliced<T> = Generator<Progress, T, void>;

export function runToEnd<T>(work: Sliced<T>, onProgress?: (p: Progress) => void): T {
  for (;;) {
    const r = work.next();
    if (r.done) return r.value;
    onProgress?.(r.value);
  }
}
