/**
 * What an edit changed in a graph, found without a map of its ids: the usual edit (a signature, a
 * field, a move) replaces a few node objects and keeps every id in its place, so comparing the
 * two node lists position by position names the changed nodes. Assembly, node views, edges and
 * the journal all ask about the same pair of graphs, so the answer is kept per graph.
 */
import type { Graph } from './model';

/** The nodes replaced between two graphs with the same ids in the same order. */
export interface GraphChange {
  readonly before: Graph;
  readonly after: Graph;
  /** Positions whose node object differs, ascending. */
  readonly at: readonly number[];
  /** Their ids. */
  readonly ids: ReadonlySet<string>;
}

const known = new WeakMap<Graph, GraphChange | { readonly before: Graph; readonly reshaped: true }>();

/**
 * The replaced nodes between `before` and `after`, or undefined when a node was added, removed or
 * moved in the order (then the caller compares by id). Costs a pointer comparison per node.
 */
export function graphChange(before: Graph, after: Graph): GraphChange | undefined {
  const memo = known.get(after);
  if (memo?.before === before) return 'reshaped' in memo ? undefined : memo;
  const a = before.nodes;
  const b = after.nodes;
  let change: GraphChange | undefined;
  if (a.length === b.length) {
    const at: number[] = [];
    const ids = new Set<string>();
    let same = true;
    for (let i = 0; i < b.length; i++) {
      const x = a[i]!;
      const y = b[i]!;
      if (x === y) continue;
      if (x.id !== y.id) {
        same = false;
        break;
      }
      at.push(i);
      ids.add(y.id);
    }
    if (same) change = { before, after, at, ids };
  }
  known.set(after, change ?? { before, reshaped: true });
  return change;
}
