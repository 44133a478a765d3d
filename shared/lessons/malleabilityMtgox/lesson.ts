/**
 * Mt.Gox and transaction malleability (SPEC §3.2). On a 2014 network of five nodes (the
 * exchange's, Mallory's and three pools), Mallory withdraws, mutates the exchange's payment
 * without any key and races her copy to the pools she peers with. When the copy is mined the
 * exchange, which tracks withdrawals by txid, pays again. Then the odds of the race over many
 * runs, and the table of which mutation each rule — and SegWit — stopped. Failure paths for
 * Mallory: the relay rules switched on, and an exchange that tracks what the chain did.
 */
import { DEFAULT_START_TIME } from '../../scenario/chainActions';
import type { LessonTaskParams } from '../../scenario/lessonTasks';
import type { LessonStep } from '../../scenario/schema';
import { about, call, COIN, dataCheck, expectThat, on, step, task } from '../kit';
import { bilingual } from '../narration';
import type { BuildContext, BuiltinScenario } from '../types';
import { en } from './en';
import { zh } from './zh';

const text = bilingual(en, zh);
const say = text.steps;

const WITHDRAWAL = COIN;
const EXCHANGE_COINS = 8;
const EXCHANGE_COIN = 2n * COIN;

const attack = (over: Partial<LessonTaskParams<'mtgox-attack'>>): LessonTaskParams<'mtgox-attack'> => ({
  amount: WITHDRAWAL.toString(),
  fee: '10000',
  mutation: 'pushdata2',
  tracking: 'txid',
  exchangeNode: 'exchange',
  malloryNode: 'mallory',
  peers: ['pool-A', 'pool-B'],
  untilSuccesses: 1,
  maxRounds: 40,
  ...over,
});

function build(_ctx: BuildContext) {
  const story: LessonStep[] = [
    step(
      say.mtgox2014.title,
      say.mtgox2014.narration,
      [
        expectThat({
          balances: {
            Exchange: { btc: about(BigInt(EXCHANGE_COINS) * EXCHANGE_COIN, 0n) },
            Mallory: { btc: about(0n, 0n) },
          },
        }),
      ],
      on('Coins'),
    ),
    step(say.changingTransactionWithoutKey.title, say.changingTransactionWithoutKey.narration, [], { nodes: [] }),
  ];

  const attack2014: LessonStep[] = [
    ...story,
    step(
      say.race.title,
      say.race.narration,
      [
        task('mtgox-attack', attack({})),
        expectThat({
          data: [
            dataCheck('mtgox.summary', 'facts.successes', { equals: 1 }),
            dataCheck('mtgox.summary', 'facts.paidAgain', { equals: 1 }),
            dataCheck('mtgox.summary', 'facts.lossSat', { equals: Number(WITHDRAWAL) }),
            dataCheck('mtgox.summary', 'facts.lossIsOneWithdrawalPerWin', { equals: true }),
          ],
        }),
      ],
      // The rounds and their transactions depend on the seed: the focus is what the step added.
      { figures: ['mtgox.rounds', 'mtgox.summary'] },
    ),
    step(
      say.oddsOverManyRaces.title,
      say.oddsOverManyRaces.narration,
      [
        task('malleability-odds', {
          races: 200,
          amount: (COIN / 10n).toString(),
          mutation: 'pushdata2',
          exchangeNode: 'exchange',
          malloryNode: 'mallory',
          peers: ['pool-A', 'pool-B'],
        }),
        expectThat({
          data: [
            dataCheck('mtgox.oddsSummary', 'facts.withinThreeSigma', { equals: true }),
            dataCheck('mtgox.oddsSummary', 'facts.predictedPercent', { min: 33, max: 34 }),
          ],
        }),
      ],
      { nodes: [], figures: ['mtgox.odds', 'mtgox.oddsSummary'] },
    ),
    step(
      say.whichRuleClosedWhich.title,
      say.whichRuleClosedWhich.narration,
      [
        task('malleability-matrix', {}),
        expectThat({
          data: [
            dataCheck('mtgox.matrixSummary', 'facts.works-none', { equals: 7 }),
            dataCheck('mtgox.matrixSummary', 'facts.works-all', { equals: 0 }),
            dataCheck('mtgox.matrixSummary', 'facts.works-segwit', { equals: 0 }),
            dataCheck('mtgox.matrixSummary', 'facts.segwitTxidUnchanged', { equals: true }),
          ],
        }),
      ],
      { nodes: [], figures: ['mtgox.matrix'] },
    ),
  ];

  const rulesOn: LessonStep[] = [
    ...story,
    step(
      say.relayRulesAre.title,
      say.relayRulesAre.narration,
      [
        call('chain.setPolicy', {
          chain: 'btc',
          rules: { DERSIG: true, LOW_S: true, MINIMALDATA: true, SIGPUSHONLY: true, CLEANSTACK: true },
        }),
        task('mtgox-attack', attack({ untilSuccesses: 0, maxRounds: 3 })),
        expectThat({
          data: [
            dataCheck('mtgox.summary', 'facts.successes', { equals: 0 }),
            dataCheck('mtgox.summary', 'facts.lossSat', { equals: 0 }),
          ],
          balances: { Mallory: { btc: about(3n * WITHDRAWAL, 0n) } },
        }),
      ],
      { figures: ['mtgox.rounds', 'mtgox.summary'] },
    ),
  ];

  const trackOutputs: LessonStep[] = [
    ...story,
    step(
      say.exchangeThatWatchesWhat.title,
      say.exchangeThatWatchesWhat.narration,
      [
        task('mtgox-attack', attack({ tracking: 'outputs' })),
        expectThat({
          data: [
            dataCheck('mtgox.summary', 'facts.successes', { equals: 1 }),
            dataCheck('mtgox.summary', 'facts.paidAgain', { equals: 0 }),
            dataCheck('mtgox.summary', 'facts.lossSat', { equals: 0 }),
          ],
        }),
      ],
      { figures: ['mtgox.rounds', 'mtgox.summary'] },
    ),
  ];

  return {
    nodes: [],
    coinsAt: { btc: { x: 40, y: 40 } },
    paths: { 'attack-2014': attack2014, 'rules-on': rulesOn, 'track-outputs': trackOutputs },
  };
}

export const malleabilityMtgox: BuiltinScenario = {
  name: 'malleability-mtgox',
  title: text.title,
  description: text.description,
  defaultSeed: 8,
  paths: ['attack-2014', 'rules-on', 'track-outputs'],
  wallets: [
    { name: 'Exchange', keys: [{ purpose: 'receive', label: 'Exchange' }] },
    { name: 'Mallory', keys: [{ purpose: 'receive', label: 'Mallory' }] },
  ],
  chains: [
    {
      id: 'btc',
      era: '2014',
      startTime: DEFAULT_START_TIME,
      nodes: [
        { name: 'exchange', hashShare: 0 },
        { name: 'mallory', hashShare: 0 },
        { name: 'pool-A', hashShare: 0.4 },
        { name: 'pool-B', hashShare: 0.35 },
        { name: 'pool-C', hashShare: 0.25 },
      ],
      txDelay: { min: 10, max: 20 },
      blockDelay: { min: 2, max: 10 },
    },
  ],
  grants: Array.from({ length: EXCHANGE_COINS }, (_, i) => ({
    id: `Exchange coin ${i + 1}`,
    key: 'Exchange',
    chain: 'btc' as const,
    value: EXCHANGE_COIN,
    wrap: 'p2pkh' as const,
  })),
  build,
};
