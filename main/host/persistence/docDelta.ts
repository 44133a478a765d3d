/**
 * What one request changed in the workspace document, small enough to append to the journal
 * before the request is acknowledged. The workbench replaces what it changes rather than
 * mutating it (`{ ...doc, graph }`), so comparing references finds the change without walking
 * the document: appended history actions, graph nodes added, replaced or removed, a lesson's new
 * position, any other top-level field whole.
 */
import type { ChainAction } from '../../../shared/scenario/chainActions';
import type { ScenarioFile } from '../../../shared/scenario/schema';
import { graphChange } from '../../../shared/workspace/graphDiff';
import type { GraphNode } from '../../../shared/workspace/model';

export interface DocDelta {
  /** Top-level fields replaced whole (name, chains, lesson when more than its position changed, …). */
  readonly fields?: Partial<Record<keyof ScenarioFile, unknown>>;
  /** The lesson's position alone (its paths unchanged). */
  readonly lessonPosition?: number;
  /** History from this index on is `history` (usually an append: the old length). */
  readonly historyFrom?: number;
  readonly history?: readonly ChainAction[];
  readonly graph?: {
    readonly upsert: readonly GraphNode[];
    readonly remove: readonly string[];
    /** Node order, when it is not the old order minus removals plus new nodes at the end. */
    readonly order?: readonly string[];
  };
}

const OTHER_FIELDS = [
  'format',
  'version',
  'name',
  'title',
  'description',
  'seed',
  'wallets',
  'handovers',
  'chains',
] as const satisfies readonly (keyof ScenarioFile)[];

function graphDelta(before: ScenarioFile['graph'], after: ScenarioFile['graph']): DocDelta['graph'] {
  // The usual edit keeps every node in its place: its replaced nodes are the whole delta.
  const change = graphChange(before, after);
  if (change) return { upsert: change.at.map((i) => after.nodes[i]!), remove: [] };
  const old = new Map(before.nodes.map((n) => [n.id, n]));
  const upsert = after.nodes.filter((n) => old.get(n.id) !== n);
  const kept = new Set(after.nodes.map((n) => n.id));
  const remove = before.nodes.filter((n) => !kept.has(n.id)).map((n) => n.id);
  const expected = [
    ...before.nodes.filter((n) => kept.has(n.id)).map((n) => n.id),
    ...after.nodes.filter((n) => !old.has(n.id)).map((n) => n.id),
  ];
  const order = after.nodes.map((n) => n.id);
  const sameOrder = expected.length === order.length && expected.every((id, i) => id === order[i]);
  return { upsert, remove, ...(sameOrder ? {} : { order }) };
}

/** The change from `before` to `after`, or undefined when there is none. */
export function docDelta(before: ScenarioFile, after: ScenarioFile): DocDelta | undefined {
  if (before === after) return undefined;
  const fields: Partial<Record<keyof ScenarioFile, unknown>> = {};
  for (const key of OTHER_FIELDS) if (before[key] !== after[key]) fields[key] = after[key] ?? null;
  let lessonPosition: number | undefined;
  if (before.lesson !== after.lesson) {
    const onlyPosition =
      before.lesson &&
      after.lesson &&
      before.lesson.paths === after.lesson.paths &&
      before.lesson.path === after.lesson.path;
    if (onlyPosition) lessonPosition = after.lesson!.position;
    else fields.lesson = after.lesson ?? null;
  }
  let historyFrom: number | undefined;
  if (before.history !== after.history) {
    let i = 0;
    while (i < before.history.length && i < after.history.length && before.history[i] === after.history[i]) i++;
    historyFrom = i;
  }
  const graph = before.graph === after.graph ? undefined : graphDelta(before.graph, after.graph);
  const delta: DocDelta = {
    ...(Object.keys(fields).length > 0 ? { fields } : {}),
    ...(lessonPosition !== undefined ? { lessonPosition } : {}),
    ...(historyFrom !== undefined ? { historyFrom, history: after.history.slice(historyFrom) } : {}),
    ...(graph ? { graph } : {}),
  };
  return Object.keys(delta).length > 0 ? delta : undefined;
}

/** `before` with `delta` applied: the document `docDelta` was computed from. Input from disk: the caller validates the result. */
export function applyDocDelta(before: Record<string, unknown>, delta: DocDelta): Record<string, unknown> {
  const next: Record<string, unknown> = { ...before };
  for (const [key, value] of Object.entries(delta.fields ?? {})) {
    if (value === null) delete next[key];
    else next[key] = value;
  }
  if (delta.lessonPosition !== undefined && next['lesson'] && typeof next['lesson'] === 'object')
    next['lesson'] = { ...next['lesson'], position: delta.lessonPosition };
  if (delta.historyFrom !== undefined && Array.isArray(next['history']))
    next['history'] = [...(next['history'] as unknown[]).slice(0, delta.historyFrom), ...(delta.history ?? [])];
  if (delta.graph && next['graph'] && typeof next['graph'] === 'object') {
    const nodes = ((next['graph'] as { nodes?: unknown }).nodes ?? []) as { id: string }[];
    const removed = new Set(delta.graph.remove);
    const byId = new Map(nodes.filter((n) => !removed.has(n.id)).map((n) => [n.id, n]));
    const order = delta.graph.order ?? [
      ...byId.keys(),
      ...delta.graph.upsert.map((n) => n.id).filter((id) => !byId.has(id)),
    ];
    for (const node of delta.graph.upsert) byId.set(node.id, node);
    next['graph'] = {
      ...next['graph'],
      nodes: order.flatMap((id) => (byId.has(id) ? [byId.get(id)!] : [])),
    };
  }
  return next;
}
