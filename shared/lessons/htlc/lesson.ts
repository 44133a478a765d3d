/**
 * HTLC in a channel (SPEC §3.6), the seed's construction: C2a/C2b gain output #2, 0.1 BTC that
 * Bob takes with R or Alice takes back after three days. Paths: Bob redeems with R (HE1b,
 * HERD1b); Alice times out (HT1a, HTRD1a); and, once state 2 is revoked, Alice's breach is
 * punished with HBR1a (she withholds HT1a) or HTBR1a (she races HT1a in first).
 */
import { toHex } from '../../bitcoin/bytes';
import { buildHtlcCommitment, buildHtlcTx, htlcHash, offerHtlc, settleHtlc } from '../../protocols/htlc';
import {
  buildBreachRemedy,
  buildRevocableDelivery,
  buildStateTransactions,
  RSMC_DELAY_BLOCKS,
} from '../../protocols/rsmc';
import { DEFAULT_START_TIME } from '../../scenario/chainActions';
import type { LessonStep } from '../../scenario/schema';
import {
  about,
  advance,
  at,
  broadcast,
  COIN,
  DAY,
  draft,
  expectThat,
  handOver,
  mine,
  on,
  secretFromSeed,
  sign,
  step,
  unwrap,
} from '../kit';
import { bilingual } from '../narration';
import {
  channelPoint,
  DEPOSIT,
  deposits,
  FUNDING_FEE_SHARE,
  openChannelDrafts,
  openingSteps,
  STARTING_COIN,
  TX_FEE,
} from '../rsmcChannel/lesson';
import type { BuildContext, BuiltinScenario } from '../types';
import { en } from './en';
import { zh } from './zh';

const text = bilingual(en, zh);
const say = text.steps;

const HTLC_AMOUNT = COIN / 10n;
/** Blocks that push the median time past beyond a time lock after the clock has passed it. */
const MTP_BLOCKS = 11;

function build(ctx: BuildContext) {
  // Bob's side from row 3: the HTLC transactions fill rows 1 and 2 between the two sides.
  const open = openChannelDrafts(ctx, ctx.coins['Alice coin']!, ctx.coins['Bob coin']!, 3);
  const { params, s1 } = open;
  const k = ctx.keys;
  const r = secretFromSeed(ctx.seed, 'htlc R');
  const timeout = ctx.chains.btc!.time + 3 * DAY;
  const s2 = unwrap(
    offerHtlc(
      s1,
      { index: 1, payer: 'alice', amount: HTLC_AMOUNT, hash: htlcHash(r), timeout },
      { alice: k['Alice3']!, bob: k['Bob3']! },
    ),
    'state 2',
  );
  const s3 = unwrap(settleHtlc(s2, 'fulfilled', { alice: k['Alice4']!, bob: k['Bob4']! }), 'state 3');
  const s3Txs = unwrap(buildStateTransactions(params, s3), 'state 3');
  const htlcTx = (holder: 'alice' | 'bob', kind: Parameters<typeof buildHtlcTx>[3]) =>
    unwrap(buildHtlcTx(params, s2, holder, kind, holder === 'bob' ? { preimage: r } : {}), kind);
  const nodes = [
    ...open.nodes,
    draft('C2a', 'btc', 'htlc-commitment-a', at(4, 0), unwrap(buildHtlcCommitment(params, s2, 'alice'), 'C2a')),
    draft('RD2a', 'btc', 'delivery-a', at(5, 0), unwrap(buildRevocableDelivery(params, s2, 'alice'), 'RD2a')),
    draft('BR2a', 'btc', 'breach-remedy-a', at(6, 0), unwrap(buildBreachRemedy(params, s2, 'alice'), 'BR2a')),
    draft('HT1a', 'btc', 'htlc-timeout', at(5, 1), htlcTx('alice', 'HT')),
    draft('HTRD1a', 'btc', 'htlc-timeout-delivery', at(6, 1), htlcTx('alice', 'HTRD')),
    draft('HBR1a', 'btc', 'htlc-breach-remedy', at(5, 2), htlcTx('alice', 'HBR')),
    draft('HTBR1a', 'btc', 'htlc-timeout-breach-remedy', at(6, 2), htlcTx('alice', 'HTBR')),
    draft('C2b', 'btc', 'htlc-commitment-b', at(4, 3), unwrap(buildHtlcCommitment(params, s2, 'bob'), 'C2b')),
    draft('RD2b', 'btc', 'delivery-b', at(5, 3), unwrap(buildRevocableDelivery(params, s2, 'bob'), 'RD2b')),
    draft('HE1b', 'btc', 'htlc-execution', at(5, 4), htlcTx('bob', 'HE')),
    draft('HERD1b', 'btc', 'htlc-execution-delivery', at(6, 4), htlcTx('bob', 'HERD')),
    draft('C3a', 'btc', 'commitment-a', at(7, 0), s3Txs['C3a']!),
    draft('RD3a', 'btc', 'delivery-a', at(8, 0), s3Txs['RD3a']!),
    draft('C3b', 'btc', 'commitment-b', at(7, 3), s3Txs['C3b']!),
    draft('RD3b', 'btc', 'delivery-b', at(8, 3), s3Txs['RD3b']!),
  ];

  const change = STARTING_COIN - DEPOSIT;
  const aliceIn = DEPOSIT - HTLC_AMOUNT;
  const offer: LessonStep[] = [
    step(
      say.aliceOffersHtlc.title,
      say.aliceOffersHtlc.narration({ hash: toHex(htlcHash(r)) }),
      [
        sign('C2a', 'Bob'),
        sign('RD2a', 'Bob'),
        sign('HT1a', 'Bob'),
        sign('HTRD1a', 'Bob'),
        sign('C2b', 'Alice'),
        sign('RD2b', 'Alice'),
        sign('HE1b', 'Alice'),
        sign('HERD1b', 'Alice'),
        channelPoint('HTLC offered', aliceIn, DEPOSIT),
        expectThat({ status: { C2a: 'partly-signed', HE1b: 'partly-signed', HT1a: 'partly-signed' } }),
      ],
      on('C2a', 'RD2a', 'HT1a', 'HTRD1a', 'C2b', 'RD2b', 'HE1b', 'HERD1b'),
    ),
    step(
      say.state1Revoked.title,
      say.state1Revoked.narration,
      [
        handOver('Alice2', 'Alice', 'Bob', 'revoke state 1 (C1a)'),
        handOver('Bob2', 'Bob', 'Alice', 'revoke state 1 (C1b)'),
      ],
      on('C1a', 'C1b'),
    ),
  ];

  const redeem: LessonStep[] = [
    step(
      say.bobShowsRChain.title,
      say.bobShowsRChain.narration,
      [
        sign('C2b', 'Bob'),
        sign('HE1b', 'Bob'),
        broadcast('C2b'),
        broadcast('HE1b'),
        mine('btc', 1),
        expectThat({
          status: { C2b: 'confirmed', HE1b: 'confirmed' },
          balances: { Alice: { btc: about(change + aliceIn, FUNDING_FEE_SHARE) } },
        }),
      ],
      { nodes: ['C2b', 'HE1b'], outputs: [['C2b', 2]] },
    ),
    step(
      say.oneWhoPublishesWaits.title,
      say.oneWhoPublishesWaits.narration,
      [
        mine('btc', RSMC_DELAY_BLOCKS - 1),
        sign('HERD1b', 'Bob'),
        sign('RD2b', 'Bob'),
        broadcast('HERD1b'),
        broadcast('RD2b'),
        mine('btc', 1),
        channelPoint('Bob redeemed with R', aliceIn, DEPOSIT + HTLC_AMOUNT),
        expectThat({
          status: { HERD1b: 'confirmed', RD2b: 'confirmed' },
          balances: {
            Alice: { btc: about(change + aliceIn, FUNDING_FEE_SHARE) },
            Bob: { btc: about(change + DEPOSIT + HTLC_AMOUNT, FUNDING_FEE_SHARE + 4n * TX_FEE) },
          },
        }),
      ],
      {
        nodes: ['HERD1b', 'RD2b', 'HE1b', 'C2b'],
        outputs: [
          ['HE1b', 0],
          ['C2b', 0],
        ],
      },
    ),
  ];

  const timeoutPath: LessonStep[] = [
    step(
      say.bobNeverShowsR.title,
      say.bobNeverShowsR.narration,
      [
        sign('C2a', 'Alice'),
        broadcast('C2a'),
        mine('btc', 1),
        expectThat({
          status: { C2a: 'confirmed' },
          balances: { Bob: { btc: about(change + DEPOSIT, FUNDING_FEE_SHARE) } },
        }),
      ],
      { nodes: ['C2a'], outputs: [['Funding', 0]] },
    ),
    step(
      say.ht1aLockedThreeDays.title,
      say.ht1aLockedThreeDays.narration,
      [sign('HT1a', 'Alice'), broadcast('HT1a'), expectThat({ rejected: 'non-final' })],
      { nodes: ['HT1a', 'C2a'], outputs: [['C2a', 2]] },
    ),
    step(
      say.threeDaysLater.title,
      say.threeDaysLater.narration,
      [
        advance('btc', 3 * DAY),
        mine('btc', MTP_BLOCKS),
        broadcast('HT1a'),
        mine('btc', 1),
        expectThat({ status: { HT1a: 'confirmed' } }),
      ],
      { nodes: ['HT1a', 'C2a'], outputs: [['C2a', 2]] },
    ),
    step(
      say.aliceWaits1000Blocks.title,
      say.aliceWaits1000Blocks.narration,
      [
        mine('btc', RSMC_DELAY_BLOCKS - 1),
        sign('RD2a', 'Alice'),
        sign('HTRD1a', 'Alice'),
        broadcast('RD2a'),
        broadcast('HTRD1a'),
        mine('btc', 1),
        channelPoint('HTLC timed out', DEPOSIT, DEPOSIT),
        expectThat({
          status: { RD2a: 'confirmed', HTRD1a: 'confirmed' },
          balances: {
            Alice: { btc: about(change + DEPOSIT, FUNDING_FEE_SHARE + 4n * TX_FEE) },
            Bob: { btc: about(change + DEPOSIT, FUNDING_FEE_SHARE) },
          },
        }),
      ],
      {
        nodes: ['RD2a', 'HTRD1a', 'HT1a', 'C2a'],
        outputs: [
          ['C2a', 0],
          ['HT1a', 0],
        ],
      },
    ),
  ];

  const settleAndRevoke = step(
    say.rArrivesOffChain.title,
    say.rArrivesOffChain.narration,
    [
      sign('C3a', 'Bob'),
      sign('RD3a', 'Bob'),
      sign('C3b', 'Alice'),
      sign('RD3b', 'Alice'),
      handOver('Alice3', 'Alice', 'Bob', 'revoke state 2 (C2a)'),
      handOver('Bob3', 'Bob', 'Alice', 'revoke state 2 (C2b)'),
      sign('BR2a', 'Bob'),
      sign('HBR1a', 'Bob'),
      sign('HTBR1a', 'Bob'),
      channelPoint('settled off-chain', aliceIn, DEPOSIT + HTLC_AMOUNT),
      expectThat({ status: { BR2a: 'signed', HBR1a: 'signed', HTBR1a: 'signed' } }),
    ],
    // Seven transactions across four columns: no chart beside this one, the canvas needs the room.
    { nodes: ['C3a', 'RD3a', 'C3b', 'RD3b', 'BR2a', 'HBR1a', 'HTBR1a'], figures: [] },
  );
  const bobTakesAll = {
    Alice: { btc: about(change, FUNDING_FEE_SHARE) },
    Bob: { btc: about(change + 2n * DEPOSIT, FUNDING_FEE_SHARE + 4n * TX_FEE) },
  };

  const breachWithheld: LessonStep[] = [
    settleAndRevoke,
    step(
      say.alicePublishesRevokedC2a.title,
      say.alicePublishesRevokedC2a.narration,
      [sign('C2a', 'Alice'), broadcast('C2a'), mine('btc', 1), expectThat({ status: { C2a: 'confirmed' } })],
      { nodes: ['C2a'], outputs: [['Funding', 0]] },
    ),
    step(
      say.hbr1aBobTakesHtlc.title,
      say.hbr1aBobTakesHtlc.narration,
      [
        broadcast('BR2a'),
        broadcast('HBR1a'),
        mine('btc', 1),
        channelPoint('breach punished (HBR1a)', 0n, 2n * DEPOSIT),
        expectThat({ status: { BR2a: 'confirmed', HBR1a: 'confirmed', HT1a: 'conflicted' }, balances: bobTakesAll }),
      ],
      {
        nodes: ['BR2a', 'HBR1a', 'C2a'],
        outputs: [
          ['C2a', 0],
          ['C2a', 2],
        ],
      },
    ),
  ];

  const breachTimeout: LessonStep[] = [
    settleAndRevoke,
    step(
      say.aliceWaitsOutTimeout.title,
      say.aliceWaitsOutTimeout.narration,
      [
        advance('btc', 3 * DAY),
        mine('btc', MTP_BLOCKS),
        sign('C2a', 'Alice'),
        sign('HT1a', 'Alice'),
        broadcast('C2a'),
        broadcast('HT1a'),
        mine('btc', 1),
        expectThat({ status: { C2a: 'confirmed', HT1a: 'confirmed' } }),
      ],
      { nodes: ['C2a', 'HT1a'], outputs: [['C2a', 2]] },
    ),
    step(
      say.hbr1aTooLate.title,
      say.hbr1aTooLate.narration,
      [broadcast('HBR1a'), expectThat({ rejected: 'missing-inputs' })],
      { nodes: ['HBR1a', 'HT1a'], outputs: [['C2a', 2]] },
    ),
    step(
      say.htbr1aStillWorks.title,
      say.htbr1aStillWorks.narration,
      [
        broadcast('BR2a'),
        broadcast('HTBR1a'),
        mine('btc', 1),
        channelPoint('breach punished (HTBR1a)', 0n, 2n * DEPOSIT),
        expectThat({ status: { BR2a: 'confirmed', HTBR1a: 'confirmed' }, balances: bobTakesAll }),
      ],
      {
        nodes: ['BR2a', 'HTBR1a', 'HT1a'],
        outputs: [
          ['C2a', 0],
          ['HT1a', 0],
        ],
      },
    ),
  ];

  const start = [...openingSteps(deposits(ctx)), ...offer];
  return {
    nodes,
    coinsAt: { btc: at(0, 2) },
    paths: {
      redeem: [...start, ...redeem],
      timeout: [...start, ...timeoutPath],
      'breach-withheld': [...start, ...breachWithheld],
      'breach-timeout': [...start, ...breachTimeout],
    },
  };
}

export const htlc: BuiltinScenario = {
  name: 'htlc',
  title: text.title,
  description: text.description,
  defaultSeed: 2,
  paths: ['redeem', 'timeout', 'breach-withheld', 'breach-timeout'],
  wallets: [
    {
      name: 'Alice',
      keys: ['Alice', 'Alice2', 'Alice3', 'Alice4'].map((label, i) => ({
        purpose: i === 0 ? ('funding' as const) : ('revocation' as const),
        label,
      })),
    },
    {
      name: 'Bob',
      keys: ['Bob', 'Bob2', 'Bob3', 'Bob4'].map((label, i) => ({
        purpose: i === 0 ? ('funding' as const) : ('revocation' as const),
        label,
      })),
    },
  ],
  chains: [{ id: 'btc', era: 'modern', startTime: DEFAULT_START_TIME }],
  grants: [
    { id: 'Alice coin', key: 'Alice', chain: 'btc', value: STARTING_COIN, wrap: 'p2wpkh' },
    { id: 'Bob coin', key: 'Bob', chain: 'btc', value: STARTING_COIN, wrap: 'p2wpkh' },
  ],
  build,
};
