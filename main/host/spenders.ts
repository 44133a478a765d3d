/**
 * Which graph node spends each output (`node:output` → node id), kept from one graph to the next.
 * Where several nodes spend one output, the one later in the graph shows. An update reads only
 * the nodes the edit replaced (shared/workspace/graphDiff.ts), so a signature in a graph of
 * thousands costs its own inputs.
 */
import { graphChange } from '../../shared/workspace/graphDiff';
import type { Graph, GraphNode } from '../../shared/workspace/model';

function spentOutputs(node: GraphNode | undefined): string[] {
  if (node?.kind !== 'draft') return [];
  return node.tx.inputs.flatMap((i) =>
    i.prevout && 'node' in i.prevout ? [`${i.prevout.node}:${i.prevout.output}`] : [],
  );
}

const parentOf = (key: string) => key.slice(0, key.lastIndexOf(':'));

export class SpenderIndex {
  private constructor(
    readonly graph: Graph,
    /** Where each id sits in the graph. */
    private readonly position: ReadonlyMap<string, number>,
    /** The spender each output shows. */
    private readonly shown: Map<string, string>,
    /** Every spender of each output. */
    private readonly all: Map<string, Set<string>>,
    /** Nodes whose outputs show another spender than in the index this one was updated from. */
    readonly changedParents: ReadonlySet<string>,
  ) {}

  static of(graph: Graph): SpenderIndex {
    const index = new SpenderIndex(graph, positions(graph), new Map(), new Map(), new Set());
    index.replace(graph.nodes.map((n) => [undefined, n] as const));
    return index;
  }

  get byOutput(): ReadonlyMap<string, string> {
    return this.shown;
  }

  nodeOf(id: string): GraphNode | undefined {
    const i = this.position.get(id);
    return i === undefined ? undefined : this.graph.nodes[i];
  }

  /** The index of `graph`, made from this one, which must not be used after. */
  next(graph: Graph): SpenderIndex {
    if (graph === this.graph) return this;
    const change = graphChange(this.graph, graph);
    if (!change) {
      // Nodes added, removed or reordered: made anew, and compared with this one for what shows differently.
      const fresh = SpenderIndex.of(graph);
      const changed = fresh.changedParents as Set<string>;
      changed.clear();
      for (const [key, id] of fresh.shown) if (this.shown.get(key) !== id) changed.add(parentOf(key));
      for (const key of this.shown.keys()) if (!fresh.shown.has(key)) changed.add(parentOf(key));
      return fresh;
    }
    const index = new SpenderIndex(graph, this.position, this.shown, this.all, new Set());
    index.replace(change.at.map((i) => [this.graph.nodes[i], graph.nodes[i]] as const));
    return index;
  }

  /** Files the replaced nodes' spends, then settles which spender each output they touch shows. */
  private replace(pairs: readonly (readonly [GraphNode | undefined, GraphNode | undefined])[]): void {
    const touched = new Set<string>();
    for (const [before, after] of pairs) {
      for (const key of spentOutputs(before)) {
        const ids = this.all.get(key);
        ids?.delete(before!.id);
        if (ids?.size === 0) this.all.delete(key);
        touched.add(key);
      }
      for (const key of spentOutputs(after)) {
        let ids = this.all.get(key);
        if (!ids) this.all.set(key, (ids = new Set()));
        ids.add(after!.id);
        touched.add(key);
      }
    }
    const changed = this.changedParents as Set<string>;
    for (const key of touched) {
      let shown: string | undefined;
      for (const id of this.all.get(key) ?? [])
        if (shown === undefined || this.position.get(id)! > this.position.get(shown)!) shown = id;
      if (shown === this.shown.get(key)) continue;
      if (shown === undefined) this.shown.delete(key);
      else this.shown.set(key, shown);
      changed.add(parentOf(key));
    }
  }
}

function positions(graph: Graph): Map<string, number> {
  return new Map(graph.nodes.map((n, i) => [n.id, i]));
}
