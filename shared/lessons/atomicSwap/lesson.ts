/**
 * Atomic cross-chain swap (SPEC §3.8), Tier Nolan's protocol with the seed's names: Alice's 1 BTC
 * for Bob's 10 LTC. Paths: the swap goes through; Bob walks away before Tx3 (Alice refunds with
 * Tx2 after 48 h); Alice never claims (Bob refunds with Tx4 at 24 h, Alice with Tx2 at 48 h).
 */
import { toHex } from '../../bitcoin/bytes';
import {
  buildClaim,
  buildTx1,
  buildTx2,
  buildTx3,
  buildTx4,
  claimName,
  swapHash,
  type SwapTerms,
} from '../../protocols/swap';
import { DEFAULT_START_TIME } from '../../scenario/chainActions';
import type { LessonStep } from '../../scenario/schema';
import {
  about,
  advance,
  at,
  broadcast,
  COIN,
  draft,
  expectThat,
  HOUR,
  mine,
  on,
  secretFromSeed,
  sign,
  step,
  task,
  unwrap,
} from '../kit';
import { bilingual } from '../narration';
import type { BuildContext, BuiltinScenario, CoinRef } from '../types';
import { en } from './en';
import { zh } from './zh';

const text = bilingual(en, zh);
const say = text.steps;

const BTC_AMOUNT = COIN;
const LTC_AMOUNT = 10n * COIN;
const FEE = 2_000n;
const MTP_BLOCKS = 11;

function build(ctx: BuildContext) {
  const x = secretFromSeed(ctx.seed, 'swap X');
  const hash = unwrap(swapHash(x), 'hash');
  const terms: SwapTerms = { alice: ctx.keys['Alice']!, bob: ctx.keys['Bob']!, hash, start: ctx.chains.btc!.time };
  const coin = (c: CoinRef) => ({
    prevout: { node: c.node, output: c.output },
    value: c.value,
    pubKey: c.pubKey,
    wrap: c.wrap,
  });
  const aliceCoin = ctx.coins['Alice BTC']!;
  const bobCoin = ctx.coins['Bob LTC']!;
  const spend = (value: bigint) => ({ terms, wrap: 'p2wsh' as const, payout: 'p2wpkh' as const, value, fee: FEE });
  const nodes = [
    draft(
      'Tx1',
      'btc',
      'swap-tx1',
      at(1, 0),
      unwrap(
        buildTx1({ terms, wrap: 'p2wsh', coins: [coin(ctx.coins['Alice BTC']!)], amount: BTC_AMOUNT, fee: FEE }),
        'Tx1',
      ),
    ),
    draft('Tx2', 'btc', 'swap-tx2', at(2, 1), unwrap(buildTx2(spend(BTC_AMOUNT)), 'Tx2')),
    draft(
      claimName('Tx1'),
      'btc',
      'swap-claim-tx1',
      at(2, 0),
      unwrap(buildClaim('Tx1', spend(BTC_AMOUNT)), 'Tx1 claim'),
    ),
    draft(
      'Tx3',
      'ltc',
      'swap-tx3',
      at(1, 2),
      unwrap(
        buildTx3({ terms, wrap: 'p2wsh', coins: [coin(ctx.coins['Bob LTC']!)], amount: LTC_AMOUNT, fee: FEE }),
        'Tx3',
      ),
    ),
    draft('Tx4', 'ltc', 'swap-tx4', at(2, 3), unwrap(buildTx4(spend(LTC_AMOUNT)), 'Tx4')),
    // Alice chose X, so her claim has it from the start; Bob's gets it from the LTC chain.
    draft(
      claimName('Tx3'),
      'ltc',
      'swap-claim-tx3',
      at(2, 2),
      unwrap(buildClaim('Tx3', { ...spend(LTC_AMOUNT), secret: x }), 'Tx3 claim'),
    ),
  ];

  const aliceSide: LessonStep[] = [
    step(
      say.aliceHas1Btc.title,
      say.aliceHas1Btc.narration({ hash: toHex(hash) }),
      [
        expectThat({
          balances: { Alice: { btc: about(BTC_AMOUNT + FEE, 0n) }, Bob: { ltc: about(LTC_AMOUNT + FEE, 0n) } },
        }),
      ],
      {
        nodes: [aliceCoin.node, bobCoin.node],
        outputs: [
          [aliceCoin.node, aliceCoin.output],
          [bobCoin.node, bobCoin.output],
        ],
      },
    ),
    step(
      say.tx1RefundTx2Signed.title,
      say.tx1RefundTx2Signed.narration,
      [
        sign('Tx1', 'Alice'),
        sign('Tx2', 'Bob'),
        sign('Tx2', 'Alice'),
        broadcast('Tx1'),
        mine('btc', 1),
        expectThat({ status: { Tx1: 'confirmed', Tx2: 'signed' } }),
      ],
      on('Tx1', 'Tx2'),
    ),
  ];

  const bobSide = step(
    say.tx3RefundTx4Signed.title,
    say.tx3RefundTx4Signed.narration,
    [
      sign('Tx3', 'Bob'),
      sign('Tx4', 'Alice'),
      sign('Tx4', 'Bob'),
      broadcast('Tx3'),
      mine('ltc', 1),
      expectThat({ status: { Tx3: 'confirmed', Tx4: 'signed' } }),
    ],
    on('Tx3', 'Tx4'),
  );

  const success: LessonStep[] = [
    ...aliceSide,
    bobSide,
    step(
      say.aliceClaims10Ltc.title,
      say.aliceClaims10Ltc.narration({ claimTx3: claimName('Tx3') }),
      [
        sign(claimName('Tx3'), 'Alice'),
        broadcast(claimName('Tx3')),
        mine('ltc', 1),
        expectThat({ status: { [claimName('Tx3')]: 'confirmed' } }),
      ],
      { nodes: [claimName('Tx3'), 'Tx3'], outputs: [['Tx3', 0]] },
    ),
    step(
      say.bobReadsXLitecoin.title,
      say.bobReadsXLitecoin.narration({ claimTx3: claimName('Tx3'), claimTx1: claimName('Tx1') }),
      [
        sign(claimName('Tx1'), 'Bob'),
        task('extract-secret', {
          from: claimName('Tx3'),
          into: claimName('Tx1'),
          label: 'X',
          hash: toHex(hash),
          hashFunction: 'sha256',
        }),
        broadcast(claimName('Tx1')),
        mine('btc', 1),
        expectThat({
          status: { [claimName('Tx1')]: 'confirmed', Tx2: 'conflicted', Tx4: 'conflicted' },
          balances: {
            Alice: { ltc: about(LTC_AMOUNT, FEE), btc: about(0n, 0n) },
            Bob: { btc: about(BTC_AMOUNT, FEE), ltc: about(0n, 0n) },
          },
        }),
      ],
      { nodes: [claimName('Tx1'), claimName('Tx3'), 'Tx2', 'Tx4'], outputs: [['Tx1', 0]] },
    ),
  ];

  const bobWalksAway: LessonStep[] = [
    ...aliceSide,
    step(
      say.bobWalksAway.title,
      say.bobWalksAway.narration,
      [advance('btc', 24 * HOUR), mine('btc', MTP_BLOCKS), broadcast('Tx2'), expectThat({ rejected: 'non-final' })],
      { nodes: ['Tx2', 'Tx1'], outputs: [['Tx1', 0]] },
    ),
    step(
      say.after48Hours.title,
      say.after48Hours.narration,
      [
        advance('btc', 24 * HOUR),
        mine('btc', MTP_BLOCKS),
        broadcast('Tx2'),
        mine('btc', 1),
        expectThat({
          status: { Tx2: 'confirmed', Tx3: 'draft' },
          balances: { Alice: { btc: about(BTC_AMOUNT, 2n * FEE) }, Bob: { ltc: about(LTC_AMOUNT, FEE) } },
        }),
      ],
      { nodes: ['Tx2', 'Tx1'], outputs: [['Tx1', 0]] },
    ),
  ];

  const aliceNeverClaims: LessonStep[] = [
    ...aliceSide,
    bobSide,
    step(
      say.aliceNeverClaims.title,
      say.aliceNeverClaims.narration,
      [
        broadcast('Tx4'),
        expectThat({ rejected: 'non-final' }),
        advance('ltc', 24 * HOUR),
        advance('btc', 24 * HOUR),
        mine('ltc', MTP_BLOCKS),
        broadcast('Tx4'),
        mine('ltc', 1),
        mine('btc', MTP_BLOCKS),
        broadcast('Tx2'),
        expectThat({ status: { Tx4: 'confirmed' }, rejected: 'non-final' }),
      ],
      { nodes: ['Tx4', 'Tx3', 'Tx2'], outputs: [['Tx3', 0]] },
    ),
    step(
      say.aliceRefundsAt48h.title,
      say.aliceRefundsAt48h.narration,
      [
        advance('btc', 24 * HOUR),
        mine('btc', MTP_BLOCKS),
        broadcast('Tx2'),
        mine('btc', 1),
        expectThat({
          status: { Tx2: 'confirmed', [claimName('Tx3')]: 'conflicted', [claimName('Tx1')]: 'conflicted' },
          balances: {
            Alice: { btc: about(BTC_AMOUNT, 2n * FEE), ltc: about(0n, 0n) },
            Bob: { ltc: about(LTC_AMOUNT, 2n * FEE), btc: about(0n, 0n) },
          },
        }),
      ],
      { nodes: ['Tx2', 'Tx1'], outputs: [['Tx1', 0]] },
    ),
  ];

  return {
    nodes,
    coinsAt: { btc: at(0, 0), ltc: at(0, 2) },
    paths: { success, 'bob-walks-away': bobWalksAway, 'alice-never-claims': aliceNeverClaims },
  };
}

export const atomicSwap: BuiltinScenario = {
  name: 'atomic-swap',
  title: text.title,
  description: text.description,
  defaultSeed: 4,
  paths: ['success', 'bob-walks-away', 'alice-never-claims'],
  wallets: [
    { name: 'Alice', keys: [{ purpose: 'swap', label: 'Alice' }] },
    { name: 'Bob', keys: [{ purpose: 'swap', label: 'Bob' }] },
  ],
  chains: [
    { id: 'btc', era: 'modern', startTime: DEFAULT_START_TIME },
    { id: 'ltc', era: 'modern', startTime: DEFAULT_START_TIME },
  ],
  grants: [
    { id: 'Alice BTC', key: 'Alice', chain: 'btc', value: BTC_AMOUNT + FEE, wrap: 'p2wpkh' },
    { id: 'Bob LTC', key: 'Bob', chain: 'ltc', value: LTC_AMOUNT + FEE, wrap: 'p2wpkh' },
  ],
  build,
};
