/**
 * Scenario files as plain JSON, for mutating: the corpus starts from real files (`txlab export`)
 * and changes one thing per case. The types name only the parts the corpus touches; everything
 * else is carried as it is.
 */
import type { Rng } from '../rng';

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

export interface StepDoc extends JsonObject {
  title: { en: string; zh: string };
  narration: { en: string; zh: string };
  actions: JsonObject[];
}

export type GraphNodeDoc = JsonObject & { id: string; label: string; kind: string; chain: string };
export type DraftDoc = GraphNodeDoc & { tx: JsonObject & { inputs: JsonObject[]; outputs: JsonObject[] } };

export interface ScenarioDoc extends JsonObject {
  name: string;
  title: { en: string; zh: string };
  wallets: (JsonObject & { name: string; keys: (JsonObject & { label: string })[] })[];
  chains: (JsonObject & { id: string; nodes?: (JsonObject & { name: string; hashShare?: number })[] })[];
  history: JsonObject[];
  graph: { nodes: GraphNodeDoc[] };
  lesson: { paths: { [name: string]: StepDoc[] }; path: string; position: number };
}

/** The built-in scenarios the corpus mutates, as `txlab export NAME` writes them. */
export const BASE_NAMES = [
  'p2pkh-basics',
  'segwit',
  'multihop',
  'atomic-swap',
  'htlc',
  'rsmc-channel',
  'malleability-mtgox',
  'throughput-finality',
] as const;
export type BaseName = (typeof BASE_NAMES)[number];
export type Bases = Readonly<Record<BaseName, ScenarioDoc>>;

/** Bases whose lessons play in a few seconds: the ones "played" cases are built on. */
export const QUICK_BASES: readonly BaseName[] = ['p2pkh-basics', 'multihop', 'segwit'];
/** Bases any refusal case may start from (each plays in seconds, were it ever accepted). */
export const REFUSAL_BASES: readonly BaseName[] = [
  'p2pkh-basics',
  'segwit',
  'multihop',
  'atomic-swap',
  'htlc',
  'rsmc-channel',
];

/** The graph's drafts (nodes that carry a transaction being built). */
export function drafts(doc: ScenarioDoc): DraftDoc[] {
  return doc.graph.nodes.filter((n): n is DraftDoc => n.kind === 'draft');
}

export function clone<T extends Json>(value: T): T {
  return structuredClone(value);
}

export function base(bases: Bases, name: BaseName): ScenarioDoc {
  return clone(bases[name]);
}

/** A step of some path (any path: validation must cover every path, not only the one played). */
export interface StepRef {
  readonly path: string;
  readonly step: number;
  readonly doc: StepDoc;
}

export function pickStep(doc: ScenarioDoc, rng: Rng, options: { currentPath?: boolean } = {}): StepRef {
  const names = options.currentPath ? [doc.lesson.path] : Object.keys(doc.lesson.paths);
  const path = rng.pick(names);
  const steps = doc.lesson.paths[path]!;
  const step = rng.int(0, steps.length - 1);
  return { path, step, doc: steps[step]! };
}

export const actionPath = (path: string, step: number, action: number): string =>
  `lesson.paths.${path}[${step}].actions[${action}]`;

/** Puts `action` into a random step at a random place; returns the action's JSON path. */
export function insertAction(
  doc: ScenarioDoc,
  rng: Rng,
  action: JsonObject,
  options: { currentPath?: boolean } = {},
): string {
  const ref = pickStep(doc, rng, options);
  const at = rng.int(0, ref.doc.actions.length);
  ref.doc.actions.splice(at, 0, action);
  return actionPath(ref.path, ref.step, at);
}

/**
 * Replaces a name everywhere it stands as a whole string value or as a record key (a wallet's
 * name is in its record, in outputs' owners, in sign calls, in balance checks).
 */
export function renameEverywhere(value: Json, from: string, to: string): Json {
  if (typeof value === 'string') return value === from ? to : value;
  if (Array.isArray(value)) return value.map((v) => renameEverywhere(v, from, to));
  if (value !== null && typeof value === 'object') {
    const out: JsonObject = {};
    for (const [k, v] of Object.entries(value)) out[k === from ? to : k] = renameEverywhere(v, from, to);
    return out;
  }
  return value;
}

/** Every object inside `value` with its JSON path (`graph.nodes[2].tx.inputs[0]`). */
export function objectsWithin(value: Json, path: string): { path: string; object: JsonObject }[] {
  const found: { path: string; object: JsonObject }[] = [];
  const walk = (v: Json, p: string): void => {
    if (Array.isArray(v)) v.forEach((item, i) => walk(item, `${p}[${i}]`));
    else if (v !== null && typeof v === 'object') {
      found.push({ path: p, object: v });
      for (const [k, child] of Object.entries(v)) walk(child, `${p}.${k}`);
    }
  };
  walk(value, path);
  return found;
}

export function serialize(doc: Json): string {
  return JSON.stringify(doc, null, 1);
}
