/** Benchmark plumbing: timers, medians, and the table/JSON report. Figures are ratios against baselines measured in the same run. */
import { performance } from 'node:perf_hooks';

export interface BenchResult {
  readonly key: string;
  readonly value: number;
  readonly unit: string;
  /** A target from the issue, shown next to the figure (never enforced by a test). */
  readonly target?: string;
}

export interface BenchModule {
  readonly name: string;
  // Engine modules time synchronous work; the UI and host modules wait on a browser or a worker.
  run(): BenchResult[] | Promise<BenchResult[]>;
}

export function timeMs(fn: () => void): number {
  const t = performance.now();
  fn();
  return performance.now() - t;
}

export async function timeMsAsync(fn: () => Promise<void>): Promise<number> {
  const t = performance.now();
  await fn();
  return performance.now() - t;
}

export function median(values: readonly number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

export function percentile(values: readonly number[], p: number): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!;
}

/** Runs `fn` `rounds` times and returns the median duration in ms. */
export function medianMs(rounds: number, fn: () => void): number {
  const times: number[] = [];
  for (let i = 0; i < rounds; i++) times.push(timeMs(fn));
  return median(times);
}

export function round(value: number, digits = 2): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}
