/**
 * Node views: what the canvas and the inspector show for each graph node — ids, sizes, fee,
 * inputs and outputs with their scripts, the status at a glance, and the resolved time locks.
 */
import { scriptToAddress } from '../../shared/bitcoin/address';
import { toAsm } from '../../shared/bitcoin/asm';
import { hashToHex, toHex } from '../../shared/bitcoin/bytes';
import { opcodeLongName } from '../../shared/bitcoin/opcodes';
import { solve } from '../../shared/bitcoin/scriptType';
import { PrecomputedTx, TransactionSignatureChecker } from '../../shared/bitcoin/checker';
import { type Transaction, verifyInput } from '../../shared/bitcoin/transaction';
import type { Prevout } from '../../shared/bitcoin/txTypes';
import type { ChainNode } from '../../shared/chain/chainNode';
import type { TxRecord } from '../../shared/chain/txRecord';
import { draftWarnings } from '../../shared/chain/draftWarnings';
import { policyFlags } from '../../shared/chain/era';
import { PROFILES } from '../../shared/chain/profiles';
import { fail } from '../../shared/contract/result';
import type {
  ChainSummary,
  DraftWarning,
  EdgeView,
  InputView,
  NodeStatus,
  NodeView,
  OutputView,
  ScriptVerdictView,
  SlotView,
  WalletView,
} from '../../shared/contract/views';
import type { AssembledDraft, PrevoutInfo } from '../../shared/workspace/assemble';
import type { Graph, GraphNode, LockDescriptor } from '../../shared/workspace/model';
import { visibleText } from '../../shared/text/safeText';
import { type ChainClockView, draftTimelocks, resolveTimelocks } from '../../shared/workspace/timelocks';
import type { ChainSet } from './chainSet';
import type { WalletInfo } from './walletStore';
import { SpenderIndex } from './spenders';
import { taprootPathOf, taprootTreeView } from './taprootViews';
import type { TaprootTreeView } from '../../shared/contract/taprootViews';
import { templatePayType } from './templates';
import {
  addressType,
  isNestedLock,
  isNestedP2wpkhUnlock,
  type TypeNote,
  typeNotes,
} from '../../shared/workspace/payTypes';

export interface KeyOwner {
  readonly walletId: string;
  readonly walletName: string;
  readonly keyId: string;
  readonly keyLabel: string;
}

/**
 * What a view can reuse from the last one: verdicts per assembled draft (the same bytes, prevouts
 * and flags give the same verdict; scripts cost hashing and signature checks), and the ASM,
 * address and type of each script seen. The workbench keeps one for its lifetime.
 */
export interface ViewCaches {
  readonly verdicts: WeakMap<
    AssembledDraft,
    { readonly flags: number; readonly verdicts: readonly ScriptVerdictView[] }
  >;
  readonly scripts: Map<string, ScriptFacts>;
  /** Each wallet's view, the wallet info it was made from, and the stamps of what it showed (workspaceView.ts). */
  readonly wallets: Map<
    string,
    {
      readonly info: WalletInfo;
      readonly keyStamp: string;
      readonly chainStamps: readonly string[];
      readonly view: WalletView;
    }
  >;
  /** Each chain's last summary (workspaceView.ts). */
  readonly chains: Map<string, ChainSummary>;
}

interface ScriptFacts {
  readonly asm: string;
  readonly type: ReturnType<typeof solve>['type'];
  readonly address: string | undefined;
}

/** Enough for every script of a big graph; past it the table starts again (it is only a cache). */
const MAX_CACHED_SCRIPTS = 20_000;

export function newViewCaches(): ViewCaches {
  return { verdicts: new WeakMap(), scripts: new Map(), wallets: new Map(), chains: new Map() };
}

function outputScriptFacts(
  script: Uint8Array,
  scriptHex: string,
  chain: GraphNode['chain'],
  caches: ViewCaches | undefined,
): ScriptFacts {
  const key = `${chain}:${scriptHex}`;
  const known = caches?.scripts.get(key);
  if (known) return known;
  const facts: ScriptFacts = {
    asm: toAsm(script),
    type: solve(script).type,
    address: scriptToAddress(script, PROFILES[chain].network),
  };
  if (caches) {
    if (caches.scripts.size >= MAX_CACHED_SCRIPTS) caches.scripts.clear();
    caches.scripts.set(key, facts);
  }
  return facts;
}

export interface ViewContext {
  readonly caches?: ViewCaches;
  readonly graph: Graph;
  readonly assembled: ReadonlyMap<string, AssembledDraft>;
  readonly chains: ChainSet;
  readonly ownerOf: (pubKeyHex: string) => KeyOwner | undefined;
  readonly ownerOfScript: (scriptHex: string) => string | undefined;
  readonly rejections: ReadonlyMap<string, { reason: string; message: string }>;
}

function clockView(node: ChainNode): ChainClockView {
  return {
    height: node.height,
    medianTimePast: node.tip.mtp,
    confirmationHeight: (txid) => node.locateTx(txid)?.height,
    medianTimeBefore: (height) => (height > 0 ? node.blockAt(height - 1)?.mtp : undefined),
  };
}

export function edgeViews(graph: Graph): EdgeView[] {
  const edges: EdgeView[] = [];
  for (const n of graph.nodes) {
    if (n.kind !== 'draft') continue;
    n.tx.inputs.forEach((i, k) => {
      if (i.prevout && 'node' in i.prevout) {
        edges.push({
          id: `${i.prevout.node}:${i.prevout.output}->${n.id}:${k}`,
          from: { node: i.prevout.node, output: i.prevout.output },
          to: { node: n.id, input: k },
        });
      }
    });
  }
  return edges;
}

/**
 * Where the chain has this transaction. Found by txid, which does not cover the witness: when the
 * chain's copy has another wtxid (the same spend signed another way, e.g. a Taproot key path and
 * a leaf), the status says so instead of claiming this draft's witness is on the chain.
 */
function chainStatus(node: ChainNode, record: Pick<TxRecord, 'txid' | 'wtxid' | 'tx'>): NodeStatus | undefined {
  const { txid, tx } = record;
  const other = (wtxid: string | undefined): { otherWitness?: string } =>
    wtxid !== undefined && wtxid !== record.wtxid ? { otherWitness: wtxid } : {};
  const loc = node.locateTx(txid);
  if (loc) {
    const onChain = node.blockAt(loc.height)?.block.txs[loc.position]?.wtxid;
    return { kind: 'confirmed', height: loc.height, blockHash: loc.blockHash, ...other(onChain) };
  }
  const pending = node.mempool.get(txid);
  if (pending) return { kind: 'mempool', ...other(pending.record.wtxid) };
  for (const input of tx.ins) {
    const outpoint = `${hashToHex(input.hash)}:${input.index}`;
    const confirmed = node.confirmedSpender(outpoint);
    if (confirmed && confirmed !== txid) return { kind: 'conflicted', by: confirmed, byConfirmed: true };
    const pending = node.mempool.spenderOf(outpoint);
    if (pending && pending !== txid) return { kind: 'conflicted', by: pending, byConfirmed: false };
  }
  return undefined;
}

/**
 * Every input's spent output, or undefined while one is unconnected: a Taproot signature commits to
 * all of them (BIP341), so without them every Schnorr check fails (TAPROOT_SPENT_OUTPUTS_MISSING).
 */
export function spentOutputs(prevouts: readonly (PrevoutInfo | undefined)[]): Prevout[] | undefined {
  if (prevouts.some((p) => !p)) return undefined;
  return prevouts.map((p) => ({ scriptPubKey: p!.output.script, amount: p!.output.value }));
}

const UNCONNECTED: ScriptVerdictView = fail({ code: 'UNCONNECTED', message: 'this input does not spend anything yet' });

/** Every input's scripts with the chain's relay flags (what a broadcast would check). */
export function verdicts(
  node: ChainNode,
  tx: Transaction,
  prevouts: readonly (PrevoutInfo | undefined)[],
): ScriptVerdictView[] {
  const flags = policyFlags(node.policy, node.profile.rules);
  const precomputed = new PrecomputedTx(tx, spentOutputs(prevouts));
  return tx.ins.map((_, i): ScriptVerdictView => {
    const p = prevouts[i];
    if (!p) return UNCONNECTED;
    // Through the node's signature cache: a signed draft is shown again on every call.
    const checker = new TransactionSignatureChecker(
      tx,
      i,
      p.output.value,
      precomputed,
      node.sigCache.verify,
      undefined,
      node.sigCache.verifySchnorr,
    );
    const v = verifyInput(tx, i, { scriptPubKey: p.output.script, amount: p.output.value }, flags, { checker });
    if (v.ok) return v;
    const at = v.error.at;
    return fail({
      code: v.error.code,
      message: v.error.message,
      ...(at
        ? { script: at.script, offset: at.offset, ...(at.opcode >= 0 ? { opcode: opcodeLongName(at.opcode) } : {}) }
        : {}),
    });
  });
}

function cachedVerdicts(
  a: AssembledDraft,
  node: ChainNode,
  caches: ViewCaches | undefined,
): readonly ScriptVerdictView[] {
  const flags = policyFlags(node.policy, node.profile.rules);
  const known = caches?.verdicts.get(a);
  if (known && known.flags === flags) return known.verdicts;
  const fresh = verdicts(node, a.record.tx, a.prevouts);
  caches?.verdicts.set(a, { flags, verdicts: fresh });
  return fresh;
}

function draftStatus(a: AssembledDraft, node: ChainNode, caches: ViewCaches | undefined): NodeStatus {
  const onChain = chainStatus(node, a.record);
  if (onChain) return onChain;
  const signed = a.slots.filter((s) => s.signed).length;
  // A MuSig2 slot with some partial signatures is partly signed too: its signature is on its way.
  const started = signed > 0 || a.slots.some((s) => (s.musig?.partials.length ?? 0) > 0);
  if (!a.connected || signed < a.slots.length) {
    // A k-of-n tapscript (CHECKSIGADD) needs only k of its n slots: enough once every script passes.
    const enough = a.connected && signed > 0 && cachedVerdicts(a, node, caches).every((v) => v.ok);
    if (!enough) return started ? { kind: 'partly-signed', signed, total: a.slots.length } : { kind: 'draft' };
  }
  const all = cachedVerdicts(a, node, caches);
  const failed = all.findIndex((v) => !v.ok);
  const verdict = all[failed];
  if (verdict && !verdict.ok) {
    const v = verdict.error;
    return {
      kind: 'invalid',
      input: failed,
      error: v.code,
      message: v.message,
      ...(v.opcode ? { opcode: v.opcode } : {}),
      ...(v.script ? { script: v.script } : {}),
      ...(v.offset !== undefined ? { offset: v.offset } : {}),
    };
  }
  return { kind: 'signed' };
}

/** A lock descriptor's words (a template name, a summary) come from the file: shown, never obeyed. */
function shownLock(lock: LockDescriptor): LockDescriptor {
  return lock.kind === 'script'
    ? {
        ...lock,
        template: visibleText(lock.template),
        ...(lock.summary !== undefined ? { summary: visibleText(lock.summary) } : {}),
      }
    : lock;
}

function treeOf(lock: LockDescriptor | undefined, ctx: ViewContext): { taprootTree?: TaprootTreeView } {
  const tree = lock?.kind === 'p2tr-tree' ? taprootTreeView(lock, ctx.ownerOf) : undefined;
  return tree ? { taprootTree: tree } : {};
}

function outputViews(
  tx: Transaction,
  node: GraphNode,
  ctx: ViewContext,
  spentBy: ReadonlyMap<string, string>,
  chainNode: ChainNode,
  txid: string,
): OutputView[] {
  return tx.outs.map((o, index) => {
    const draftOutput = node.kind === 'draft' ? node.tx.outputs[index] : undefined;
    const scriptHex = toHex(o.script);
    const facts = outputScriptFacts(o.script, scriptHex, node.chain, ctx.caches);
    const address = facts.address;
    const scriptOwner = ctx.ownerOfScript(scriptHex);
    const owner = draftOutput?.owner ?? scriptOwner;
    // The only P2SH scripts wallets own are their keys' P2SH-P2WPKH ones (workspaceView.scriptsOfKey).
    const nested = facts.type === 'scripthash' && (isNestedLock(draftOutput?.lock) || scriptOwner !== undefined);
    const spendingNode = spentBy.get(`${node.id}:${index}`);
    const spendingTx =
      chainNode.confirmedSpender(`${txid}:${index}`) ?? chainNode.mempool.spenderOf(`${txid}:${index}`);
    return {
      index,
      value: o.value.toString(),
      scriptPubKeyHex: scriptHex,
      scriptPubKeyAsm: facts.asm,
      type: facts.type,
      ...(address ? { address } : {}),
      ...(owner ? { owner: visibleText(owner) } : {}),
      ...(draftOutput?.label ? { label: visibleText(draftOutput.label) } : {}),
      ...(draftOutput?.lock ? { lock: shownLock(draftOutput.lock) } : {}),
      ...treeOf(draftOutput?.lock, ctx),
      ...(nested ? { nested: true } : {}),
      ...(spendingNode || spendingTx
        ? { spentBy: { ...(spendingNode ? { node: spendingNode } : {}), ...(spendingTx ? { txid: spendingTx } : {}) } }
        : {}),
    };
  });
}

export function nodeView(
  node: GraphNode,
  ctx: ViewContext,
  spentBy: ReadonlyMap<string, string> = SpenderIndex.of(ctx.graph).byOutput,
): NodeView | undefined {
  const chain = ctx.chains.get(node.chain);
  if (!chain) return undefined;
  const primary = chain.primary;
  const common = {
    id: node.id,
    kind: node.kind,
    label: visibleText(node.label),
    chain: node.chain,
    position: node.position,
  };
  if (node.kind === 'chain') {
    const record = ctx.chains.findRecord(node.chain, node.txid);
    if (!record) return undefined;
    return {
      ...common,
      template: 'chain',
      version: record.tx.version,
      locktime: record.tx.locktime,
      txid: record.txid,
      wtxid: record.wtxid,
      size: record.size,
      vsize: record.vsize,
      weight: record.weight,
      inputs: record.tx.ins.map((i, index) => ({
        index,
        prevout: { txid: hashToHex(i.hash), vout: i.index },
        sequence: i.sequence,
        scriptSigHex: toHex(i.script),
        scriptSigAsm: toAsm(i.script, true),
        witness: i.witness.map(toHex),
        slots: [],
      })),
      outputs: outputViews(record.tx, node, ctx, spentBy, primary, record.txid),
      status: chainStatus(primary, record) ?? { kind: 'signed' },
      timelocks: [],
    };
  }
  const a = ctx.assembled.get(node.id);
  if (!a) return undefined;
  const tx = a.record.tx;
  let fee: bigint | undefined;
  if (a.prevouts.every((p) => p !== undefined)) {
    fee = a.prevouts.reduce((sum, p) => sum + p.output.value, 0n) - tx.outs.reduce((sum, o) => sum + o.value, 0n);
  }
  const inputs: InputView[] = node.tx.inputs.map((input, index) => {
    const p = a.prevouts[index];
    const slots: SlotView[] = a.slots
      .filter((s) => s.input === index)
      .map((s) => {
        const owner = ctx.ownerOf(s.pubKey);
        return {
          area: s.area,
          item: s.item,
          pubKey: s.pubKey,
          sighashType: s.sighashType,
          signed: s.signed,
          ...(owner
            ? { owner: { ...owner, walletName: visibleText(owner.walletName), keyLabel: visibleText(owner.keyLabel) } }
            : {}),
        };
      });
    const ref = input.prevout;
    const path = taprootPathOf(ctx.graph, ref, input.unlock);
    return {
      index,
      ...(p
        ? {
            prevout: {
              txid: p.txid,
              vout: p.vout,
              ...(ref && 'node' in ref ? { node: ref.node, output: ref.output } : {}),
            },
            amount: p.output.value.toString(),
            prevoutType: solve(p.output.script).type,
            ...(isNestedP2wpkhUnlock(input.unlock) ? { prevoutNested: true } : {}),
          }
        : {}),
      sequence: input.sequence,
      scriptSigHex: toHex(tx.ins[index]!.script),
      scriptSigAsm: toAsm(tx.ins[index]!.script, true),
      witness: tx.ins[index]!.witness.map(toHex),
      slots,
      ...(path !== undefined ? { taprootPath: path } : {}),
    };
  });
  const rejection = ctx.rejections.get(node.id);
  const locks = resolveTimelocks(
    draftTimelocks(node.tx),
    clockView(primary),
    a.prevouts.map((p) => p?.txid),
    a.record.txid,
  );
  const outputs = outputViews(tx, node, ctx, spentBy, primary, a.record.txid);
  const status = draftStatus(a, primary, ctx.caches);
  const warnings =
    status.kind === 'mempool' || status.kind === 'confirmed'
      ? []
      : warningsOf(a.prevouts, tx.outs, inputs, outputs, a.record.vsize);
  const notes =
    status.kind === 'mempool' || status.kind === 'confirmed'
      ? []
      : notesOf(templatePayType(node.template), a.prevouts, inputs, outputs);
  return {
    ...common,
    template: node.template,
    version: node.tx.version,
    locktime: node.tx.locktime,
    txid: a.record.txid,
    wtxid: a.record.wtxid,
    size: a.record.size,
    vsize: a.record.vsize,
    weight: a.record.weight,
    ...(fee !== undefined
      ? { fee: fee.toString(), feeRate: Math.round((Number(fee) / a.record.vsize) * 100) / 100 }
      : {}),
    inputs,
    outputs,
    status,
    timelocks: locks,
    ...(rejection ? { lastRejection: rejection } : {}),
    ...(warnings.length > 0 ? { warnings } : {}),
    ...(notes.length > 0 ? { typeNotes: notes } : {}),
  };

  /** A payment template on a coin of another type: what it builds (its input unlocks as the coin asks). */
  function notesOf(
    template: ReturnType<typeof templatePayType>,
    prevouts: readonly (PrevoutInfo | undefined)[],
    inputViews: readonly InputView[],
    views: readonly OutputView[],
  ): TypeNote[] {
    if (!template) return [];
    return typeNotes({
      template,
      coins: inputViews.map((i, k) => {
        const p = prevouts[k];
        return p ? addressType(p.output.script, i.prevoutNested === true) : undefined;
      }),
      outputs: views.map((o) => (o.scriptPubKeyHex === '' ? undefined : addressType(o.scriptPubKeyHex, o.nested))),
    });
  }

  function warningsOf(
    prevouts: readonly (PrevoutInfo | undefined)[],
    outs: Transaction['outs'],
    inputViews: readonly InputView[],
    views: readonly OutputView[],
    vsize: number,
  ): DraftWarning[] {
    // The spender is the owner of the keys that sign: a fact of the view the node cache tracks
    // (its slots' keys), so a wallet renamed is a rebuilt view, never a stale name.
    const spender = inputViews.flatMap((i) => i.slots).find((s) => s.owner)?.owner?.walletName;
    return draftWarnings({
      inputsTotal: prevouts.every((p) => p !== undefined)
        ? prevouts.reduce((s, p) => s + p.output.value, 0n)
        : undefined,
      outputs: outs,
      vsize,
      dustRelayFeeRate: primary.profile.rules.dustRelayFeeRate,
      spender,
      paysSpender: spender !== undefined && views.some((o) => o.owner === spender),
    });
  }
}

export function nodeViews(ctx: ViewContext): NodeView[] {
  const spentBy = SpenderIndex.of(ctx.graph).byOutput;
  return ctx.graph.nodes.map((n) => nodeView(n, ctx, spentBy)).filter((v): v is NodeView => v !== undefined);
}
