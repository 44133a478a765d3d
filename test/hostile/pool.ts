/** Small helpers of the runners: a limit on how many cases run at once, and text safe to print. */

/**
 * At most `limit` units of work at once, served in order. A case whose time is the point (work at
 * the edge of its budget) takes every unit, so no neighbour slows it down.
 */
export class Semaphore {
  private running = 0;
  private readonly waiting: { readonly weight: number; readonly go: () => void }[] = [];

  constructor(private readonly limit: number) {}

  async use<T>(work: () => Promise<T>, weight = 1): Promise<T> {
    const units = Math.min(weight, this.limit);
    if (this.waiting.length > 0 || this.running + units > this.limit)
      await new Promise<void>((go) => this.waiting.push({ weight: units, go }));
    else this.running += units;
    try {
      return await work();
    } finally {
      this.running -= units;
      while (this.waiting.length > 0 && this.running + this.waiting[0]!.weight <= this.limit) {
        const next = this.waiting.shift()!;
        this.running += next.weight;
        next.go();
      }
    }
  }
}

/** Control and bidi characters as \u escapes: test names and reports go to a terminal too. */
export function printable(text: string): string {
  return text.replace(
    // eslint-disable-next-line no-control-regex -- control characters are what this pattern escapes
    /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/gu,
    (c) => `\\u${c.codePointAt(0)!.toString(16).padStart(4, '0')}`,
  );
}
