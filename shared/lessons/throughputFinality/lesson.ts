/**
 * Throughput and finality (SPEC §3.3): 1 MB blocks of ~225-byte payments hold about 4,400
 * transactions, about 7 a second; low fees wait; forks happen and get rarer with every
 * confirmation. The statistics run on sandbox chains (lesson tasks); the workspace's own 2014
 * chain has two mining pools, where Bob sells Alice a coffee. Failure path: Bob hands it over
 * after one confirmation and Alice's accomplice pool undoes the payment with a longer branch.
 */
import { keyOutput } from '../../protocols/outputs';
import { buildPayment } from '../../protocols/p2pkh';
import { DEFAULT_START_TIME } from '../../scenario/chainActions';
import type { LessonStep } from '../../scenario/schema';
import {
  about,
  advance,
  at,
  broadcast,
  COIN,
  dataCheck,
  draft,
  expectThat,
  mine,
  on,
  sign,
  step,
  task,
  unwrap,
} from '../kit';
import { bilingual } from '../narration';
import type { BuildContext, BuiltinScenario } from '../types';
import { en } from './en';
import { zh } from './zh';

const text = bilingual(en, zh);
const say = text.steps;

const COFFEE = COIN / 500n; // 0.002 BTC
const STARTING_COIN = COIN / 100n;
const FEE = 2_000n;
/** The double spend pays more, as a cheat would, though the accomplice pool needs no bribe here. */
const DOUBLE_SPEND_FEE = 5_000n;
/** Seconds for a transaction or a block to reach every node of this network. */
const SPREAD = 60;

function build(ctx: BuildContext) {
  const coin = ctx.coins['Alice coin']!;
  const alice = ctx.keys['Alice']!;
  const spend = {
    prevout: { node: coin.node, output: coin.output },
    value: coin.value,
    pubKey: alice,
    wrap: 'p2pkh' as const,
  };
  const nodes = [
    draft(
      'Coffee',
      'btc',
      'p2pkh-payment',
      at(1, 0),
      unwrap(
        buildPayment({
          coins: [spend],
          payees: [keyOutput(ctx.keys['Bob']!, 'p2pkh', COFFEE, { owner: 'Bob', label: 'a coffee' })],
          change: { pubKey: alice, wrap: 'p2pkh', owner: 'Alice' },
          fee: FEE,
          version: 1,
        }),
        'Coffee',
      ),
    ),
    draft(
      'Double-spend',
      'btc',
      'p2pkh-payment',
      at(1, 1),
      unwrap(
        buildPayment({
          coins: [spend],
          payees: [
            keyOutput(alice, 'p2pkh', coin.value - DOUBLE_SPEND_FEE, { owner: 'Alice', label: 'back to Alice' }),
          ],
          fee: DOUBLE_SPEND_FEE,
          version: 1,
        }),
        'Double-spend',
      ),
    ),
  ];

  const intro = step(say.oneMegabyteEveryTen.title, say.oneMegabyteEveryTen.narration, [], { nodes: [] });

  const capacity: LessonStep[] = [
    intro,
    step(
      say.crowdFillsBlocks.title,
      say.crowdFillsBlocks.narration,
      [
        task('throughput', { arrivalTps: 7.5, blocks: 2, backlog: 5_000, feeRates: [1, 2, 5, 10, 20, 50] }),
        expectThat({
          data: [
            dataCheck('throughput.summary', 'facts.fullestBlockTxs', { min: 4_000 }),
            dataCheck('throughput.summary', 'facts.avgTxSize', { min: 220, max: 230 }),
            dataCheck('throughput.summary', 'facts.capacityTps', { min: 6.5, max: 7.6 }),
          ],
        }),
      ],
      { nodes: [], figures: ['throughput.blocks', 'throughput.summary'] },
    ),
    step(
      say.lowFeesWait.title,
      say.lowFeesWait.narration,
      [expectThat({ data: [dataCheck('throughput.summary', 'facts.lowFeesWaitLonger', { equals: true })] })],
      { nodes: [], figures: ['throughput.feeVsWait'] },
    ),
    step(
      say.forksWhySixConfirmations.title,
      say.forksWhySixConfirmations.narration,
      [
        task('reorg-stats', {
          runs: 60,
          blocksPerRun: 200,
          miners: [0.35, 0.3, 0.2, 0.15],
          delay: { min: 60, max: 300 },
          maxDepth: 6,
        }),
        expectThat({
          data: [
            dataCheck('reorgs.summary', 'facts.falls', { equals: true }),
            dataCheck('reorgs.summary', 'facts.reorgs', { min: 100 }),
            dataCheck('reorgs.summary', 'facts.deeperThanMaxPercent', { max: 1 }),
          ],
        }),
      ],
      { nodes: [], figures: ['reorgs.depth', 'reorgs.summary'] },
    ),
    step(
      say.bobWaitsSixConfirmations.title,
      say.bobWaitsSixConfirmations.narration,
      [
        sign('Coffee', 'Alice'),
        broadcast('Coffee'),
        advance('btc', SPREAD),
        mine('btc', 6),
        expectThat({
          status: { Coffee: 'confirmed', 'Double-spend': 'conflicted' },
          balances: { Bob: { btc: about(COFFEE, 0n) }, Alice: { btc: about(STARTING_COIN - COFFEE, FEE) } },
        }),
      ],
      { nodes: ['Coffee'], outputs: [[coin.node, coin.output]] },
    ),
  ];

  const doubleSpend: LessonStep[] = [
    intro,
    step(
      say.alicePaysCoffeeSends.title,
      say.alicePaysCoffeeSends.narration,
      [
        sign('Coffee', 'Alice'),
        sign('Double-spend', 'Alice'),
        broadcast('Coffee'),
        broadcast('Double-spend', 'pool-B'),
        expectThat({ status: { Coffee: 'mempool' } }),
      ],
      on('Coffee', 'Double-spend'),
    ),
    step(
      say.oneConfirmation.title,
      say.oneConfirmation.narration,
      [
        task('mine-at', { chain: 'btc', miner: 'pool-A', count: 1, settle: false }),
        expectThat({ status: { Coffee: 'confirmed' }, balances: { Bob: { btc: about(COFFEE, 0n) } } }),
      ],
      on('Coffee'),
    ),
    step(
      say.poolBFindsTwo.title,
      say.poolBFindsTwo.narration,
      [
        task('mine-at', { chain: 'btc', miner: 'pool-B', count: 2, settle: false }),
        advance('btc', SPREAD),
        expectThat({
          status: { Coffee: 'conflicted', 'Double-spend': 'confirmed' },
          balances: { Bob: { btc: about(0n, 0n) }, Alice: { btc: about(STARTING_COIN, DOUBLE_SPEND_FEE) } },
        }),
      ],
      on('Coffee', 'Double-spend'),
    ),
    step(
      say.sixConfirmations.title,
      say.sixConfirmations.narration,
      [mine('btc', 5), expectThat({ status: { Coffee: 'conflicted', 'Double-spend': 'confirmed' } })],
      on('Coffee', 'Double-spend'),
    ),
  ];

  return { nodes, coinsAt: { btc: at(0, 0) }, paths: { capacity, 'double-spend': doubleSpend } };
}

export const throughputFinality: BuiltinScenario = {
  name: 'throughput-finality',
  title: text.title,
  description: text.description,
  defaultSeed: 7,
  paths: ['capacity', 'double-spend'],
  wallets: [
    { name: 'Alice', keys: [{ purpose: 'receive', label: 'Alice' }] },
    { name: 'Bob', keys: [{ purpose: 'receive', label: 'Bob' }] },
  ],
  chains: [
    {
      id: 'btc',
      era: '2014',
      startTime: DEFAULT_START_TIME,
      nodes: [
        { name: 'pool-A', hashShare: 0.5 },
        { name: 'pool-B', hashShare: 0.5 },
      ],
      txDelay: { min: 1, max: 5 },
      blockDelay: { min: 2, max: 20 },
    },
  ],
  grants: [{ id: 'Alice coin', key: 'Alice', chain: 'btc', value: STARTING_COIN, wrap: 'p2pkh' }],
  build,
};
