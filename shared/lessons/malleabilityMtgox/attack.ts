/**
 * The Mt.Gox attack, round by round, on the workspace's own 2014 network. The exchange is the
 * pure model of shared/protocols/exchange.ts; this task plays the host's part for it (adds its
 * payment to the graph, signs it with the Exchange wallet and broadcasts it through the contract,
 * feeds it the blocks its node sees) and Mallory's part (mutate, send, complain). Every chain
 * change goes through the host (applyChain), so the workspace's history replays the whole attack.
 */
import { toHex } from '../../bitcoin/bytes';
import { errText, errWithin, ok, type Result } from '../../contract/result';
import {
  blockSummary,
  type ExchangeCommand,
  type ExchangeState,
  exchangeStep,
  initialExchange,
  summarizeLedger,
} from '../../protocols/exchange';
import { mutate } from '../../protocols/malleability';
import { p2pkhScriptPubKey } from '../../protocols/outputs';
import type { TxDraft } from '../../workspace/model';
import { factsTable, table, yesNo } from '../../scenario/lessonData';
import type { LessonHost, TaskReport } from '../host';
import { bilingual } from '../narration';
import { en } from './en';
import type { MtgoxAttackParams } from './tasks';
import { zh } from './zh';

const say = bilingual(en, zh).tasks.attack;

/** Seconds between Mallory's looks at her node, and the wait for everything in flight to arrive. */
const POLL = 1;
const SPREAD = 60;
const MAX_POLLS = 600;

type Outcome = {
  round: number;
  txid: string;
  copyTxid: string;
  copySent: string;
  miner: string;
  copyFirst: boolean;
  copyMined: boolean;
  paidAgain: boolean;
};

export async function mtgoxAttackTask(host: LessonHost, p: MtgoxAttackParams): Promise<Result<TaskReport>> {
  const chain = host.simulated('btc');
  if (!chain) return errText('INVALID_STATE', 'lesson.task.raceNeedsNetwork');
  const net = chain.network;
  const names = net.specs.map((s) => s.name);
  for (const n of [p.exchangeNode, p.malloryNode, ...p.peers])
    if (!names.includes(n)) return errText('NOT_FOUND', 'lesson.task.noPeer', { chain: 'btc', peer: n });
  const exchangeKey = host.publicKey('Exchange', 'Exchange');
  const malloryKey = host.publicKey('Mallory', 'Mallory');
  if (!exchangeKey || !malloryKey) return errText('INVALID_STATE', 'lesson.task.needsExchangeMallory');
  const primary = chain.primary;
  const mallory = net.nodes[names.indexOf(p.malloryNode)]!;
  const ownScript = toHex(p2pkhScriptPubKey(exchangeKey));
  const malloryScript = toHex(p2pkhScriptPubKey(malloryKey));
  const coins = [...primary.coins.outpointsForScript(ownScript)].map((outpoint) => ({
    outpoint,
    value: primary.coins.get(outpoint)!.output.value,
  }));
  let state: ExchangeState = {
    ...initialExchange(
      { pubKey: exchangeKey, wrap: 'p2pkh', fee: BigInt(p.fee), resendAfter: 1_000, tracking: p.tracking },
      primary.height,
    ),
    coins,
  };
  const amount = BigInt(p.amount);
  const rows: Outcome[] = [];
  // One row per round, two rows below the lowest node: the hot wallet's coins (a tall node) stay clear.
  const baseRow = Math.max(0, ...host.graph().nodes.map((n) => n.position.y)) + 380;

  /** Adds the exchange's payment to the graph, signs and broadcasts it through the contract. */
  const payOut = async (id: string, draft: TxDraft, row: number, col: number): Promise<Result<string>> => {
    const nodeId = host.freeId(id);
    host.editGraph({
      nodes: [
        ...host.graph().nodes,
        {
          kind: 'draft',
          id: nodeId,
          label: nodeId,
          chain: 'btc',
          template: 'p2pkh-payment',
          position: { x: 40 + col * 320, y: baseRow + row * 190 },
          tx: draft,
        },
      ],
    });
    const signed = await host.calls['tx.sign']({ node: nodeId, wallet: 'Exchange', sighashType: 1 });
    if (!signed.ok) return signed;
    const sent = await host.calls['tx.broadcast']({ node: nodeId, via: p.exchangeNode });
    if (!sent.ok) return sent;
    if (!sent.value.broadcast.accepted)
      return errText('INVALID_STATE', 'lesson.task.paymentRefused', {
        node: nodeId,
        reason: String(sent.value.broadcast.reason),
      });
    return ok(sent.value.broadcast.txid);
  };
  const step = async (
    command: ExchangeCommand,
    round: number,
    label: string,
    col: number,
  ): Promise<Result<string[]>> => {
    const r = exchangeStep(state, command);
    state = r.state;
    const paid: string[] = [];
    for (const e of r.events) {
      if (e.type === 'error') return errWithin('INVALID_STATE', { key: 'lesson.task.exchangeSays' }, e.error);
      if (e.type !== 'pay') continue;
      const txid = await payOut(label, e.draft, round - 1, col);
      if (!txid.ok) return txid;
      state = exchangeStep(state, { type: 'sent', withdrawalId: e.withdrawalId, txid: txid.value }).state;
      paid.push(txid.value);
    }
    return ok(paid);
  };
  const advance = (seconds: number) => host.applyChain({ op: 'advanceTime', chain: 'btc', seconds });
  const mineOne = async (): Promise<Result<string>> => {
    await advance(SPREAD);
    const mined = await host.calls['chain.mine']({ chain: 'btc', count: 1, to: { wallet: 'Miner' } });
    if (!mined.ok) return mined;
    while (state.height < primary.height) {
      const height = state.height + 1;
      state = exchangeStep(state, {
        type: 'block',
        block: blockSummary(height, primary.blockAt(height)!.block.txs),
      }).state;
    }
    return ok(primary.tip.block.minedBy);
  };

  let successes = 0;
  for (let round = 1; round <= p.maxRounds && (p.untilSuccesses === 0 || successes < p.untilSuccesses); round++) {
    await host.tick();
    host.progress({ task: 'mtgox-attack', done: round - 1, total: p.maxRounds });
    const id = `w${state.height}-${round}`;
    const paid = await step(
      { type: 'withdraw', id, customer: 'Mallory', amount, scriptPubKey: malloryScript },
      round,
      `W${round}`,
      0,
    );
    if (!paid.ok) return paid;
    const txid = paid.value[0]!;
    // Mallory looks at her node once a second until the withdrawal is there.
    let polls = 0;
    while (!mallory.mempool.has(txid) && polls++ < MAX_POLLS) await advance(POLL);
    const original = mallory.mempool.get(txid)?.record.tx;
    if (!original) return errText('INVALID_STATE', 'lesson.task.neverReached', { peer: p.malloryNode });
    const copy = mutate(original, 0, p.mutation);
    if (!copy.ok)
      return errWithin('INVALID_STATE', { key: 'lesson.task.mutation', params: { mutation: p.mutation } }, copy.error);
    const copyHex = toHex(copy.value.raw);
    // Her own node already holds the original and refuses the copy; what counts is whether a pool took it.
    let copySent = 'refused';
    for (const via of [p.malloryNode, ...p.peers]) {
      const r = await host.applyChain({ op: 'broadcast', chain: 'btc', hex: copyHex, via });
      if (r.op !== 'broadcast') continue;
      if (r.outcome.ok) copySent = 'accepted';
      else if (copySent !== 'accepted' && via === p.malloryNode) copySent = r.outcome.rejection.reason;
    }
    await advance(SPREAD);
    const firstSeen = new Map(net.nodes.map((n, i) => [names[i]!, n.mempool.has(copy.value.txid)]));
    const miner = await mineOne();
    if (!miner.ok) return miner;
    const copyMined = primary.locateTx(copy.value.txid) !== undefined;
    let paidAgain = false;
    if (copyMined) {
      successes++;
      const copyId = host.freeId(`W${round}-copy`);
      host.editGraph({
        nodes: [
          ...host.graph().nodes,
          {
            kind: 'chain',
            id: copyId,
            label: `W${round} (Mallory)`,
            chain: 'btc',
            txid: copy.value.txid,
            position: { x: 40 + 320, y: baseRow + (round - 1) * 190 },
          },
        ],
      });
      // "My withdrawal never arrived": the exchange looks for its txid, does not find it confirmed, and may pay again.
      const again = await step({ type: 'complaint', withdrawalId: id }, round, `W${round}-resend`, 2);
      if (!again.ok) return again;
      paidAgain = again.value.length > 0;
      if (paidAgain) {
        const m = await mineOne();
        if (!m.ok) return m;
      }
    }
    rows.push({
      round,
      txid,
      copyTxid: copy.value.txid,
      copySent,
      miner: miner.value,
      copyFirst: firstSeen.get(miner.value) ?? false,
      copyMined,
      paidAgain,
    });
  }

  const ledger = summarizeLedger(state);
  const paidAgain = rows.filter((r) => r.paidAgain).length;
  const lossMatches = ledger.loss === BigInt(paidAgain) * amount;
  host.showLessonData(
    'mtgox.rounds',
    table(
      say.title,
      [say.withdrawalTxid, say.copy, say.foundBy, say.mined, say.paidAgain],
      rows.map((r) => ({
        label: say.round({ round: r.round }),
        cells: [
          `${r.txid.slice(0, 8)}…`,
          r.copySent === 'accepted'
            ? `${r.copyTxid.slice(0, 8)}…`
            : { text: say.refused({ reason: r.copySent }), tone: 'good' as const },
          r.miner,
          r.copyMined ? { text: say.theCopy, tone: 'bad' as const } : { text: say.theOriginal, tone: 'good' as const },
          r.paidAgain ? { text: yesNo(true), tone: 'bad' as const } : { text: yesNo(false) },
        ],
      })),
    ),
  );
  host.showLessonData(
    'mtgox.summary',
    factsTable(say.ledger.title, [
      { id: 'rounds', label: say.ledger.rounds, value: rows.length },
      {
        id: 'successes',
        label: say.ledger.successes,
        value: rows.filter((r) => r.copyMined).length,
        tone: 'bad',
      },
      {
        id: 'paidAgain',
        label: say.ledger.paidAgain,
        value: paidAgain,
        tone: paidAgain > 0 ? 'bad' : 'good',
      },
      {
        id: 'requestedSat',
        label: say.ledger.requestedSat,
        value: Number(ledger.byDestination.find((d) => d.scriptPubKey === malloryScript)?.requested ?? 0n),
      },
      {
        id: 'paidSat',
        label: say.ledger.paidSat,
        value: Number(ledger.byDestination.find((d) => d.scriptPubKey === malloryScript)?.paid ?? 0n),
      },
      {
        id: 'lossSat',
        label: say.ledger.lossSat,
        value: Number(ledger.loss),
        tone: ledger.loss > 0n ? 'bad' : 'good',
      },
      {
        id: 'lossIsOneWithdrawalPerWin',
        label: say.ledger.lossIsOneWithdrawalPerWin,
        value: lossMatches,
        tone: lossMatches ? 'good' : 'bad',
      },
    ]),
  );
  host.changed();
  return ok({
    detail: `${rows.length} round(s), copy mined in ${rows.filter((r) => r.copyMined).length}, paid again ${paidAgain}, loss ${ledger.loss} sat`,
    txids: rows.map((r) => r.txid),
  });
}
