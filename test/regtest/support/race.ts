/**
 * The Mt.Gox race on two real nodes (SPEC §3.2, §6). Node A is the exchange's, node B Mallory's,
 * whose miner takes her copy. One race: the exchange (shared/protocols/exchange.ts) pays a
 * withdrawal and sends it to A while A is cut off from B; Mallory takes it from A, mutates it
 * without any key (shared/protocols/malleability.ts) and offers the copy to B — to its mempool
 * (relay policy) and to its miner directly (generateblock: consensus only). Each miner finds a
 * block; B's miner finds the next one too, so B's branch is the common chain once they reconnect.
 * Then the exchange reads that chain, once tracking by txid (Mt.Gox) and once by what was paid.
 */
import { z } from 'zod';
import type { LocalDaemon } from '../../../main/backends/localDaemon';
import { concat, fromHex, hashToHex, toHex } from '../../../shared/bitcoin/bytes';
import { encodeDer } from '../../../shared/bitcoin/signatureEncoding';
import { Transaction } from '../../../shared/bitcoin/transaction';
import type { TxOutputLike } from '../../../shared/bitcoin/txTypes';
import { outpointKey, txRecord } from '../../../shared/chain/txRecord';
import {
  blockSummary,
  type ExchangeConfig,
  type ExchangeEvent,
  type ExchangeState,
  exchangeStep,
  initialExchange,
  summarizeLedger,
} from '../../../shared/protocols/exchange';
import { type MutationArea, type MutationKind, mutate } from '../../../shared/protocols/malleability';
import { keyScriptPubKey } from '../../../shared/protocols/outputs';
import type { KeyWrap } from '../../../shared/protocols/types';
import { assembleGraph, slotSighash, withSignature } from '../../../shared/workspace/assemble';
import type { DraftNode, TxDraft } from '../../../shared/workspace/model';
import type { TestKey } from '../generators/keys';
import { isolate, reconnect, waitForSameTip } from './network';
import { type Miner, rpc, testMempoolAccept } from './node';
import {
  compare,
  type Comparison,
  consensusFlagsAt,
  ENGINE_POLICY_FLAGS,
  engineVerdict,
  type ForkHeights,
  nodeVerdict,
  type NodeVerdict,
} from './verdicts';

export interface RaceCase {
  readonly wrap: KeyWrap;
  readonly kind: MutationKind;
  readonly area: MutationArea;
}

export const caseLabel = (c: RaceCase): string => `${c.wrap} ${c.area} ${c.kind}`;

export interface RaceEnv {
  /** The exchange's node. */
  readonly a: LocalDaemon;
  /** Mallory's node; its miner mines her copy. */
  readonly b: LocalDaemon;
  readonly minerA: Miner;
  readonly minerB: Miner;
  readonly forks: ForkHeights;
  readonly mallory: TestKey;
}

export interface TxIds {
  readonly txid: string;
  readonly wtxid: string;
  readonly hex: string;
}

export interface TrackerOutcome {
  readonly status: 'pending' | 'confirmed';
  readonly paidBy: string | undefined;
  /** Events in order, as `type` or `type:why`. */
  readonly events: readonly string[];
  readonly lossSat: bigint;
}

export interface RaceResult {
  readonly case: RaceCase;
  readonly label: string;
  readonly phase: string;
  /** Height of the two competing blocks. */
  readonly raceHeight: number;
  readonly original: TxIds;
  readonly copy: TxIds;
  /** B's decoderawtransaction of the copy. */
  readonly decodedCopy: { readonly txid: string; readonly hash: string };
  readonly nodePolicy: NodeVerdict;
  /** sendrawtransaction's reject reason equals testmempoolaccept's (or both accepted). */
  readonly sendAgrees: boolean;
  readonly nodeBlock: NodeVerdict;
  readonly policy: Comparison;
  readonly consensus: Comparison;
  /** wtxids of the non-coinbase transactions in each miner's race block. */
  readonly includedByA: readonly string[];
  readonly includedByB: readonly string[];
  /** The transaction that spent the exchange's coin on the common chain, as both nodes report it. */
  readonly confirmedOnA: { readonly txid: string; readonly hash: string; readonly height: number } | undefined;
  readonly confirmedOnB: { readonly txid: string; readonly hash: string; readonly height: number } | undefined;
  readonly winner: 'copy' | 'original' | 'none';
  /** A block of the common chain holds a transaction with the original's txid. */
  readonly originalTxidConfirmed: boolean;
  readonly originalInMempoolA: boolean;
  readonly byTxid: TrackerOutcome;
  readonly byOutputs: TrackerOutcome;
}

const WITHDRAWAL = 100_000_000n;
const EXCHANGE_COIN = 300_000_000n;
const FEE = 10_000n;
/** Blocks the txid tracker waits before it counts a withdrawal as failed and pays again. */
const RESEND_AFTER = 3;

const BlockTxs = z.object({
  height: z.number(),
  tx: z.array(z.object({ txid: z.string(), hash: z.string(), hex: z.string() })).min(1),
});
type BlockTxs = z.infer<typeof BlockTxs>;

async function blockAt(node: LocalDaemon, hashOrHeight: string | number): Promise<BlockTxs> {
  const hash =
    typeof hashOrHeight === 'string' ? hashOrHeight : await rpc(node, 'getblockhash', [hashOrHeight], z.string());
  return rpc(node, 'getblock', [hash, 2], BlockTxs);
}

const parse = (hex: string): Transaction => Transaction.fromHex(hex);

/** "TestBlockValidity failed: <reject reason>[, <debug message>]" → the reject reason. */
const blockReason = (message: string): string => message.replace(/^TestBlockValidity failed: /, '');

/** Signs every slot of a draft with `key`, as the keystore would (low S, strict DER). */
export function signDraft(
  draft: TxDraft,
  key: TestKey,
  lookup: (txid: string, vout: number) => TxOutputLike | undefined,
): Transaction {
  const node = (tx: TxDraft): DraftNode => ({
    kind: 'draft',
    id: 'tx',
    label: 'tx',
    chain: 'btc',
    template: 'custom',
    position: { x: 0, y: 0 },
    tx,
  });
  const assemble = (tx: TxDraft) =>
    assembleGraph({ nodes: [node(tx)] }, (_chain, txid, vout) => lookup(txid, vout)).get('tx')!;
  let signed = draft;
  for (const slot of assemble(draft).slots) {
    const sighash = slotSighash(assemble(signed), slot);
    if (!sighash) throw new Error(`input ${slot.input} spends an output the test does not know`);
    signed = withSignature(signed, slot, concat(encodeDer(key.sign(sighash.digest)), Uint8Array.of(slot.sighashType)));
  }
  return assemble(signed).record.tx;
}

/** The exchange twice: Mt.Gox's txid tracking and the fix (tracking what the chain did). */
class Trackers {
  byTxid: ExchangeState;
  byOutputs: ExchangeState;
  readonly events: { byTxid: ExchangeEvent[]; byOutputs: ExchangeEvent[] } = { byTxid: [], byOutputs: [] };

  constructor(config: Omit<ExchangeConfig, 'tracking'>) {
    this.byTxid = initialExchange({ ...config, tracking: 'txid' });
    this.byOutputs = initialExchange({ ...config, tracking: 'outputs' });
  }

  /**
   * `onlyTxid`: the txid tracker's own second payment. Both share one wallet here, so the other
   * tracker must not see it: it never paid again.
   */
  step(
    command: Parameters<typeof exchangeStep>[1],
    onlyTxid = false,
  ): { byTxid: readonly ExchangeEvent[]; byOutputs: readonly ExchangeEvent[] } {
    const a = exchangeStep(this.byTxid, command);
    this.byTxid = a.state;
    this.events.byTxid.push(...a.events);
    if (onlyTxid) return { byTxid: a.events, byOutputs: [] };
    const b = exchangeStep(this.byOutputs, command);
    this.byOutputs = b.state;
    this.events.byOutputs.push(...b.events);
    return { byTxid: a.events, byOutputs: b.events };
  }

  block(block: BlockTxs, onlyTxid = false): ReturnType<Trackers['step']> {
    return this.step(
      {
        type: 'block',
        block: blockSummary(
          block.height,
          block.tx.map((t) => txRecord(parse(t.hex))),
        ),
      },
      onlyTxid,
    );
  }

  outcome(which: 'byTxid' | 'byOutputs', withdrawalId: string): TrackerOutcome {
    const state = this[which];
    const w = state.withdrawals[withdrawalId]!;
    return {
      status: w.status,
      paidBy: w.paidBy,
      events: this.events[which].map((e) => (e.type === 'stuck' ? `stuck:${e.why}` : e.type)),
      lossSat: summarizeLedger(state).loss,
    };
  }
}

/** Outputs of every transaction the test has seen, for signing drafts that spend them. */
class Outputs {
  private readonly known = new Map<string, TxOutputLike>();
  add(tx: Transaction): void {
    const txid = tx.getId();
    tx.outs.forEach((o, vout) => this.known.set(outpointKey(txid, vout), o));
  }
  readonly lookup = (txid: string, vout: number): TxOutputLike | undefined => this.known.get(outpointKey(txid, vout));
}

function pickPayment(events: readonly ExchangeEvent[]): TxDraft | undefined {
  const pay = events.find((e): e is Extract<ExchangeEvent, { type: 'pay' }> => e.type === 'pay');
  return pay?.draft;
}

/** The transaction spending `outpoint` in blocks `from`..tip of `node`'s active chain. */
async function spenderOnChain(node: LocalDaemon, outpoint: string, from: number, to: number) {
  for (let h = from; h <= to; h++) {
    const block = await blockAt(node, h);
    for (const t of block.tx.slice(1)) {
      const tx = parse(t.hex);
      if (tx.ins.some((input) => outpointKey(hashToHex(input.hash), input.index) === outpoint))
        return { txid: t.txid, hash: t.hash, height: h };
    }
  }
  return undefined;
}

async function containsTxid(node: LocalDaemon, txid: string, from: number, to: number): Promise<boolean> {
  for (let h = from; h <= to; h++) if ((await blockAt(node, h)).tx.some((t) => t.txid === txid)) return true;
  return false;
}

/** One race. Nodes must be connected and synced; they are again afterwards. */
export async function runRace(env: RaceEnv, c: RaceCase, phase: string, exchangeKey: TestKey): Promise<RaceResult> {
  const { a, b, minerA, minerB } = env;
  const outputs = new Outputs();
  const exchangeScript = keyScriptPubKey(exchangeKey.publicKey, c.wrap);
  const withdrawalId = 'w1';

  // The exchange's hot-wallet coin, confirmed on both nodes.
  const [coin] = await minerA.fund([{ scriptPubKey: exchangeScript, amount: EXCHANGE_COIN }]);
  const [fundedAt] = await minerA.mine(1);
  await waitForSameTip([a, b]);
  const funding = await blockAt(a, fundedAt!);
  for (const t of funding.tx) outputs.add(parse(t.hex));
  const coinOutpoint = outpointKey(hashToHex(coin!.hash), coin!.index);

  const trackers = new Trackers({ pubKey: exchangeKey.publicKey, wrap: c.wrap, fee: FEE, resendAfter: RESEND_AFTER });
  trackers.block(funding);
  const paid = trackers.step({
    type: 'withdraw',
    id: withdrawalId,
    customer: 'Mallory',
    amount: WITHDRAWAL,
    scriptPubKey: toHex(keyScriptPubKey(env.mallory.publicKey, c.wrap)),
  });
  const draft = pickPayment(paid.byTxid);
  if (!draft) throw new Error(`${caseLabel(c)}: the exchange did not pay: ${JSON.stringify(paid.byTxid)}`);
  const original = signDraft(draft, exchangeKey, outputs.lookup);
  const originalIds = ids(original);
  trackers.step({ type: 'sent', withdrawalId, txid: originalIds.txid });

  // The race: A and B apart, the original at A, Mallory's copy at B.
  await isolate(a, [b]);
  await rpc(a, 'sendrawtransaction', [originalIds.hex], z.string());
  // Mallory reads the exchange's transaction from the network (A's mempool) and mutates it.
  const seen = await rpc(a, 'getrawtransaction', [originalIds.txid], z.string());
  const mutated = mutate(fromHex(seen), 0, c.kind, c.area);
  if (!mutated.ok) throw new Error(`${caseLabel(c)}: ${mutated.error.message}`);
  const copy = ids(mutated.value.tx);
  const decodedCopy = await rpc(
    b,
    'decoderawtransaction',
    [copy.hex],
    z.object({ txid: z.string(), hash: z.string() }),
  );

  const raceHeight = funding.height + 1;
  const prevouts = [{ scriptPubKey: exchangeScript, amount: EXCHANGE_COIN }];
  const mempool = await testMempoolAccept(b, copy.hex);
  const nodePolicy = nodeVerdict(mempool.allowed, mempool.reason);
  // sendrawtransaction must give the same answer (it is what a peer's relay would meet).
  let sendAgrees = true;
  if (!mempool.allowed) {
    const sent = await b.rpc.call('sendrawtransaction', [copy.hex], z.string());
    sendAgrees = !sent.ok && sent.error.code === 'REJECTED' && sent.error.detail === mempool.reason;
  }
  // B's miner takes the copy straight into a block: only consensus rules apply.
  const block = await minerB.generateBlock([copy.hex]);
  if (!block.ok && block.error.code !== 'REJECTED') throw new Error(`generateblock: ${block.error.message}`);
  const nodeBlock = block.ok ? nodeVerdict(true, undefined) : nodeVerdict(false, blockReason(block.error.detail ?? ''));
  const hashB = block.ok ? block.value.hash : (await minerB.mine(1))[0]!;
  const [hashA] = await minerA.mine(1);
  const included = async (node: LocalDaemon, hash: string) =>
    (await blockAt(node, hash)).tx.slice(1).map((t) => t.hash);
  const includedByA = await included(a, hashA!);
  const includedByB = await included(b, hashB);

  // Mallory's miner is lucky twice: B's branch is longer, and A follows it once they reconnect.
  await minerB.mine(1);
  await reconnect(a, b);
  await waitForSameTip([a, b]);
  await minerA.mine(1);
  await waitForSameTip([a, b]);
  const tip = raceHeight + 2;

  const confirmedOnA = await spenderOnChain(a, coinOutpoint, raceHeight, tip);
  const confirmedOnB = await spenderOnChain(b, coinOutpoint, raceHeight, tip);
  const winner =
    confirmedOnA === undefined
      ? 'none'
      : confirmedOnA.hash === copy.wtxid && copy.wtxid !== originalIds.wtxid
        ? 'copy'
        : confirmedOnA.hash === originalIds.wtxid
          ? 'original'
          : 'none';
  const originalTxidConfirmed = await containsTxid(a, originalIds.txid, raceHeight, tip);
  const originalInMempoolA = (await rpc(a, 'getrawmempool', [], z.array(z.string()))).includes(originalIds.txid);

  // The exchange reads the common chain.
  for (let h = raceHeight; h <= tip; h++) {
    const blockH = await blockAt(a, h);
    for (const t of blockH.tx) outputs.add(parse(t.hex));
    const events = trackers.block(blockH);
    const again = pickPayment(events.byTxid);
    if (!again) continue;
    // It believes the withdrawal failed and pays again, for real.
    const second = signDraft(again, exchangeKey, outputs.lookup);
    const secondIds = ids(second);
    trackers.step({ type: 'sent', withdrawalId, txid: secondIds.txid }, true);
    await rpc(a, 'sendrawtransaction', [secondIds.hex], z.string());
    const [mined] = await minerA.mine(1);
    await waitForSameTip([a, b]);
    trackers.block(await blockAt(a, mined!), true);
  }

  return {
    case: c,
    label: caseLabel(c),
    phase,
    raceHeight,
    original: originalIds,
    copy,
    decodedCopy,
    nodePolicy,
    sendAgrees,
    nodeBlock,
    policy: compare(engineVerdict(mutated.value.tx, prevouts, ENGINE_POLICY_FLAGS), nodePolicy),
    consensus: compare(engineVerdict(mutated.value.tx, prevouts, consensusFlagsAt(raceHeight, env.forks)), nodeBlock),
    includedByA,
    includedByB,
    confirmedOnA,
    confirmedOnB,
    winner,
    originalTxidConfirmed,
    originalInMempoolA,
    byTxid: trackers.outcome('byTxid', withdrawalId),
    byOutputs: trackers.outcome('byOutputs', withdrawalId),
  };
}

function ids(tx: Transaction): TxIds {
  const record = txRecord(tx);
  return { txid: record.txid, wtxid: record.wtxid, hex: tx.toHex() };
}
