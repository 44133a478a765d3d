/**
 * RSMC channel (SPEC §3.5), the seed's Poon–Dryja story: Alice and Bob open a channel with
 * 0.5 BTC each, Alice pays Bob 0.1, state 1 is revoked by handing over Alice2 and Bob2, and the
 * channel ends in one of four ways: closed together, closed by Alice alone (she waits 1000
 * blocks), a breach Bob punishes in time, or a breach that works because Bob stayed away.
 */
import { buildFunding } from '../../protocols/multisig';
import {
  buildBreachRemedy,
  buildCooperativeClose,
  buildStateTransactions,
  type ChannelParams,
  type ChannelState,
  initialState,
  nextState,
  RSMC_DELAY_BLOCKS,
} from '../../protocols/rsmc';
import { wrapsForEra } from '../../protocols/types';
import type { DraftNode } from '../../workspace/model';
import { DEFAULT_START_TIME } from '../../scenario/chainActions';
import type { LessonAction, LessonStep } from '../../scenario/schema';
import { about, at, broadcast, COIN, draft, expectThat, handOver, mine, on, sign, step, task, unwrap } from '../kit';
import { bilingual } from '../narration';
import type { BuildContext, BuiltinScenario, CoinRef } from '../types';
import { en } from './en';
import { zh } from './zh';

const text = bilingual(en, zh);
const say = text.steps;

export const DEPOSIT = COIN / 2n;
const PAYMENT = COIN / 10n;
/** Each side's coin: the deposit and 0.1 BTC to spare. */
export const STARTING_COIN = DEPOSIT + COIN / 10n;
export const FUNDING_FEE_SHARE = 1_000n;
export const TX_FEE = 2_000n;
const CLOSE_FEE_SHARE = 1_000n;

export interface ChannelSetup {
  readonly params: ChannelParams;
  readonly s1: ChannelState;
  readonly nodes: DraftNode[];
}

/** Funding plus state 1 (C1a, RD1a, C1b, RD1b): shared by the RSMC and HTLC lessons. */
export function openChannelDrafts(ctx: BuildContext, aliceCoin: CoinRef, bobCoin: CoinRef, bobRow = 3): ChannelSetup {
  const wraps = wrapsForEra('modern');
  const k = ctx.keys;
  const coin = (c: CoinRef) => ({
    prevout: { node: c.node, output: c.output },
    value: c.value,
    pubKey: c.pubKey,
    wrap: c.wrap,
  });
  const funding = unwrap(
    buildFunding({
      alice: k['Alice']!,
      bob: k['Bob']!,
      wrap: wraps.script,
      parties: [
        {
          name: 'Alice',
          coins: [coin(aliceCoin)],
          amount: DEPOSIT,
          fee: FUNDING_FEE_SHARE,
          change: { pubKey: k['Alice']!, wrap: wraps.key, owner: 'Alice' },
        },
        {
          name: 'Bob',
          coins: [coin(bobCoin)],
          amount: DEPOSIT,
          fee: FUNDING_FEE_SHARE,
          change: { pubKey: k['Bob']!, wrap: wraps.key, owner: 'Bob' },
        },
      ],
    }),
    'Funding',
  );
  const params: ChannelParams = {
    keys: { alice: k['Alice']!, bob: k['Bob']! },
    wraps,
    funding: { node: 'Funding', output: 0 },
    capacity: 2n * DEPOSIT,
    delay: RSMC_DELAY_BLOCKS,
    fee: TX_FEE,
  };
  const s1 = initialState({ alice: DEPOSIT, bob: DEPOSIT }, { alice: k['Alice2']!, bob: k['Bob2']! });
  const s1Txs = unwrap(buildStateTransactions(params, s1), 'state 1');
  return {
    params,
    s1,
    nodes: [
      draft('Funding', 'btc', 'funding', at(1, Math.floor(bobRow / 2) + 1), funding),
      draft('C1a', 'btc', 'commitment-a', at(2, 0), s1Txs['C1a']!),
      draft('RD1a', 'btc', 'delivery-a', at(3, 0), s1Txs['RD1a']!),
      draft('C1b', 'btc', 'commitment-b', at(2, bobRow), s1Txs['C1b']!),
      draft('RD1b', 'btc', 'delivery-b', at(3, bobRow), s1Txs['RD1b']!),
    ],
  };
}

/** The steps that open the channel: commitments signed for each other first, Funding last. `deposits`: the coins Funding spends. */
export function openingSteps(deposits: readonly (readonly [string, number])[]): LessonStep[] {
  return [
    step(
      say.twoNeighboursOneChannel.title,
      say.twoNeighboursOneChannel.narration,
      [expectThat({ status: { Funding: 'draft', C1a: 'draft', C1b: 'draft' } })],
      { nodes: ['Funding'], outputs: deposits },
    ),
    step(
      say.commitmentsBeforeMoneyC1a.title,
      say.commitmentsBeforeMoneyC1a.narration,
      [
        sign('C1a', 'Bob'),
        sign('RD1a', 'Bob'),
        sign('C1b', 'Alice'),
        sign('RD1b', 'Alice'),
        expectThat({
          status: { C1a: 'partly-signed', RD1a: 'partly-signed', C1b: 'partly-signed', RD1b: 'partly-signed' },
        }),
      ],
      on('C1a', 'RD1a', 'C1b', 'RD1b'),
    ),
    step(
      say.nowSignBroadcastFunding.title,
      say.nowSignBroadcastFunding.narration,
      [
        sign('Funding', 'Alice'),
        sign('Funding', 'Bob'),
        broadcast('Funding'),
        mine('btc', 1),
        expectThat({ status: { Funding: 'confirmed' } }),
        channelPoint('open', DEPOSIT, DEPOSIT),
      ],
      { nodes: ['Funding'], outputs: deposits },
    ),
  ];
}

/** The two coins Funding spends, as a step's focus names outputs. */
export function deposits(ctx: BuildContext): [string, number][] {
  return [ctx.coins['Alice coin']!, ctx.coins['Bob coin']!].map((c) => [c.node, c.output]);
}

export function channelPoint(label: string, alice: bigint, bob: bigint): LessonAction {
  return task('record-point', {
    key: 'channel.balances',
    label,
    values: { Alice: alice.toString(), Bob: bob.toString() },
  });
}

function build(ctx: BuildContext) {
  const open = openChannelDrafts(ctx, ctx.coins['Alice coin']!, ctx.coins['Bob coin']!);
  const { params, s1 } = open;
  const s2 = unwrap(
    nextState(s1, { from: 'alice', amount: PAYMENT }, { alice: ctx.keys['Alice3']!, bob: ctx.keys['Bob3']! }),
    'state 2',
  );
  const s2Txs = unwrap(buildStateTransactions(params, s2), 'state 2');
  const nodes: DraftNode[] = [
    ...open.nodes,
    draft('BR1a', 'btc', 'breach-remedy-a', at(3, 1), unwrap(buildBreachRemedy(params, s1, 'alice'), 'BR1a')),
    draft('BR1b', 'btc', 'breach-remedy-b', at(3, 4), unwrap(buildBreachRemedy(params, s1, 'bob'), 'BR1b')),
    draft('C2a', 'btc', 'commitment-a', at(4, 0), s2Txs['C2a']!),
    draft('RD2a', 'btc', 'delivery-a', at(5, 0), s2Txs['RD2a']!),
    draft('C2b', 'btc', 'commitment-b', at(4, 3), s2Txs['C2b']!),
    draft('RD2b', 'btc', 'delivery-b', at(5, 3), s2Txs['RD2b']!),
    // Under the channel, next to Funding, which it spends: the step that closes frames both.
    draft(
      'Close',
      'btc',
      'close',
      at(2, 5),
      unwrap(buildCooperativeClose(params, s2, { alice: CLOSE_FEE_SHARE, bob: CLOSE_FEE_SHARE }), 'Close'),
    ),
  ];

  const change = STARTING_COIN - DEPOSIT; // what each keeps outside the channel (less its funding fee share)
  const payAndRevoke: LessonStep[] = [
    step(
      say.alicePaysBob.title,
      say.alicePaysBob.narration,
      [
        sign('C2a', 'Bob'),
        sign('RD2a', 'Bob'),
        sign('C2b', 'Alice'),
        sign('RD2b', 'Alice'),
        expectThat({ status: { C2a: 'partly-signed', C2b: 'partly-signed' } }),
        channelPoint('Alice pays 0.1', DEPOSIT - PAYMENT, DEPOSIT + PAYMENT),
      ],
      on('C2a', 'RD2a', 'C2b', 'RD2b'),
    ),
    step(
      say.revokingState1Keys.title,
      say.revokingState1Keys.narration,
      [
        handOver('Alice2', 'Alice', 'Bob', 'revoke state 1 (C1a)'),
        handOver('Bob2', 'Bob', 'Alice', 'revoke state 1 (C1b)'),
        sign('BR1a', 'Bob'),
        sign('BR1b', 'Alice'),
        expectThat({ status: { BR1a: 'signed', BR1b: 'signed' } }),
      ],
      {
        nodes: ['C1a', 'BR1a', 'C1b', 'BR1b'],
        outputs: [
          ['C1a', 0],
          ['C1b', 0],
        ],
      },
    ),
  ];

  const cooperative: LessonStep[] = [
    step(
      say.closingTogether.title,
      say.closingTogether.narration,
      [
        sign('Close', 'Alice'),
        sign('Close', 'Bob'),
        broadcast('Close'),
        mine('btc', 1),
        channelPoint('closed together', DEPOSIT - PAYMENT, DEPOSIT + PAYMENT),
        expectThat({
          status: { Close: 'confirmed', C1a: 'conflicted', C2a: 'conflicted' },
          balances: {
            Alice: { btc: about(change + DEPOSIT - PAYMENT, FUNDING_FEE_SHARE + CLOSE_FEE_SHARE) },
            Bob: { btc: about(change + DEPOSIT + PAYMENT, FUNDING_FEE_SHARE + CLOSE_FEE_SHARE) },
          },
        }),
      ],
      { nodes: ['Close', 'Funding'], outputs: [['Funding', 0]] },
    ),
  ];

  const closerWaits = FUNDING_FEE_SHARE + 2n * TX_FEE;
  const unilateral: LessonStep[] = [
    step(
      say.aliceClosesAloneC2a.title,
      say.aliceClosesAloneC2a.narration,
      [
        sign('C2a', 'Alice'),
        broadcast('C2a'),
        mine('btc', 1),
        expectThat({
          status: { C2a: 'confirmed' },
          balances: { Bob: { btc: about(change + DEPOSIT + PAYMENT, FUNDING_FEE_SHARE) } },
        }),
      ],
      { nodes: ['C2a'], outputs: [['Funding', 0]] },
    ),
    step(
      say.rd2aMustWait1000.title,
      say.rd2aMustWait1000.narration,
      [
        sign('RD2a', 'Alice'),
        broadcast('RD2a'),
        expectThat({ rejected: 'non-BIP68-final', status: { RD2a: 'signed' } }),
      ],
      { nodes: ['RD2a', 'C2a'], outputs: [['C2a', 0]] },
    ),
    step(
      say.oneBlockShort.title,
      say.oneBlockShort.narration,
      [mine('btc', RSMC_DELAY_BLOCKS - 2), broadcast('RD2a'), expectThat({ rejected: 'non-BIP68-final' })],
      on('RD2a', 'C2a'),
    ),
    step(
      say.after1000BlocksAlice.title,
      say.after1000BlocksAlice.narration,
      [
        mine('btc', 1),
        broadcast('RD2a'),
        mine('btc', 1),
        channelPoint('Alice closed alone', DEPOSIT - PAYMENT, DEPOSIT + PAYMENT),
        expectThat({
          status: { RD2a: 'confirmed' },
          balances: {
            Alice: { btc: about(change + DEPOSIT - PAYMENT, closerWaits) },
            Bob: { btc: about(change + DEPOSIT + PAYMENT, FUNDING_FEE_SHARE) },
          },
        }),
      ],
      on('RD2a', 'C2a'),
    ),
  ];

  const cheat = step(
    say.aliceCheatsShePublishes.title,
    say.aliceCheatsShePublishes.narration,
    [
      sign('C1a', 'Alice'),
      broadcast('C1a'),
      mine('btc', 1),
      expectThat({ status: { C1a: 'confirmed', C2a: 'conflicted' } }),
    ],
    { nodes: ['C1a', 'C2a'], outputs: [['Funding', 0]] },
  );

  const punished: LessonStep[] = [
    cheat,
    step(
      say.bobPunishesBr1aTakes.title,
      say.bobPunishesBr1aTakes.narration,
      [
        broadcast('BR1a'),
        mine('btc', 1),
        channelPoint('Bob punished the breach', 0n, 2n * DEPOSIT),
        expectThat({
          status: { BR1a: 'confirmed' },
          balances: {
            Alice: { btc: about(change, FUNDING_FEE_SHARE) },
            Bob: { btc: about(change + 2n * DEPOSIT, FUNDING_FEE_SHARE + 2n * TX_FEE) },
          },
        }),
      ],
      { nodes: ['BR1a', 'C1a'], outputs: [['C1a', 0]] },
    ),
    step(
      say.tooLateRd1a.title,
      say.tooLateRd1a.narration,
      [
        sign('RD1a', 'Alice'),
        broadcast('RD1a'),
        expectThat({ rejected: 'missing-inputs', status: { RD1a: 'conflicted' } }),
      ],
      { nodes: ['RD1a', 'BR1a'], outputs: [['C1a', 0]] },
    ),
  ];

  const unpunished: LessonStep[] = [
    cheat,
    step(
      say.bobAwayWeek.title,
      say.bobAwayWeek.narration,
      [
        mine('btc', RSMC_DELAY_BLOCKS - 1),
        sign('RD1a', 'Alice'),
        broadcast('RD1a'),
        mine('btc', 1),
        expectThat({ status: { RD1a: 'confirmed' } }),
      ],
      { nodes: ['RD1a', 'C1a'], outputs: [['C1a', 0]] },
    ),
    step(
      say.bobComesBackToo.title,
      say.bobComesBackToo.narration,
      [
        broadcast('BR1a'),
        channelPoint('breach not punished', DEPOSIT, DEPOSIT),
        expectThat({
          rejected: 'missing-inputs',
          status: { RD1a: 'confirmed', BR1a: 'conflicted' },
          balances: {
            Alice: { btc: about(change + DEPOSIT, FUNDING_FEE_SHARE + 2n * TX_FEE) },
            Bob: { btc: about(change + DEPOSIT, FUNDING_FEE_SHARE) },
          },
        }),
      ],
      { nodes: ['BR1a', 'RD1a'], outputs: [['C1a', 0]] },
    ),
  ];

  const opening = openingSteps(deposits(ctx));
  return {
    nodes,
    coinsAt: { btc: at(0, 2) },
    paths: {
      cooperative: [...opening, ...payAndRevoke, ...cooperative],
      unilateral: [...opening, ...payAndRevoke, ...unilateral],
      'breach-punished': [...opening, ...payAndRevoke, ...punished],
      'breach-unpunished': [...opening, ...payAndRevoke, ...unpunished],
    },
  };
}

export const rsmcChannel: BuiltinScenario = {
  name: 'rsmc-channel',
  title: text.title,
  description: text.description,
  defaultSeed: 1,
  paths: ['cooperative', 'unilateral', 'breach-punished', 'breach-unpunished'],
  wallets: [
    {
      name: 'Alice',
      keys: [
        { purpose: 'funding', label: 'Alice' },
        { purpose: 'revocation', label: 'Alice2' },
        { purpose: 'revocation', label: 'Alice3' },
      ],
    },
    {
      name: 'Bob',
      keys: [
        { purpose: 'funding', label: 'Bob' },
        { purpose: 'revocation', label: 'Bob2' },
        { purpose: 'revocation', label: 'Bob3' },
      ],
    },
  ],
  chains: [{ id: 'btc', era: 'modern', startTime: DEFAULT_START_TIME }],
  grants: [
    { id: 'Alice coin', key: 'Alice', chain: 'btc', value: STARTING_COIN, wrap: 'p2wpkh' },
    { id: 'Bob coin', key: 'Bob', chain: 'btc', value: STARTING_COIN, wrap: 'p2wpkh' },
  ],
  build,
};
