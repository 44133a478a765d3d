/**
 * Node views rebuilt only when something they show changed (issue 11 §2). A node's view shows its
 * own fields, its parents' outputs (through the assembly), which graph nodes and chain
 * transactions spend its outputs, its status on the chain, its time locks against the chain's
 * clock, its verdicts under the chain's policy, its keys' and scripts' owners and its last
 * rejection. Each build finds what changed since the last one — graph nodes by object, the
 * chain's blocks and mempool changes by txid, the policy, the wallets' keys — and rebuilds only
 * the views that depend on it; every other view is the same object as before, which is what
 * lets the view encoder (shared/contract/viewPatch.ts) skip it without looking inside.
 *
 * A fresh cache builds every view, so the property test compares the two
 * (test/unit/host/viewPatches.test.ts).
 */
import type { EdgeView, NodeView } from '../../shared/contract/views';
import type { AssembledDraft } from '../../shared/workspace/assemble';
import { graphChange } from '../../shared/workspace/graphDiff';
import type { AssemblyStep } from '../../shared/workspace/liveAssembly';
import type { Graph, GraphNode } from '../../shared/workspace/model';
import { type ChainChange, ChainChanges } from './chainChanges';
import type { ChainSet } from './chainSet';
import { edgeViews, type KeyOwner, nodeView, type ViewContext } from './nodeViews';
import { SpenderIndex } from './spenders';

interface Entry {
  readonly node: GraphNode;
  readonly assembled: AssembledDraft | undefined;
  readonly rejection: unknown;
  readonly view: NodeView | undefined;
  /** Its own txid and the txids its inputs spend from: a chain change naming one touches the view. */
  readonly txids: readonly string[];
  /** Output scripts and signing keys: a wallet change naming one touches the view. */
  readonly scripts: readonly string[];
  readonly pubKeys: readonly string[];
  /** It shows time locks, which the chain's height and median time move. */
  readonly timed: boolean;
}

export class NodeViewCache {
  private entries = new Map<string, Entry>();
  private chains: ChainSet | undefined;
  private readonly chainChanges = new ChainChanges();
  private keyOwners: ReadonlyMap<string, KeyOwner> | undefined;
  private scriptOwners: ReadonlyMap<string, string> | undefined;
  private spenders: SpenderIndex | undefined;
  private edgeList: { readonly graph: Graph; readonly edges: readonly EdgeView[] } | undefined;
  private readonly nodeEdges = new WeakMap<GraphNode, readonly EdgeView[]>();
  /** The last answer, and where each node's view sits in it, for requests that leave the graph as it was. */
  private last:
    | {
        readonly graph: Graph;
        readonly assembled: ReadonlyMap<string, AssembledDraft>;
        readonly views: readonly NodeView[];
        readonly at: ReadonlyMap<string, number>;
      }
    | undefined;
  /** Which nodes' views name a txid, a script or a key, and which show time locks: what a chain or wallet change reaches. */
  private readonly byName = new Map<string, Set<string>>();
  private readonly timed = new Set<string>();
  /** The refusals the last views were built with. */
  private rejections: ReadonlyMap<string, unknown> = new Map();

  /** The graph's edges; an edge that was there before is the same object (its id says all it holds). */
  edges(graph: Graph): readonly EdgeView[] {
    const last = this.edgeList;
    if (last?.graph === graph) return last.edges;
    if (last && this.sameEdges(last.graph, graph)) {
      this.edgeList = { graph, edges: last.edges };
      return last.edges;
    }
    // A node's edges are its inputs': the same node object has the same edges.
    const edges: EdgeView[] = [];
    for (const node of graph.nodes) for (const edge of this.edgesOf(node)) edges.push(edge);
    this.edgeList = { graph, edges };
    return edges;
  }

  private edgesOf(node: GraphNode): readonly EdgeView[] {
    let own = this.nodeEdges.get(node);
    if (!own) {
      own = edgeViews({ nodes: [node] });
      this.nodeEdges.set(node, own);
    }
    return own;
  }

  /** Whether an edit that kept every node in its place kept every edge too (a signature, a field): then the list stands. */
  private sameEdges(before: Graph, after: Graph): boolean {
    const change = graphChange(before, after);
    if (!change) return false;
    for (const i of change.at) {
      const old = this.nodeEdges.get(before.nodes[i]!);
      const now = edgeViews({ nodes: [after.nodes[i]!] });
      if (!old || old.length !== now.length || now.some((e, k) => e.id !== old[k]!.id)) return false;
      this.nodeEdges.set(after.nodes[i]!, old);
    }
    return true;
  }

  /** Every graph node's view in graph order (nodes on a chain the workspace lacks have none). */
  views(
    ctx: ViewContext & {
      readonly keyOwners: ReadonlyMap<string, KeyOwner>;
      readonly scriptOwners: ReadonlyMap<string, string>;
      /** How the assembly differs from the one before, when it is known. */
      readonly step?: AssemblyStep;
    },
  ): NodeView[] {
    if (ctx.chains !== this.chains) {
      this.forgetAll();
      this.chains = ctx.chains;
    }
    const changes = this.chainChanges.read(ctx.chains);
    const owners = this.ownerChanges(ctx.keyOwners, ctx.scriptOwners);
    const spenders = this.spenders ? this.spenders.next(ctx.graph) : SpenderIndex.of(ctx.graph);
    const respent =
      this.spenders && this.spenders !== spenders && spenders.changedParents.size > 0
        ? spenders.changedParents
        : undefined;
    this.spenders = spenders;
    const rejected = this.rejectionChanges(ctx.rejections);
    const views =
      this.patchLast(ctx, changes, owners, respent, rejected) ?? this.compareAll(ctx, changes, owners, respent);
    this.last = { ...this.last!, graph: ctx.graph, assembled: ctx.assembled, views };
    return views;
  }

  /** Every node's entry compared with what it was built from. */
  private compareAll(
    ctx: ViewContext,
    changes: ReadonlyMap<string, ChainChange>,
    owners: ReadonlySet<string> | undefined,
    respent: ReadonlySet<string> | undefined,
  ): NodeView[] {
    const spenders = this.spenders!;
    // Most requests change nothing on a chain or in the wallets: then only the nodes' own objects are compared.
    const outside =
      owners === undefined ||
      owners.size > 0 ||
      [...changes.values()].some((c) => c.all || c.clockMoved || c.txids.size > 0);

    const views: NodeView[] = [];
    const at = new Map<string, number>();
    for (const node of ctx.graph.nodes) {
      const assembled = node.kind === 'draft' ? ctx.assembled.get(node.id) : undefined;
      const rejection = ctx.rejections.get(node.id);
      const old = this.entries.get(node.id);
      const fresh =
        old !== undefined &&
        old.node === node &&
        old.assembled === assembled &&
        old.rejection === rejection &&
        (respent === undefined || !respent.has(node.id)) &&
        (!outside || !touched(old, changes.get(node.chain), owners));
      const entry = fresh ? old : this.rebuild(node, assembled, rejection, ctx, spenders);
      if (entry.view) {
        at.set(node.id, views.length);
        views.push(entry.view);
      }
    }
    // Views of removed nodes are dropped at once: while a node is off the graph no change reaches its entry, so an
    // undo that brings the same object back must build it anew (a wallet renamed meanwhile, a block mined).
    if (this.entries.size > ctx.graph.nodes.length) {
      const ids = new Set(ctx.graph.nodes.map((n) => n.id));
      for (const [id, entry] of this.entries) if (!ids.has(id)) this.forget(id, entry);
    }
    this.last = { graph: ctx.graph, assembled: ctx.assembled, views, at };
    return views;
  }

  /** The nodes whose refusal is not the one their view was built with. */
  private rejectionChanges(rejections: ReadonlyMap<string, unknown>): Set<string> {
    const changed = new Set<string>();
    for (const [id, rejection] of this.rejections) if (rejections.get(id) !== rejection) changed.add(id);
    for (const [id, rejection] of rejections) if (this.rejections.get(id) !== rejection) changed.add(id);
    this.rejections = new Map(rejections);
    return changed;
  }

  /**
   * The last views with only the nodes a change reached rebuilt — the nodes an edit replaced
   * (when it kept every node in its place), the drafts assembled anew, the outputs spent by
   * others, what a chain or wallet change names, the refusals; undefined when the whole graph is
   * to be compared.
   */
  private patchLast(
    ctx: ViewContext & { readonly step?: AssemblyStep },
    changes: ReadonlyMap<string, ChainChange>,
    owners: ReadonlySet<string> | undefined,
    respent: ReadonlySet<string> | undefined,
    rejected: ReadonlySet<string>,
  ): NodeView[] | undefined {
    const last = this.last;
    if (!last || owners === undefined) return undefined;
    const dirty = new Set<string>(rejected);
    if (last.assembled !== ctx.assembled) {
      const since = ctx.step?.drafts === ctx.assembled ? ctx.step.since : undefined;
      if (since?.drafts !== last.assembled) return undefined;
      for (const id of since.changed) dirty.add(id);
    }
    if (last.graph !== ctx.graph) {
      const change = graphChange(last.graph, ctx.graph);
      if (!change) return undefined;
      for (const id of change.ids) dirty.add(id);
    }
    for (const id of respent ?? []) dirty.add(id);
    const reach = (name: string) => this.byName.get(name)?.forEach((id) => dirty.add(id));
    for (const [chain, change] of changes) {
      if (change.all) return undefined;
      for (const txid of change.txids) reach(txid);
      if (change.clockMoved) for (const id of this.timed) if (this.entries.get(id)?.node.chain === chain) dirty.add(id);
    }
    for (const name of owners) reach(name);
    if (dirty.size === 0) return [...last.views];
    const views = [...last.views];
    const spenders = this.spenders!;
    for (const id of dirty) {
      const node = spenders.nodeOf(id);
      if (!node) continue; // a node no longer in the graph, still filed under a name
      const old = this.entries.get(id);
      const position = last.at.get(id);
      // A node whose view appears or disappears moves the others: compare them all.
      if (!old || position === undefined) return undefined;
      const assembled = node.kind === 'draft' ? ctx.assembled.get(id) : undefined;
      const entry = this.rebuild(node, assembled, ctx.rejections.get(id), ctx, spenders);
      if (!entry.view) return undefined;
      views[position] = entry.view;
    }
    return views;
  }

  /** Builds a node's view and files it under what it names. */
  private rebuild(
    node: GraphNode,
    assembled: AssembledDraft | undefined,
    rejection: unknown,
    ctx: ViewContext,
    spenders: SpenderIndex,
  ): Entry {
    const old = this.entries.get(node.id);
    if (old) this.forget(node.id, old);
    const entry = this.build(node, assembled, rejection, ctx, spenders);
    this.entries.set(node.id, entry);
    for (const name of [...entry.txids, ...entry.scripts, ...entry.pubKeys]) {
      let ids = this.byName.get(name);
      if (!ids) this.byName.set(name, (ids = new Set()));
      ids.add(node.id);
    }
    if (entry.timed) this.timed.add(node.id);
    return entry;
  }

  private forget(id: string, entry: Entry): void {
    this.entries.delete(id);
    for (const name of [...entry.txids, ...entry.scripts, ...entry.pubKeys]) {
      const ids = this.byName.get(name);
      ids?.delete(id);
      if (ids?.size === 0) this.byName.delete(name);
    }
    this.timed.delete(id);
  }

  private forgetAll(): void {
    this.entries.clear();
    this.byName.clear();
    this.timed.clear();
    this.last = undefined;
  }

  private build(
    node: GraphNode,
    assembled: AssembledDraft | undefined,
    rejection: unknown,
    ctx: ViewContext,
    spenders: SpenderIndex,
  ): Entry {
    const view = nodeView(node, ctx, spenders.byOutput);
    const txids = new Set<string>();
    if (node.kind === 'chain') {
      txids.add(node.txid);
      for (const input of view?.inputs ?? []) if (input.prevout) txids.add(input.prevout.txid);
    } else {
      if (assembled) txids.add(assembled.record.txid);
      for (const p of assembled?.prevouts ?? []) if (p) txids.add(p.txid);
      for (const input of node.tx.inputs) {
        const ref = input.prevout;
        if (!ref) continue;
        if ('txid' in ref) txids.add(ref.txid);
        else {
          // An input spending a chain transaction on the canvas waits for it to be known.
          const parent = spenders.nodeOf(ref.node);
          if (parent?.kind === 'chain') txids.add(parent.txid);
        }
      }
    }
    return {
      node,
      assembled,
      rejection,
      view,
      txids: [...txids],
      scripts: view?.outputs.map((o) => o.scriptPubKeyHex) ?? [],
      pubKeys: view?.inputs.flatMap((i) => i.slots.map((s) => s.pubKey)) ?? [],
      timed: (view?.timelocks.length ?? 0) > 0,
    };
  }

  /** The keys and scripts whose owner changed; undefined when everything is to be rebuilt. */
  private ownerChanges(
    keyOwners: ReadonlyMap<string, KeyOwner>,
    scriptOwners: ReadonlyMap<string, string>,
  ): ReadonlySet<string> | undefined {
    const beforeKeys = this.keyOwners;
    const beforeScripts = this.scriptOwners;
    this.keyOwners = keyOwners;
    this.scriptOwners = scriptOwners;
    if (!beforeKeys || !beforeScripts) return undefined;
    const changed = new Set<string>();
    for (const [key, owner] of keyOwners) if (!sameOwner(beforeKeys.get(key), owner)) changed.add(key);
    for (const key of beforeKeys.keys()) if (!keyOwners.has(key)) changed.add(key);
    for (const [script, wallet] of scriptOwners) if (beforeScripts.get(script) !== wallet) changed.add(script);
    for (const script of beforeScripts.keys()) if (!scriptOwners.has(script)) changed.add(script);
    return changed;
  }
}

function sameOwner(a: KeyOwner | undefined, b: KeyOwner): boolean {
  return (
    a !== undefined &&
    a.walletId === b.walletId &&
    a.walletName === b.walletName &&
    a.keyId === b.keyId &&
    a.keyLabel === b.keyLabel
  );
}

/** Whether a chain change or a wallet change reaches what an entry shows. */
function touched(entry: Entry, change: ChainChange | undefined, owners: ReadonlySet<string> | undefined): boolean {
  if (owners === undefined) return true;
  if (change === undefined) return entry.view !== undefined; // its chain is gone
  if (change.all || (change.clockMoved && entry.timed)) return true;
  if (change.txids.size > 0 && entry.txids.some((t) => change.txids.has(t))) return true;
  if (owners.size > 0 && (entry.scripts.some((s) => owners.has(s)) || entry.pubKeys.some((k) => owners.has(k))))
    return true;
  return false;
}
