/**
 * Throughput on a sandbox 2014 chain (1 MB blocks): a crowd of one-input, two-output P2PKH
 * payments (~226 bytes) arrives at a seeded Poisson rate with fee rates drawn from a list, on top
 * of a backlog already waiting; a block comes every ten minutes (fixed here: the randomness of
 * block times is the subject of the reorg statistics). The tables and charts — block sizes, the
 * mempool backlog, fee rate against waiting time — go to the lesson panel. The workspace's own
 * chains are untouched.
 *
 * The sandbox node runs every payment through its mempool's checks and scripts (the signature's
 * encoding, the key's hash), but takes signatures by the crowd's key as valid without verifying
 * them, or computing the sighash they would sign (SigCache.trustKey). So the crowd's payments carry placeholder
 * signatures (simKey.ts: DER, low S, r and s from a generator seeded by the seed, 71 or 72 bytes
 * as real ones are): signing 14,000 payments for real took two thirds of the run and changed
 * nothing the node or the lesson looks at but which payment is 225 bytes and which 226. The
 * fan-outs that fund them are really signed, and really verified.
 */
import { Transaction } from '../../bitcoin/transaction';
import { ChainNode } from '../../chain/chainNode';
import { SimClock } from '../../chain/clock';
import { defaultPolicy } from '../../chain/era';
import { mineOne } from '../../chain/mining';
import { BTC_REGTEST } from '../../chain/profiles';
import { type TxRecord, txRecord } from '../../chain/txRecord';
import { errText, ok, type Result } from '../../contract/result';
import { utf8 } from '../../bitcoin/bytes';
import { sha256 } from '../../bitcoin/hashes';
import { SeededRng } from '../../rng';
import { chart, factsTable, table } from '../../scenario/lessonData';
import { runToEnd, type Sliced } from '../../scenario/tasks/slices';
import { type LessonHost, SandboxFailed, type SandboxJob, type TaskReport } from '../host';
import { bilingual } from '../narration';
import { simKey } from '../simKey';
import { en } from './en';
import type { ThroughputParams } from './tasks';
import { zh } from './zh';

const say = bilingual(en, zh).tasks.throughput;

const SPACING = BTC_REGTEST.targetSpacing;
const OUTPUTS_PER_FANOUT = 2_500;
/** Every crowd payment sends this and returns the rest as change (two outputs, like most payments). */
const PAYMENT = 100_000n;

interface Pending {
  readonly arrived: number;
  readonly feeRate: number;
}

export interface ThroughputResult {
  readonly blocks: readonly { height: number; txs: number; size: number; interval: number }[];
  readonly backlog: readonly (readonly [number, number])[];
  readonly waits: ReadonlyMap<number, { confirmed: number[]; waiting: number }>;
  readonly avgTxSize: number;
  readonly arrivals: number;
  readonly elapsed: number;
}

export function simulateThroughput(
  seed: number,
  p: ThroughputParams,
  onProgress?: (done: number, total: number) => void,
): ThroughputResult {
  return runToEnd(throughputSliced(seed, p), (progress) => onProgress?.(progress.done, progress.total));
}

/** `simulateThroughput`, yielding every few hundred payments. */
function* throughputSliced(seed: number, p: ThroughputParams): Sliced<ThroughputResult> {
  const rng = new SeededRng(seed);
  const clock = new SimClock(1_388_534_400); // 2014-01-01: the lesson's era
  const node = new ChainNode({ profile: BTC_REGTEST, policy: defaultPolicy('2014'), clock, name: 'sandbox' });
  const crowd = simKey(seed, 'throughput crowd');
  const script = crowd.script;
  // Its own generator, so that fee rates and arrival times are drawn as they were before placeholders.
  const signatures = new SeededRng(u32Of(sha256(utf8(`throughput signatures:${seed}`))));
  const mine = () => {
    clock.advance(SPACING);
    return mineOne(node, { coinbaseScript: script, minerTag: 'sandbox', time: clock.now() });
  };

  // Enough coins for every payment: coinbases split into thousands of outputs by fan-out transactions.
  const expected = p.backlog + Math.ceil(p.arrivalTps * SPACING * p.blocks * 1.3) + 200;
  const fanouts = Math.ceil(expected / OUTPUTS_PER_FANOUT);
  const coinbases = Array.from({ length: fanouts }, () => mine().txs[0]!);
  for (let i = 0; i < BTC_REGTEST.coinbaseMaturity; i++) mine();
  const coins: { txid: Uint8Array; vout: number; value: bigint }[] = [];
  for (const cb of coinbases) {
    const tx = new Transaction();
    tx.version = 1;
    tx.addInput(cb.hash, 0, 0xffffffff);
    const each = (cb.tx.outs[0]!.value - 1_000_000n) / BigInt(OUTPUTS_PER_FANOUT);
    for (let i = 0; i < OUTPUTS_PER_FANOUT; i++) tx.addOutput(script, each);
    crowd.sign(tx);
    const record = txRecord(tx);
    const accepted = node.acceptToMempool(record);
    if (!accepted.ok)
      throw new SandboxFailed(
        errText('INVALID_STATE', 'lesson.task.fanOutRefused', { reason: accepted.rejection.reason }),
      );
    for (let i = 0; i < OUTPUTS_PER_FANOUT; i++) coins.push({ txid: record.hash, vout: i, value: each });
  }
  while (node.mempool.size > 0) mine();
  // From here on the crowd's payments carry placeholders, which the node takes as this key's signatures.
  node.sigCache.trustKey(crowd.pubKey);

  const payment = (feeRate: number): TxRecord => {
    const coin = coins.pop();
    if (!coin) throw new SandboxFailed(errText('INVALID_STATE', 'lesson.task.outOfCoins'));
    const tx = new Transaction();
    tx.version = 1;
    tx.addInput(coin.txid, coin.vout, 0xffffffff);
    // A one-input, two-output P2PKH payment is 225 or 226 bytes (the signature's length varies by one).
    const fee = BigInt(Math.ceil(feeRate * 226));
    tx.addOutput(script, PAYMENT);
    tx.addOutput(script, coin.value - PAYMENT - fee);
    crowd.placeholderSign(tx, signatures);
    return txRecord(tx);
  };

  const pending = new Map<string, Pending>();
  const waits = new Map<number, { confirmed: number[]; waiting: number }>(
    p.feeRates.map((r) => [r, { confirmed: [], waiting: 0 }]),
  );
  let sizeTotal = 0;
  let arrivals = 0;
  const submit = (at: number) => {
    const feeRate = rng.pick(p.feeRates);
    const record = payment(feeRate);
    if (!node.acceptToMempool(record).ok) return;
    pending.set(record.txid, { arrived: at, feeRate });
    sizeTotal += record.size;
    arrivals++;
  };
  const SLICE = 200;

  const start = clock.exact();
  for (let i = 0; i < p.backlog; i++) {
    submit(start);
    if (i % SLICE === SLICE - 1) yield { done: arrivals, total: expected };
  }
  const backlog: [number, number][] = [[0, node.mempool.size]];
  const blocks: { height: number; txs: number; size: number; interval: number }[] = [];
  let nextArrival = start + rng.exponential(1 / p.arrivalTps);
  let lastBlock = start;
  for (let b = 0; b < p.blocks; b++) {
    const blockAt = lastBlock + SPACING;
    while (nextArrival < blockAt) {
      clock.advanceTo(nextArrival);
      submit(nextArrival);
      nextArrival += rng.exponential(1 / p.arrivalTps);
      if (arrivals % SLICE === 0) yield { done: arrivals, total: expected };
    }
    clock.advanceTo(blockAt);
    backlog.push([(blockAt - start) / 60, node.mempool.size]);
    const block = mineOne(node, { coinbaseScript: script, minerTag: 'sandbox', time: clock.now() });
    for (const t of block.txs.slice(1)) {
      const entry = pending.get(t.txid);
      if (!entry) continue;
      waits.get(entry.feeRate)!.confirmed.push((blockAt - entry.arrived) / 60);
      pending.delete(t.txid);
    }
    backlog.push([(blockAt - start) / 60, node.mempool.size]);
    blocks.push({
      height: node.height,
      txs: block.txs.length - 1,
      size: block.size,
      interval: (blockAt - lastBlock) / 60,
    });
    lastBlock = blockAt;
  }
  for (const entry of pending.values()) waits.get(entry.feeRate)!.waiting++;
  return { blocks, backlog, waits, avgTxSize: sizeTotal / Math.max(1, arrivals), arrivals, elapsed: lastBlock - start };
}

const u32Of = (bytes: Uint8Array): number =>
  ((bytes[0]! << 24) | (bytes[1]! << 16) | (bytes[2]! << 8) | bytes[3]!) >>> 0;
const mean = (xs: readonly number[]): number =>
  xs.length === 0 ? Number.NaN : xs.reduce((a, b) => a + b, 0) / xs.length;
const r1 = (x: number): number => Math.round(x * 10) / 10;

export async function throughputTask(host: LessonHost, p: ThroughputParams): Promise<Result<TaskReport>> {
  const sim = await host.sandbox(throughputJob(host.seed, p), ({ done, total }) =>
    host.progress({ task: 'throughput', done, total }),
  );
  const fullest = Math.max(...sim.blocks.map((b) => b.txs));
  const confirmedTotal = sim.blocks.reduce((s, b) => s + b.txs, 0);
  const rates = [...p.feeRates].sort((a, b) => a - b);
  // A fee rate whose payments partly never confirmed waited at least until the end: counted so.
  const waitOf = (rate: number) => {
    const w = sim.waits.get(rate)!;
    return {
      mean: mean(w.confirmed),
      share: w.confirmed.length / Math.max(1, w.confirmed.length + w.waiting),
      waiting: w.waiting,
    };
  };
  const low = waitOf(rates[0]!);
  const high = waitOf(rates.at(-1)!);
  const lowWaitsLonger = low.share < high.share || (low.share === high.share && low.mean > high.mean);
  host.showLessonData(
    'throughput.blocks',
    table(
      say.blocks.title,
      [say.blocks.transactions, say.blocks.size, say.blocks.sinceLast],
      sim.blocks.map((b) => ({
        label: say.blocks.block({ height: b.height }),
        cells: [b.txs, b.size, r1(b.interval)],
      })),
    ),
  );
  host.showLessonData(
    'throughput.backlog',
    chart('line', say.backlog.title, say.backlog.x, say.backlog.y, [
      { label: say.backlog.mempool, points: sim.backlog },
    ]),
  );
  host.showLessonData(
    'throughput.feeVsWait',
    chart('bar', say.feeVsWait.title, say.feeVsWait.x, say.feeVsWait.y, [
      {
        label: say.feeVsWait.meanWait,
        points: rates.map((r) => [r, r1(Number.isNaN(waitOf(r).mean) ? 0 : waitOf(r).mean)] as const),
      },
      {
        label: say.feeVsWait.confirmedShare,
        points: rates.map((r) => [r, Math.round(waitOf(r).share * 100)] as const),
      },
    ]),
  );
  host.showLessonData(
    'throughput.summary',
    factsTable(say.summary.title, [
      {
        id: 'fullestBlockTxs',
        label: say.summary.fullestBlockTxs,
        value: fullest,
      },
      {
        id: 'avgTxSize',
        label: say.summary.avgTxSize,
        value: r1(sim.avgTxSize),
      },
      {
        id: 'capacityTps',
        label: say.summary.capacityTps,
        value: r1(fullest / SPACING),
      },
      {
        id: 'observedTps',
        label: say.summary.observedTps,
        value: r1(confirmedTotal / sim.elapsed),
      },
      { id: 'arrivals', label: say.summary.arrivals, value: sim.arrivals },
      {
        id: 'stillWaiting',
        label: say.summary.stillWaiting,
        value: sim.arrivals - confirmedTotal,
        tone: 'bad',
      },
      {
        id: 'lowFeeConfirmedPercent',
        label: say.summary.confirmedAt({ rate: rates[0]! }),
        value: Math.round(low.share * 100),
      },
      {
        id: 'highFeeConfirmedPercent',
        label: say.summary.confirmedAt({ rate: rates.at(-1)! }),
        value: Math.round(high.share * 100),
      },
      {
        id: 'lowFeesWaitLonger',
        label: say.summary.lowFeesWaitLonger,
        value: lowWaitsLonger,
        tone: lowWaitsLonger ? 'good' : 'bad',
      },
    ]),
  );
  return ok({
    detail: `${sim.arrivals} payments, ${sim.blocks.length} blocks, fullest ${fullest} transactions, ${r1(fullest / SPACING)} tx/s`,
  });
}

/** The crowd's blocks as a background job (the host may compute it ahead): same seed and parameters, same result. */
export function throughputJob(seed: number, params: ThroughputParams): SandboxJob<ThroughputResult> {
  return { key: JSON.stringify(['throughput', seed, params]), make: () => throughputSliced(seed, params) };
}
