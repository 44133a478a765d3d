/**
 * Two sandbox experiments of the malleability lesson. The odds: the Mt.Gox race of mtgox.ts
 * repeated hundreds of times on a copy of the workspace's network (same nodes, hash shares and
 * delays), each withdrawal spending the change of the one before; the share Mallory wins is
 * compared with what the delays predict. The matrix: every mutation judged by a real node with
 * each rule switched on, and the same mutations of a SegWit payment's witness.
 */
import { Transaction } from '../../bitcoin/transaction';
import { ChainNode } from '../../chain/chainNode';
import { SimClock } from '../../chain/clock';
import { defaultPolicy, type PolicyRule, type Era } from '../../chain/era';
import { mineOne } from '../../chain/mining';
import { SimNetwork } from '../../chain/network';
import { SigCache } from '../../chain/sigcache';
import { BTC_REGTEST } from '../../chain/profiles';
import { txRecord } from '../../chain/txRecord';
import { errText, errWithin, ok, type Result } from '../../contract/result';
import { mutate, MUTATIONS, mutationTable, policyWith } from '../../protocols/malleability';
import { SeededRng } from '../../rng';
import type { ChainConfig } from '../../scenario/chainActions';
import { chart, factsTable, type Text, table, type Tone } from '../../scenario/lessonData';
import { runToEnd, type Sliced } from '../../scenario/tasks/slices';
import { type LessonHost, SandboxFailed, type SandboxJob, type TaskReport } from '../host';
import { bilingual } from '../narration';
import { simKey } from '../simKey';
import { en } from './en';
import type { MalleabilityOddsParams } from './tasks';
import { zh } from './zh';

const say = bilingual(en, zh).tasks;

/** The malleability-odds sandbox pays every race from the change of one 50 BTC coinbase, with this fee a race. */
export const ODDS_SANDBOX = { coin: 50n * 100_000_000n, fee: 10_000n } as const;

const POLL = 1;
/** Mallory's looks before she gives up on a payment: more than the longest delay a file may set (3,600 s). */
const MAX_POLLS = 4_000;
const SPREAD = 60;
const FEE = ODDS_SANDBOX.fee;

/** P(the copy, sent at Mallory's first look after the original reached her, beats the original to a pool): X, Y ~ U[a, b]. */
export function copyFirstOdds(a: number, b: number, poll = POLL): number {
  if (b <= a) return 0;
  let p = 0;
  for (let k = Math.ceil(a / poll); k * poll - poll < b; k++) {
    const ceilIsK = Math.max(0, Math.min(k * poll, b) - Math.max((k - 1) * poll, a)) / (b - a);
    const yLater = Math.min(1, Math.max(0, (b - k * poll) / (b - a)));
    p += ceilIsK * yLater;
  }
  return p;
}

export interface RaceOdds {
  readonly races: number;
  readonly wins: number;
  readonly running: readonly (readonly [number, number])[];
  readonly predicted: number;
  readonly peerShare: number;
  readonly perPool: number;
}

export function raceOdds(
  seed: number,
  config: ChainConfig,
  p: MalleabilityOddsParams,
  onProgress?: (done: number) => void,
): RaceOdds {
  return runToEnd(raceOddsSliced(seed, config, p), (progress) => onProgress?.(progress.done));
}

/** `raceOdds`, yielding every ten races. */
function* raceOddsSliced(seed: number, config: ChainConfig, p: MalleabilityOddsParams): Sliced<RaceOdds> {
  const specs = config.nodes ?? [];
  const names = specs.map((s) => s.name);
  const index = (n: string) => names.indexOf(n);
  const exchange = simKey(seed, 'odds exchange');
  const mallory = simKey(seed, 'odds mallory');
  const clock = new SimClock(config.startTime);
  const net = new SimNetwork({
    profile: BTC_REGTEST,
    policy: defaultPolicy(config.era),
    clock,
    rng: new SeededRng(seed).fork(),
    nodes: specs.map((s) => ({ name: s.name, hashShare: s.hashShare ?? 0, coinbaseScript: exchange.script })),
    ...(config.txDelay ? { txDelay: config.txDelay } : {}),
    ...(config.blockDelay ? { blockDelay: config.blockDelay } : {}),
    // One signature cache for the sandbox's nodes: each would verify the same few signatures again.
    sigCache: new SigCache(),
  });
  const miner = specs.findIndex((s) => (s.hashShare ?? 0) > 0);
  for (let i = 0; i <= BTC_REGTEST.coinbaseMaturity; i++) {
    clock.advance(BTC_REGTEST.targetSpacing);
    net.mineAt(miner);
    net.settle();
  }
  const first = net.nodes[0]!.blockAt(1)!.block.txs[0]!;
  let coin = { hash: first.hash, vout: 0, value: first.tx.outs[0]!.value };
  const amount = BigInt(p.amount);
  // Every race pays from the change of the one before: the one coinbase must cover them all.
  if (BigInt(p.races) * (amount + FEE) >= coin.value) {
    throw new SandboxFailed(
      errText('INVALID_STATE', 'lesson.task.oddsCoinTooSmall', {
        btc: String(coin.value / 100_000_000n),
        races: p.races,
        amount: String(amount),
      }),
    );
  }
  let wins = 0;
  const running: [number, number][] = [];
  for (let race = 1; race <= p.races; race++) {
    const tx = new Transaction();
    tx.version = 1;
    tx.addInput(coin.hash, coin.vout, 0xffffffff);
    tx.addOutput(mallory.script, amount);
    tx.addOutput(exchange.script, coin.value - amount - FEE);
    exchange.sign(tx);
    const original = txRecord(tx);
    if (!net.submit(index(p.exchangeNode), original).ok)
      throw new SandboxFailed(errText('INVALID_STATE', 'lesson.task.oddsWithdrawalRefused'));
    const t0 = clock.exact();
    // Mallory looks once a second until the payment reaches her node; the delays bound the wait.
    for (let k = 1; !net.nodes[index(p.malloryNode)]!.mempool.has(original.txid); k++) {
      if (k > MAX_POLLS)
        throw new SandboxFailed(errText('INVALID_STATE', 'lesson.task.oddsNeverReached', { peer: p.malloryNode }));
      net.runUntil(t0 + k * POLL);
    }
    const copy = mutate(tx, 0, p.mutation);
    if (!copy.ok) throw new SandboxFailed(errWithin('INVALID_STATE', { key: 'lesson.task.oddsNoCopy' }, copy.error));
    const copyRecord = txRecord(copy.value.tx);
    for (const via of [p.malloryNode, ...p.peers]) net.submit(index(via), copyRecord);
    net.runUntil(clock.exact() + SPREAD);
    clock.advance(BTC_REGTEST.targetSpacing);
    const block = net.mineAt(net.drawMiner());
    net.settle();
    const won = block.txs.some((t) => t.txid === copyRecord.txid);
    if (won) wins++;
    const mined = won ? copyRecord : original;
    coin = { hash: mined.hash, vout: 1, value: mined.tx.outs[1]!.value };
    if (race % 10 === 0 || race === p.races) {
      running.push([race, Math.round((wins / race) * 1000) / 10]);
      yield { done: race, total: p.races };
    }
  }
  const total = specs.reduce((s, n) => s + (n.hashShare ?? 0), 0);
  const peerShare = specs.filter((s) => p.peers.includes(s.name)).reduce((s, n) => s + (n.hashShare ?? 0), 0) / total;
  const delay = config.txDelay ?? { min: 0.2, max: 2 };
  const perPool = copyFirstOdds(delay.min, delay.max);
  return { races: p.races, wins, running, predicted: peerShare * perPool, peerShare, perPool };
}

export async function oddsTask(host: LessonHost, p: MalleabilityOddsParams): Promise<Result<TaskReport>> {
  const config = host.chainConfig('btc');
  if (!config?.nodes || config.nodes.length < 2) return errText('INVALID_STATE', 'lesson.task.oddsNeedNetwork');
  for (const n of [p.exchangeNode, p.malloryNode, ...p.peers])
    if (!config.nodes.some((s) => s.name === n))
      return errText('NOT_FOUND', 'lesson.task.noPeer', { chain: 'btc', peer: n });
  const r = await host.sandbox(oddsJob(host.seed, config, p), ({ done }) =>
    host.progress({ task: 'malleability-odds', done, total: p.races }),
  );
  const observed = r.wins / r.races;
  // Three standard deviations of a binomial share: outside that band the model would be wrong.
  const band = 3 * Math.sqrt((r.predicted * (1 - r.predicted)) / r.races);
  const within = Math.abs(observed - r.predicted) <= band;
  const pct = (x: number) => Math.round(x * 1000) / 10;
  host.showLessonData(
    'mtgox.odds',
    chart('line', say.odds.chart.title, say.odds.chart.x, say.odds.chart.y, [
      { label: say.odds.chart.observed, points: r.running },
      {
        label: say.odds.chart.predicted,
        points: r.running.map(([x]) => [x, pct(r.predicted)] as const),
      },
    ]),
  );
  host.showLessonData(
    'mtgox.oddsSummary',
    factsTable(say.odds.summary.title, [
      { id: 'races', label: say.odds.summary.races, value: r.races },
      { id: 'wins', label: say.odds.summary.wins, value: r.wins },
      { id: 'observedPercent', label: say.odds.summary.observedPercent, value: pct(observed) },
      {
        id: 'peerSharePercent',
        label: say.odds.summary.peerSharePercent,
        value: pct(r.peerShare),
      },
      {
        id: 'copyFirstPercent',
        label: say.odds.summary.copyFirstPercent,
        value: pct(r.perPool),
      },
      { id: 'predictedPercent', label: say.odds.summary.predictedPercent, value: pct(r.predicted) },
      {
        id: 'withinThreeSigma',
        label: say.odds.summary.withinThreeSigma,
        value: within,
        tone: within ? 'good' : 'bad',
      },
    ]),
  );
  return ok({
    detail: `${r.wins} of ${r.races} races won by the copy (${pct(observed)}%, predicted ${pct(r.predicted)}%)`,
  });
}

const RULE_IDS = ['none', 'dersig', 'lowS', 'minimalData', 'pushOnlyCleanStack', 'all'] as const;
/** The rules each column switches on, by the id its summary fact carries; its words are the lesson's (`tasks.matrix.rules`). */
const RULES: Readonly<Record<(typeof RULE_IDS)[number], Partial<Record<PolicyRule, boolean>>>> = {
  none: {},
  dersig: { DERSIG: true },
  lowS: { LOW_S: true },
  minimalData: { MINIMALDATA: true },
  pushOnlyCleanStack: { SIGPUSHONLY: true, CLEANSTACK: true },
  all: { DERSIG: true, LOW_S: true, MINIMALDATA: true, SIGPUSHONLY: true, CLEANSTACK: true },
};
const COLUMNS: readonly { label: Text; rules: Partial<Record<PolicyRule, boolean>> }[] = RULE_IDS.map((id) => ({
  label: say.matrix.rules[id],
  rules: RULES[id],
}));

/** Each mutation in words; the row keeps the kind as its id. */
const MUTATION_NAMES: Readonly<Record<(typeof MUTATIONS)[number], Text>> = say.matrix.mutations;

const { works, sameTxid, notApplicable } = say.matrix;
const stopped = (why: string): Text => say.matrix.stopped({ why });

/** A node of `era` with one matured coin of `key`, and a signed 1 BTC withdrawal spending it. */
function signedWithdrawal(seed: number, era: Era) {
  const key = simKey(seed, `matrix ${era}`);
  const clock = new SimClock(1_388_534_400);
  const node = new ChainNode({ profile: BTC_REGTEST, policy: defaultPolicy(era), clock });
  const script = era === 'modern' ? key.witnessScript : key.script;
  for (let i = 0; i <= BTC_REGTEST.coinbaseMaturity; i++) {
    clock.advance(BTC_REGTEST.targetSpacing);
    mineOne(node, { coinbaseScript: script, minerTag: 'sandbox', time: clock.now() });
  }
  const cb = node.blockAt(1)!.block.txs[0]!;
  const tx = new Transaction();
  tx.version = era === 'modern' ? 2 : 1;
  tx.addInput(cb.hash, 0, 0xffffffff);
  tx.addOutput(simKey(seed, 'matrix mallory').script, 100_000_000n);
  tx.addOutput(script, cb.tx.outs[0]!.value - 100_000_000n - FEE);
  if (era === 'modern') key.signWitness(tx, 0, cb.tx.outs[0]!.value);
  else key.sign(tx);
  return { node, tx };
}

/** A column that still works is bad news for the exchange. */
function toneOf(works: boolean): Tone {
  return works ? 'bad' : 'good';
}

export function matrixTask(host: LessonHost): Result<TaskReport> {
  const legacy = signedWithdrawal(host.seed, '2014');
  const legacyRows = mutationTable(
    legacy.node,
    legacy.tx,
    0,
    COLUMNS.map((c) => policyWith('2014', c.rules)),
  );
  const segwit = signedWithdrawal(host.seed, 'modern');
  // The most lenient modern miner: every relay rule off (what stays on is consensus since BIP66/SegWit).
  const lax = policyWith('modern', {
    DERSIG: false,
    LOW_S: false,
    MINIMALDATA: false,
    SIGPUSHONLY: false,
    CLEANSTACK: false,
    NULLDUMMY: false,
    NULLFAIL: false,
    MINIMALIF: false,
  });
  const segwitRows = mutationTable(segwit.node, segwit.tx, 0, [lax]);
  const worked = COLUMNS.map(() => 0);
  let segwitWorks = 0;
  let segwitTxidUnchanged = true;
  const rows = MUTATIONS.map((kind, i) => {
    const row = legacyRows[i]!;
    const cells: { text: Text; tone?: Tone }[] = row.mutated
      ? row.verdicts.map((v, c) => {
          if (v.accepted && row.mutated!.txidChanged) worked[c]!++;
          return v.accepted
            ? { text: works, tone: 'bad' as const }
            : { text: stopped(v.scriptError ?? v.reason ?? 'refused'), tone: 'good' as const };
        })
      : COLUMNS.map(() => ({ text: notApplicable }));
    const s = segwitRows[i]!;
    // A witness has no push opcodes: the push mutations do not apply to it.
    if (!s.mutated) cells.push({ text: notApplicable, tone: 'neutral' });
    else {
      const v = s.verdicts[0]!;
      segwitTxidUnchanged &&= !s.mutated.txidChanged;
      if (v.accepted && s.mutated.txidChanged) segwitWorks++;
      cells.push(
        v.accepted
          ? { text: s.mutated.txidChanged ? works : sameTxid, tone: s.mutated.txidChanged ? 'bad' : 'good' }
          : { text: stopped(v.scriptError ?? v.reason ?? 'refused'), tone: 'good' },
      );
    }
    return { id: kind, label: MUTATION_NAMES[kind], cells };
  });
  host.showLessonData(
    'mtgox.matrix',
    table(say.matrix.title, [...COLUMNS.map((c) => c.label), say.matrix.segwitColumn], rows),
  );
  host.showLessonData(
    'mtgox.matrixSummary',
    factsTable(say.matrix.summary.title, [
      ...RULE_IDS.map((id, c) => ({
        id: `works-${id}`,
        label: COLUMNS[c]!.label,
        value: worked[c]!,
        tone: toneOf(worked[c]! > 0),
      })),
      {
        id: 'works-segwit',
        label: say.matrix.summary.segwit,
        value: segwitWorks,
        tone: segwitWorks > 0 ? 'bad' : 'good',
      },
      {
        id: 'segwitTxidUnchanged',
        label: say.matrix.summary.segwitTxidUnchanged,
        value: segwitTxidUnchanged,
        tone: segwitTxidUnchanged ? 'good' : 'bad',
      },
    ]),
  );
  return ok({
    detail: `works with no rule: ${worked[0]}, with all rules: ${worked.at(-1)}, with SegWit: ${segwitWorks}`,
  });
}

/** The race odds as a background job (the host may compute it ahead): the chain's set-up is part of the key. */
export function oddsJob(seed: number, config: ChainConfig, params: MalleabilityOddsParams): SandboxJob<RaceOdds> {
  return {
    key: JSON.stringify(['malleability-odds', seed, config, params]),
    make: () => raceOddsSliced(seed, config, params),
  };
}
