/** Builds the WorkspaceView the renderer shows: nodes, edges, chains, wallets with balances (walletViews.ts), lesson. */
import { type ChainPolicy, isRuleLocked, POLICY_RULES, type PolicyRule } from '../../shared/chain/era';
import { CHAIN_IDS, type ChainId, type ChainRules } from '../../shared/chain/profiles';
import type {
  ChainSummary,
  HandoverView,
  LessonDatum,
  LessonView,
  Localized,
  NodeRulesView,
  NodeView,
  PolicyRuleView,
  WorkspaceView,
} from '../../shared/contract/views';
import { sameValue } from '../../shared/contract/viewPatch';
import { visibleText } from '../../shared/text/safeText';
import { assembleGraph } from '../../shared/workspace/assemble';
import { edgeViews, newViewCaches, nodeViews, type ViewCaches } from './nodeViews';
import { nodeRulesView } from './nodeRulesView';
import { ownership, pruneWalletCache, walletView } from './walletViews';
import type { Workbench } from './workbench';

/** Policies and rule sets are replaced, never changed, so their views are kept with them. */
const policyViews = new WeakMap<ChainPolicy, Record<PolicyRule, PolicyRuleView>>();
function rulesView(policy: ChainPolicy): Record<PolicyRule, PolicyRuleView> {
  let view = policyViews.get(policy);
  if (!view) {
    view = Object.fromEntries(
      POLICY_RULES.map((r): [PolicyRule, PolicyRuleView] => [
        r,
        { on: isRuleLocked(policy.era, r) || policy.rules[r], locked: isRuleLocked(policy.era, r) },
      ]),
    ) as Record<PolicyRule, PolicyRuleView>;
    policyViews.set(policy, view);
  }
  return view;
}

const nodeRulesViews = new WeakMap<ChainRules, NodeRulesView>();
function cachedNodeRulesView(rules: ChainRules): NodeRulesView {
  let view = nodeRulesViews.get(rules);
  if (!view) nodeRulesViews.set(rules, (view = nodeRulesView(rules)));
  return view;
}

/**
 * A chain's summary; with a cache, last time's object while it shows the same, so the page's
 * chain bar and the view patch see at once that nothing changed (most edits touch no chain).
 */
function chainSummary(
  bench: Workbench,
  id: ChainId,
  cache: ViewCaches['chains'] | undefined,
): ChainSummary | undefined {
  const summary = buildChainSummary(bench, id);
  if (!cache) return summary;
  const before = cache.get(id);
  if (!summary) {
    cache.delete(id);
    return undefined;
  }
  if (before && sameValue(before, summary)) return before;
  cache.set(id, summary);
  return summary;
}

function buildChainSummary(bench: Workbench, id: ChainId): ChainSummary | undefined {
  const chain = bench.chains.get(id);
  if (!chain) return undefined;
  const node = chain.primary;
  const place = chain.describe();
  return {
    id,
    name: node.profile.name,
    unit: node.profile.unit,
    height: node.height,
    tipHash: node.tip.block.hash,
    tipTime: node.tip.block.header.time,
    medianTimePast: node.tip.mtp,
    time: chain.clock.now(),
    targetSpacing: node.profile.targetSpacing,
    era: node.policy.era,
    rules: rulesView(node.policy),
    rbf: node.policy.rbf,
    nodeRules: cachedNodeRulesView(node.profile.rules),
    mempoolCount: node.mempool.size,
    mempoolVsize: node.mempool.totalVsize,
    backend: chain.kind,
    ...(place.realNode ? { realNode: place.realNode } : {}),
    nodes: place.nodes.map(({ name, node: n, real }) => ({
      name: visibleText(name),
      ...(real
        ? {
            real: {
              program: visibleText(real.program),
              ...(real.plays ? { plays: real.plays } : {}),
              local: real.local,
            },
          }
        : {}),
      height: n.height,
      tipHash: n.tip.block.hash,
      mempoolCount: n.mempool.size,
    })),
  };
}

/** Text of a file, as the page may show it (see shared/text/safeText.ts). */
function shownText(text: Localized, multiline = false): Localized {
  return { en: visibleText(text.en, { multiline }), zh: visibleText(text.zh, { multiline }) };
}

/** A lesson's chart or table: its labels may carry a file's words (a point's label, a wallet's name). */
function shownDatum(datum: LessonDatum): LessonDatum {
  if (datum.kind === 'table') {
    return {
      ...datum,
      title: shownText(datum.title),
      columns: datum.columns.map((c) => shownText(c)),
      rows: datum.rows.map((r) => ({
        label: shownText(r.label),
        cells: r.cells.map((c) => ({
          ...c,
          text: typeof c.text === 'string' ? visibleText(c.text) : shownText(c.text),
        })),
      })),
    };
  }
  return {
    ...datum,
    title: shownText(datum.title),
    xLabel: shownText(datum.xLabel),
    yLabel: shownText(datum.yLabel),
    series: datum.series.map((s) => ({ ...s, label: shownText(s.label) })),
  };
}

function lessonView(bench: Workbench, nodes: readonly NodeView[]): LessonView | undefined {
  const lesson = bench.doc.lesson;
  if (!lesson) return undefined;
  const steps = lesson.paths[lesson.path] ?? [];
  return {
    scenario: visibleText(bench.doc.name),
    path: visibleText(lesson.path),
    title: shownText(bench.doc.title),
    paths: Object.keys(lesson.paths).map((p) => visibleText(p)),
    steps: steps.map((s, index) => ({ index, title: shownText(s.title), narration: shownText(s.narration, true) })),
    position: lesson.position,
    ...(bench.lessonData.size > 0
      ? { data: Object.fromEntries([...bench.lessonData].map(([key, datum]) => [key, shownDatum(datum)])) }
      : {}),
    stage: bench.stage.view(bench, nodes),
  };
}

/**
 * The workspace as the page shows it. Node views come from the workbench's cache, rebuilt only
 * where something they show changed; `fresh` builds every one anew (what tests compare with).
 */
export function buildWorkspaceView(bench: Workbench, options: { readonly fresh?: boolean } = {}): WorkspaceView {
  const wallets = bench.wallets.listWallets();
  const own = ownership(wallets);
  const walletViews = wallets.map((w) => walletView(bench, w, options.fresh ? undefined : bench.viewCaches.wallets));
  if (!options.fresh) pruneWalletCache(bench.viewCaches.wallets, wallets);
  const handovers: HandoverView[] = bench.wallets.handovers().map((h) => ({
    time: h.time,
    from: visibleText(h.fromWalletName),
    to: visibleText(h.toWalletName),
    keyLabel: visibleText(h.keyLabel),
    reason: visibleText(h.reason),
  }));
  const step = options.fresh ? undefined : bench.assemblyStep();
  const assembled =
    step?.drafts ?? assembleGraph(bench.doc.graph, (chain, txid, vout) => bench.chains.lookupOutput(chain, txid, vout));
  const ctx = {
    graph: bench.doc.graph,
    assembled,
    chains: bench.chains,
    ownerOf: own.ownerOf,
    ownerOfScript: own.ownerOfScript,
    rejections: bench.rejections,
  };
  const nodes = options.fresh
    ? nodeViews({ ...ctx, caches: newViewCaches() })
    : bench.nodeViews.views({
        ...ctx,
        caches: bench.viewCaches,
        keyOwners: own.keyOwners,
        scriptOwners: own.scriptOwners,
        ...(step ? { step } : {}),
      });
  const lesson = lessonView(bench, nodes);
  return {
    revision: bench.revision,
    name: visibleText(bench.doc.name),
    nodes,
    edges: options.fresh ? edgeViews(bench.doc.graph) : bench.nodeViews.edges(bench.doc.graph),
    chains: CHAIN_IDS.map((c) => chainSummary(bench, c, options.fresh ? undefined : bench.viewCaches.chains)).filter(
      (c): c is ChainSummary => c !== undefined,
    ),
    wallets: walletViews,
    handovers,
    ...(lesson ? { lesson } : {}),
    modified: bench.switches.modified,
    canUndo: bench.canUndoEdit || bench.switches.canUndo,
    canRedo: bench.canRedoEdit || bench.switches.canRedo,
  };
}
