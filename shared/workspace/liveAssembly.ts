/**
 * The assembly of a workspace kept from one edit to the next (issue 11 §2: an edit costs what it
 * changes). An edit that keeps every node id in its place (a signature, a field, a move) and a
 * chain change (a broadcast, a block) reach a few drafts: the ones the edit replaced, the ones
 * spending a transaction the chain change names, and everything downstream of those. Only they
 * are assembled again, in graph order as a whole assembly visits them, so the result is the one
 * `assembleGraph` would give; any other change (nodes added, removed or reordered, a reorg)
 * assembles the whole graph.
 */
import {
  type AssembledDraft,
  AssemblyCache,
  assembleDraft,
  assembleGraph,
  type ChainOutputLookup,
  type PreviousAssembly,
  resolvePrevout,
} from './assemble';
import { graphChange } from './graphDiff';
import type { DraftNode, Graph, GraphNode } from './model';

/** What changed on one chain since the last assembly: the transactions named, or everything. */
export interface ChainTxChange {
  readonly all: boolean;
  readonly txids: ReadonlySet<string>;
}

/** An assembly, and how it differs from the one before it when that is known. */
export interface AssemblyStep {
  readonly drafts: ReadonlyMap<string, AssembledDraft>;
  /** The assembly before, and the drafts whose assembly is another object now; absent when not followed. */
  readonly since?: {
    readonly drafts: ReadonlyMap<string, AssembledDraft>;
    readonly changed: ReadonlySet<string>;
  };
}

const NONE: ReadonlySet<string> = new Set();

export class LiveAssembly {
  readonly #cache = new AssemblyCache();
  #last: { readonly graph: Graph; readonly drafts: ReadonlyMap<string, AssembledDraft> } | undefined;
  /** Where each id sits in the last graph. */
  #position = new Map<string, number>();
  /** Node id → the drafts spending one of its outputs by reference. */
  #children = new Map<string, Set<string>>();
  /** Txid → the drafts resolving an input through it (a txid reference, a chain node spent). */
  #byTxid = new Map<string, Set<string>>();
  /** What each draft is filed under in the two indexes. */
  #filed = new Map<string, { readonly parents: readonly string[]; readonly txids: readonly string[] }>();
  /** The last graph has drafts spending each other in a cycle. */
  #cyclic = false;

  /** Forgets everything (another chain set: every lookup may answer differently). */
  reset(): void {
    this.#last = undefined;
  }

  update(graph: Graph, lookup: ChainOutputLookup, changes: ReadonlyMap<string, ChainTxChange>): AssemblyStep {
    const last = this.#last;
    const change = !last ? undefined : last.graph === graph ? { at: [], ids: NONE } : graphChange(last.graph, graph);
    if (!last || !change || this.#cyclic || [...changes.values()].some((c) => c.all))
      return this.#whole(graph, lookup, changes);
    // Where a cycle is entered decides which of its inputs stays unresolved, and that depends on
    // the whole traversal: a graph with a cycle is assembled whole. A new cycle runs through an
    // input the edit changed.
    for (const i of change.at) if (this.#inCycle(graph, graph.nodes[i]!)) return this.#whole(graph, lookup, changes);
    const seeds = new Set(change.ids);
    for (const [chain, c] of changes)
      for (const txid of c.txids)
        for (const id of this.#byTxid.get(txid) ?? NONE) if (this.#nodeOf(graph, id)?.chain === chain) seeds.add(id);
    if (seeds.size === 0) {
      this.#last = { graph, drafts: last.drafts };
      return { drafts: last.drafts, since: { drafts: last.drafts, changed: NONE } };
    }
    // Everything downstream of a seed may resolve differently; nothing upstream or aside does.
    const affected = new Set(seeds);
    const queue = [...seeds];
    while (queue.length > 0)
      for (const child of this.#children.get(queue.pop()!) ?? NONE)
        if (!affected.has(child)) {
          affected.add(child);
          queue.push(child);
        }
    const done = new Map<string, AssembledDraft>();
    const visiting = new Set<string>();
    const nodeOf = (id: string) => this.#nodeOf(graph, id);
    const visit = (node: DraftNode): AssembledDraft | undefined => {
      if (!affected.has(node.id)) return last.drafts.get(node.id);
      const known = done.get(node.id);
      if (known) return known;
      if (visiting.has(node.id)) return undefined; // a cycle, left unresolved as a whole assembly leaves it
      visiting.add(node.id);
      const prevouts = node.tx.inputs.map((input) => resolvePrevout(node, input.prevout, lookup, nodeOf, visit));
      visiting.delete(node.id);
      const assembled = assembleDraft(node, prevouts, this.#cache);
      done.set(node.id, assembled);
      return assembled;
    };
    const order = [...affected].map((id) => this.#position.get(id)!).sort((a, b) => a - b);
    const changed = new Set<string>();
    let drafts: Map<string, AssembledDraft> | undefined;
    for (const i of order) {
      const node = graph.nodes[i]!;
      const now = node.kind === 'draft' ? visit(node) : undefined;
      this.#file(graph, node);
      if (now === last.drafts.get(node.id)) continue;
      changed.add(node.id);
      drafts ??= new Map(last.drafts);
      if (now) drafts.set(node.id, now);
      else drafts.delete(node.id);
    }
    this.#last = { graph, drafts: drafts ?? last.drafts };
    return { drafts: this.#last.drafts, since: { drafts: last.drafts, changed } };
  }

  #nodeOf(graph: Graph, id: string): GraphNode | undefined {
    const i = this.#position.get(id);
    return i === undefined ? undefined : graph.nodes[i];
  }

  /** The whole graph assembled (reusing what the last assembly can give) and the indexes made anew. */
  #whole(graph: Graph, lookup: ChainOutputLookup, changes: ReadonlyMap<string, ChainTxChange>): AssemblyStep {
    const last = this.#last;
    let byId: Map<string, GraphNode> | undefined;
    const stale = (node: DraftNode): boolean => {
      const change = changes.get(node.chain);
      if (!change) return false;
      if (change.all) return true;
      if (change.txids.size === 0) return false;
      return node.tx.inputs.some(({ prevout: ref }) => {
        if (!ref) return false;
        if ('txid' in ref) return change.txids.has(ref.txid);
        byId ??= new Map(graph.nodes.map((n) => [n.id, n]));
        const parent = byId.get(ref.node);
        return parent?.kind === 'chain' && change.txids.has(parent.txid);
      });
    };
    const previous: PreviousAssembly | undefined = last ? { graph: last.graph, drafts: last.drafts, stale } : undefined;
    const drafts = assembleGraph(graph, lookup, this.#cache, previous);
    this.#position = new Map(graph.nodes.map((n, i) => [n.id, i]));
    this.#children.clear();
    this.#byTxid.clear();
    this.#filed.clear();
    for (const node of graph.nodes) this.#file(graph, node);
    this.#cyclic = this.#hasCycle(graph);
    this.#last = { graph, drafts };
    return { drafts };
  }

  /** Whether following `start`'s inputs from draft to draft comes back to it. */
  #inCycle(graph: Graph, start: GraphNode): boolean {
    const seen = new Set<string>();
    const stack = [start];
    while (stack.length > 0) {
      const node = stack.pop()!;
      if (node.kind !== 'draft') continue;
      for (const { prevout: ref } of node.tx.inputs) {
        if (!ref || 'txid' in ref) continue;
        if (ref.node === start.id) return true;
        const parent = this.#nodeOf(graph, ref.node);
        if (parent && !seen.has(parent.id)) {
          seen.add(parent.id);
          stack.push(parent);
        }
      }
    }
    return false;
  }

  /** Whether the graph's drafts spend each other in a cycle (Kahn's order leaves some out). */
  #hasCycle(graph: Graph): boolean {
    const waiting = new Map<string, number>();
    const ready: string[] = [];
    let drafts = 0;
    for (const node of graph.nodes) {
      if (node.kind !== 'draft') continue;
      drafts++;
      const parents = new Set(
        this.#filed.get(node.id)!.parents.filter((p) => this.#nodeOf(graph, p)?.kind === 'draft'),
      );
      if (parents.size === 0) ready.push(node.id);
      else waiting.set(node.id, parents.size);
    }
    let ordered = 0;
    while (ready.length > 0) {
      const id = ready.pop()!;
      ordered++;
      for (const child of this.#children.get(id) ?? NONE) {
        const left = waiting.get(child)! - 1;
        waiting.set(child, left);
        if (left === 0) ready.push(child);
      }
    }
    return ordered < drafts;
  }

  /** Files a node (the graph's, under its id) in the indexes, in place of what its id was filed under. */
  #file(graph: Graph, node: GraphNode): void {
    const old = this.#filed.get(node.id);
    if (old) {
      for (const p of old.parents) drop(this.#children, p, node.id);
      for (const t of old.txids) drop(this.#byTxid, t, node.id);
      this.#filed.delete(node.id);
    }
    if (node.kind !== 'draft') return;
    const parents: string[] = [];
    const txids: string[] = [];
    for (const { prevout: ref } of node.tx.inputs) {
      if (!ref) continue;
      if ('txid' in ref) {
        txids.push(ref.txid);
        continue;
      }
      parents.push(ref.node);
      const parent = this.#nodeOf(graph, ref.node);
      if (parent?.kind === 'chain') txids.push(parent.txid);
    }
    for (const p of parents) add(this.#children, p, node.id);
    for (const t of txids) add(this.#byTxid, t, node.id);
    this.#filed.set(node.id, { parents, txids });
  }
}

function add(index: Map<string, Set<string>>, key: string, id: string): void {
  let ids = index.get(key);
  if (!ids) index.set(key, (ids = new Set()));
  ids.add(id);
}

function drop(index: Map<string, Set<string>>, key: string, id: string): void {
  const ids = index.get(key);
  ids?.delete(id);
  if (ids?.size === 0) index.delete(key);
}
