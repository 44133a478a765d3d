/** Plays built-in scenarios through the contract on a headless workbench, as `txlab run` does. */
import { expect } from 'vitest';
import { BuiltinCatalog } from '../../main/host/catalog';
import { gotoLessonPosition, type StepReport } from '../../main/host/lesson';
import type { WorkspaceView } from '../../shared/contract/views';
import { testBench, type TestBench } from '../unit/host/helpers';

export const catalog = new BuiltinCatalog();

export interface Played {
  readonly t: TestBench;
  readonly view: WorkspaceView;
  readonly reports: StepReport[];
  /** Wall time of the whole play in milliseconds. */
  readonly ms: number;
}

/** Loads a built-in path (optionally with another seed) and plays every step. */
export async function load(name: string, path?: string, seed?: number): Promise<TestBench> {
  const t = await testBench({ catalog });
  const store = await t.bench.options.wallets.fresh();
  const built = await catalog.build(name, path, { wallets: store, ...(seed !== undefined ? { seed } : {}) });
  if (!built.ok) throw new Error(`${name}/${path}: ${built.error.code} ${built.error.message}`);
  const switched = await t.bench.switchTo(built.value, store, built.value);
  if (!switched.ok) throw new Error(`${name}/${path}: ${switched.error.message}`);
  return t;
}

export async function play(name: string, path?: string, seed?: number): Promise<Played> {
  const start = performance.now();
  const t = await load(name, path, seed);
  const reports: StepReport[] = [];
  const steps = t.bench.doc.lesson!.paths[t.bench.doc.lesson!.path]!.length;
  const r = await gotoLessonPosition(t.bench, t.handlers, steps, reports);
  if (!r.ok) throw new Error(`${name}/${path}: ${r.error.message}`);
  return { t, view: r.value, reports, ms: performance.now() - start };
}

/** Plays up to (not including) the last step, for tests that then break the story. */
export async function playUntilLast(name: string, path: string): Promise<TestBench> {
  const t = await load(name, path);
  const steps = t.bench.doc.lesson!.paths[path]!.length;
  const r = await gotoLessonPosition(t.bench, t.handlers, steps - 1);
  if (!r.ok) throw new Error(r.error.message);
  return t;
}

export function balance(view: WorkspaceView, wallet: string, chain: 'btc' | 'ltc'): bigint {
  const w = view.wallets.find((x) => x.name === wallet);
  expect(w, `wallet ${wallet}`).toBeDefined();
  const b = w!.balances[chain];
  return BigInt(b.confirmed) + BigInt(b.unconfirmed) + BigInt(b.immature);
}

export function status(view: WorkspaceView, node: string): string {
  const n = view.nodes.find((x) => x.id === node);
  expect(n, `node ${node}`).toBeDefined();
  return n!.status.kind;
}

export const COIN = 100_000_000n;

/** A figure a lesson task left in a facts table (`factsTable` in shared/scenario/lessonData.ts). */
export function fact(t: TestBench, key: string, id: string): string | number | boolean {
  const datum = t.bench.lessonData.get(key) as { facts?: Record<string, string | number | boolean> } | undefined;
  expect(datum?.facts, `lesson data ${key}`).toBeDefined();
  expect(Object.hasOwn(datum!.facts!, id), `${key}.${id}`).toBe(true);
  return datum!.facts![id]!;
}

export function node(view: WorkspaceView, id: string) {
  const n = view.nodes.find((x) => x.id === id);
  expect(n, `node ${id}`).toBeDefined();
  return n!;
}

/** The height a node's transaction confirmed at. */
export function confirmedAt(view: WorkspaceView, id: string): number {
  const s = node(view, id).status;
  expect(s.kind, `${id} status`).toBe('confirmed');
  return s.kind === 'confirmed' ? s.height : -1;
}
