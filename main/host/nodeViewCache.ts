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
import type { Graph, GraphNode } from '../../shared/workspace/model';
import { type ChainChange, ChainChanges } from './chainChanges';
import type { ChainSet } from './chainSet';
import { edgeViews, type KeyOwner, nodeView, spenderIndex, type SpenderIndex, type ViewContext } from './nodeViews';

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

  /** The graph's edges; an edge that was there before is the same object (its id says all it holds). */
  edges(graph: Graph): readonly EdgeView[] {
    if (this.edgeList?.graph === graph) return this.edgeList.edges;
    const before = new Map(this.edgeList?.edges.map((e) => [e.id, e]));
    const edges = edgeViews(graph).map((e) => before.get(e.id) ?? e);
    this.edgeList = { graph, edges };
    return edges;
  }

  /** Every graph node's view in graph order (nodes on a chain the workspace lacks have none). */
  views(
    ctx: ViewContext & {
      readonly keyOwners: ReadonlyMap<string, KeyOwner>;
      readonly scriptOwners: ReadonlyMap<string, string>;
    },
  ): NodeView[] {
    if (ctx.chains !== this.chains) {
      this.entries.clear();
      this.chains = ctx.chains;
    }
    const changes = this.chainChanges.read(ctx.chains);
    const owners = this.ownerChanges(ctx.keyOwners, ctx.scriptOwners);
    const spenders = this.spenders?.graph === ctx.graph ? this.spenders : spenderIndex(ctx.graph, this.spenders);
    const respent =
      this.spenders && this.spenders !== spenders && spenders.changedParents.size > 0
        ? spenders.changedParents
        : undefined;
    this.spenders = spenders;
    // Most requests change nothing on a chain or in the wallets: then only the nodes' own objects are compared.
    const outside =
      owners === undefined ||
      owners.size > 0 ||
      [...changes.values()].some((c) => c.all || c.clockMoved || c.txids.size > 0);

    const views: NodeView[] = [];
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
      const entry = fresh ? old : this.build(node, assembled, rejection, ctx, spenders);
      if (!fresh) this.entries.set(node.id, entry);
      if (entry.view) views.push(entry.view);
    }
    // Views of removed nodes are dropped once they are many (a node back under its id is compared by object anyway).
    if (this.entries.size > 2 * ctx.graph.nodes.length + 64) {
      const ids = new Set(ctx.graph.nodes.map((n) => n.id));
      for (const id of this.entries.keys()) if (!ids.has(id)) this.entries.delete(id);
    }
    return views;
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
          const parent = spenders.byId.get(ref.node);
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
