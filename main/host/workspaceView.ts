/** Builds the WorkspaceView the renderer shows: nodes, edges, chains, wallets with balances, lesson. */
import { toHex } from '../../shared/bitcoin/bytes';
import type { ChainNode } from '../../shared/chain/chainNode';
import { type ChainPolicy, isRuleLocked, POLICY_RULES, type PolicyRule } from '../../shared/chain/era';
import { CHAIN_IDS, type ChainId, type ChainRules } from '../../shared/chain/profiles';
import type {
  BalanceView,
  ChainSummary,
  HandoverView,
  LessonDatum,
  LessonView,
  Localized,
  NodeRulesView,
  NodeView,
  PolicyRuleView,
  WalletView,
  WorkspaceView,
} from '../../shared/contract/views';
import { sameValue } from '../../shared/contract/viewPatch';
import { visibleText } from '../../shared/text/safeText';
import { assembleGraph } from '../../shared/workspace/assemble';
import { p2shP2wpkhHex } from '../../shared/workspace/unlock';
import { edgeViews, type KeyOwner, newViewCaches, nodeViews, type ViewCaches } from './nodeViews';
import { nodeRulesView } from './nodeRulesView';
import type { WalletInfo } from './walletStore';
import type { Workbench } from './workbench';

/**
 * The output scripts a key can be paid to: P2PKH, P2WPKH, bare P2PK and P2SH-P2WPKH (in this
 * order: the RPC wallet lists the first two), and P2TR to a `taproot` key's BIP86 output key.
 */
export function scriptsOfKey(publicKey: string, pubKeyHash: string, taprootKey?: string): string[] {
  const scripts = [`76a914${pubKeyHash}88ac`, `0014${pubKeyHash}`, `21${publicKey}ac`, p2shP2wpkhHex(pubKeyHash)];
  return taprootKey === undefined ? scripts : [...scripts, `5120${taprootKey}`];
}

export interface Ownership {
  readonly ownerOf: (pubKeyHex: string) => KeyOwner | undefined;
  readonly ownerOfScript: (scriptHex: string) => string | undefined;
  /** A key by its HASH160, its P2SH-P2WPKH redeem script's, its BIP86 output key or its x-only form (see PubKeyByHash). */
  readonly keyByHash: (hashHex: string) => string | undefined;
  /** Every key's owner and every paid-to script's wallet, for telling what a wallet change touched. */
  readonly keyOwners: ReadonlyMap<string, KeyOwner>;
  readonly scriptOwners: ReadonlyMap<string, string>;
}

export function ownership(wallets: readonly WalletInfo[]): Ownership {
  const byPubKey = new Map<string, KeyOwner>();
  const byScript = new Map<string, string>();
  const byHash = new Map<string, string>();
  for (const w of wallets) {
    for (const k of w.keys) {
      const owner = { walletId: w.id, walletName: w.name, keyId: k.id, keyLabel: k.label };
      // The deriving wallet is the owner shown; a handed-over copy does not displace it.
      if (k.origin === 'derived' || !byPubKey.has(k.publicKey)) byPubKey.set(k.publicKey, owner);
      byHash.set(k.pubKeyHash, k.publicKey);
      byHash.set(p2shP2wpkhHex(k.pubKeyHash).slice(4, 44), k.publicKey);
      // A P2TR program is the output key itself: unlockFor finds the internal key by it.
      if (k.taprootKey !== undefined) byHash.set(k.taprootKey, k.publicKey);
      // A tapscript names a key x-only: a PSBT's leaf is matched to the wallet key by it.
      if (k.publicKey.length === 66) byHash.set(k.publicKey.slice(2), k.publicKey);
      if (k.origin === 'derived')
        for (const s of scriptsOfKey(k.publicKey, k.pubKeyHash, k.taprootKey)) byScript.set(s, w.name);
    }
  }
  return {
    ownerOf: (p) => byPubKey.get(p),
    ownerOfScript: (s) => byScript.get(s),
    keyByHash: (h) => byHash.get(h),
    keyOwners: byPubKey,
    scriptOwners: byScript,
  };
}

/**
 * A wallet's coins on one chain. A coinbase counts as confirmed once the next block may spend it
 * (consensus: 100 confirmations); `coreWallet` applies Bitcoin Core's wallet rule instead, which
 * waits one block more (101), so `getbalance` after 101 blocks says 50 as Core's does.
 */
export function walletBalance(
  node: ChainNode,
  wallet: WalletInfo,
  options: { readonly coreWallet?: boolean } = {},
): BalanceView {
  const maturity = node.profile.coinbaseMaturity + (options.coreWallet ? 1 : 0);
  let confirmed = 0n;
  let immature = 0n;
  let unconfirmed = 0n;
  const scripts = new Set<string>();
  for (const k of wallet.keys)
    if (k.origin === 'derived') for (const s of scriptsOfKey(k.publicKey, k.pubKeyHash, k.taprootKey)) scripts.add(s);
  for (const script of scripts) {
    for (const outpoint of node.coins.outpointsForScript(script)) {
      const coin = node.coins.get(outpoint)!;
      if (node.mempool.spenderOf(outpoint)) continue; // being spent: no longer ours to count
      if (coin.coinbase && node.height + 1 - coin.height < maturity) immature += coin.output.value;
      else confirmed += coin.output.value;
    }
  }
  for (const entry of node.mempool.all()) {
    entry.record.tx.outs.forEach((out, vout) => {
      if (scripts.has(toHex(out.script)) && !node.mempool.spenderOf(`${entry.record.txid}:${vout}`))
        unconfirmed += out.value;
    });
  }
  return { confirmed: confirmed.toString(), unconfirmed: unconfirmed.toString(), immature: immature.toString() };
}

/** Serials for chain nodes, so a stamp tells a chain replaced (a switch, a real node) from the one before. */
const serials = new WeakMap<object, number>();
let lastSerial = 0;
function serialOf(object: object): number {
  let serial = serials.get(object);
  if (serial === undefined) serials.set(object, (serial = ++lastSerial));
  return serial;
}

/** What a balance on `node` reads: its coins (which move only with the tip) and its mempool. */
function balanceStamp(node: ChainNode): string {
  return `${serialOf(node)}.${node.tip.block.hash}.${node.mempool.revision}`;
}

/**
 * A wallet's view. With a cache, the same object as last time while nothing it shows changed
 * (its name and keys, the chains its balances read): balances are the one part whose cost grows
 * with the chain, and an unchanged object costs the view patch nothing to compare. When only
 * the balances moved, the keys keep their objects too.
 */
function walletView(bench: Workbench, w: WalletInfo, cache: ViewCaches['wallets'] | undefined): WalletView {
  const keys = w.keys.map((k) => ({
    id: k.id,
    purpose: k.purpose,
    label: visibleText(k.label),
    publicKey: k.publicKey,
    path: k.path,
    ...(k.handedOverFrom ? { handedOverFrom: visibleText(k.handedOverFrom.walletName) } : {}),
  }));
  const nodes = CHAIN_IDS.map((c) => bench.chains.get(c)?.primary);
  const keyStamp = cache
    ? JSON.stringify([w.name, keys, w.keys.map((k) => [k.origin, k.pubKeyHash, k.taprootKey ?? ''])])
    : '';
  const chainStamp = cache ? nodes.map((node) => (node ? balanceStamp(node) : '-')).join('|') : '';
  const cached = cache?.get(w.id);
  const sameKeys = cached !== undefined && cached.keyStamp === keyStamp;
  if (sameKeys && cached.chainStamp === chainStamp) return cached.view;
  const balances = Object.fromEntries(
    CHAIN_IDS.map((c, i) => {
      const node = nodes[i];
      const balance = node ? walletBalance(node, w) : { confirmed: '0', unconfirmed: '0', immature: '0' };
      const before = cached?.view.balances[c];
      return [c, before && sameValue(before, balance) ? before : balance];
    }),
  ) as Record<ChainId, BalanceView>;
  const sameBalances = cached !== undefined && sameValue(cached.view.balances, balances);
  const view: WalletView =
    sameKeys && sameBalances
      ? cached.view
      : {
          id: w.id,
          name: sameKeys ? cached.view.name : visibleText(w.name),
          keys: sameKeys ? cached.view.keys : keys,
          balances: sameBalances ? cached.view.balances : balances,
        };
  cache?.set(w.id, { keyStamp, chainStamp, view });
  return view;
}

function pruneWalletCache(cache: Map<string, unknown>, wallets: readonly WalletInfo[]): void {
  if (cache.size <= wallets.length) return;
  const ids = new Set(wallets.map((w) => w.id));
  for (const id of cache.keys()) if (!ids.has(id)) cache.delete(id);
}

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
