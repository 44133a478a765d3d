/**
 * Multi-hop payment (SPEC §3.7): Alice pays Dave 0.05 BTC through Bob and Carol with HTLCs of
 * 0.052 (3 days), 0.051 (2 days) and 0.05 (1 day). R travels back from Dave and each hop keeps
 * 0.001; or Dave never reveals R and the HTLCs time out one day apart, Carol's first.
 */
import { toHex } from '../../bitcoin/bytes';
import { htlcHash } from '../../protocols/htlc';
import {
  buildHopOffer,
  buildHopRedeem,
  buildHopTimeout,
  type Hop,
  hopTxName,
  planRoute,
} from '../../protocols/multihop';
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
  mine,
  on,
  secretFromSeed,
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

const PEOPLE = ['Alice', 'Bob', 'Carol', 'Dave'] as const;
const AMOUNT = COIN / 20n; // 0.05 BTC to Dave
const HOP_FEE = COIN / 1000n; // 0.001 kept by each middle hop
const STARTING_COIN = COIN / 10n;
const TX_FEE = 1_000n;
const MTP_BLOCKS = 11;

/** What the canvas calls a hop's transaction: which hop it is, in full ("Redeem Carol→Dave"). */
function hopLabel(hop: Hop, kind: 'HTLC' | 'Redeem' | 'Timeout'): string {
  return `${kind} ${hop.payer.name}→${hop.payee.name}`;
}

function build(ctx: BuildContext) {
  const r = secretFromSeed(ctx.seed, 'multihop R');
  const hash = htlcHash(r);
  const hops = unwrap(
    planRoute({
      path: PEOPLE.map((name) => ({ name, key: ctx.keys[name]! })),
      amount: AMOUNT,
      feePerHop: HOP_FEE,
      start: ctx.chains.btc!.time,
      step: DAY,
    }),
    'route',
  );
  const nodes = hops.flatMap((hop) => {
    const coin = ctx.coins[`${hop.payer.name} coin`]!;
    const offer = buildHopOffer({
      hop,
      hash,
      wrap: 'p2wsh',
      coins: [
        { prevout: { node: coin.node, output: coin.output }, value: coin.value, pubKey: coin.pubKey, wrap: coin.wrap },
      ],
      change: { pubKey: hop.payer.key, wrap: 'p2wpkh', owner: hop.payer.name },
      fee: TX_FEE,
    });
    const spend = { hop, hash, wrap: 'p2wsh' as const, fee: TX_FEE, payout: 'p2wpkh' as const };
    // Dave made R, so his redeem has it from the start; the others learn it from the chain.
    const last = hop.index === hops.length - 1;
    return [
      draft(
        hopTxName(hop, 'HTLC'),
        'btc',
        'hop-htlc',
        at(1, hop.index * 2),
        unwrap(offer, 'offer'),
        hopLabel(hop, 'HTLC'),
      ),
      draft(
        hopTxName(hop, 'Redeem'),
        'btc',
        'hop-redeem',
        at(2, hop.index * 2),
        unwrap(buildHopRedeem({ ...spend, ...(last ? { preimage: r } : {}) }), 'redeem'),
        hopLabel(hop, 'Redeem'),
      ),
      draft(
        hopTxName(hop, 'Timeout'),
        'btc',
        'hop-timeout',
        at(2, hop.index * 2 + 1),
        unwrap(buildHopTimeout(spend), 'timeout'),
        hopLabel(hop, 'Timeout'),
      ),
    ];
  });
  const [ab, bc, cd] = hops as [Hop, Hop, Hop];
  const name = (hop: Hop, kind: 'HTLC' | 'Redeem' | 'Timeout') => hopTxName(hop, kind);

  const setup: LessonStep[] = [
    step(say.routeThreeChannels.title, say.routeThreeChannels.narration({ hash: toHex(hash) }), [], on('Coins')),
    step(
      say.htlcsFromAliceDave.title,
      say.htlcsFromAliceDave.narration,
      [
        sign(name(ab, 'HTLC'), 'Alice'),
        sign(name(bc, 'HTLC'), 'Bob'),
        sign(name(cd, 'HTLC'), 'Carol'),
        broadcast(name(ab, 'HTLC')),
        broadcast(name(bc, 'HTLC')),
        broadcast(name(cd, 'HTLC')),
        mine('btc', 1),
        expectThat({
          status: { [name(ab, 'HTLC')]: 'confirmed', [name(bc, 'HTLC')]: 'confirmed', [name(cd, 'HTLC')]: 'confirmed' },
        }),
      ],
      on(name(ab, 'HTLC'), name(bc, 'HTLC'), name(cd, 'HTLC')),
    ),
  ];

  const success: LessonStep[] = [
    step(
      say.daveShowsRTakes.title,
      say.daveShowsRTakes.narration,
      [
        sign(name(cd, 'Redeem'), 'Dave'),
        broadcast(name(cd, 'Redeem')),
        mine('btc', 1),
        expectThat({ status: { [name(cd, 'Redeem')]: 'confirmed' } }),
      ],
      { nodes: [name(cd, 'Redeem'), name(cd, 'HTLC')], outputs: [[name(cd, 'HTLC'), 0]] },
    ),
    step(
      say.carolReadsRFrom.title,
      say.carolReadsRFrom.narration,
      [
        sign(name(bc, 'Redeem'), 'Carol'),
        task('extract-secret', {
          from: name(cd, 'Redeem'),
          into: name(bc, 'Redeem'),
          label: 'R',
          hash: toHex(hash),
          hashFunction: 'hash160',
        }),
        broadcast(name(bc, 'Redeem')),
        mine('btc', 1),
        expectThat({ status: { [name(bc, 'Redeem')]: 'confirmed' } }),
      ],
      { nodes: [name(bc, 'Redeem'), name(cd, 'Redeem')], outputs: [[name(bc, 'HTLC'), 0]] },
    ),
    step(
      say.bobDoesSame.title,
      say.bobDoesSame.narration,
      [
        sign(name(ab, 'Redeem'), 'Bob'),
        task('extract-secret', {
          from: name(bc, 'Redeem'),
          into: name(ab, 'Redeem'),
          label: 'R',
          hash: toHex(hash),
          hashFunction: 'hash160',
        }),
        broadcast(name(ab, 'Redeem')),
        mine('btc', 1),
        expectThat({
          status: { [name(ab, 'Redeem')]: 'confirmed', [name(ab, 'Timeout')]: 'conflicted' },
          balances: {
            Alice: { btc: about(STARTING_COIN - AMOUNT - 2n * HOP_FEE, TX_FEE) },
            Bob: { btc: about(STARTING_COIN + HOP_FEE, 2n * TX_FEE) },
            Carol: { btc: about(STARTING_COIN + HOP_FEE, 2n * TX_FEE) },
            Dave: { btc: about(AMOUNT, TX_FEE) },
          },
        }),
      ],
      { nodes: [name(ab, 'Redeem'), name(bc, 'Redeem'), name(ab, 'Timeout')], outputs: [[name(ab, 'HTLC'), 0]] },
    ),
  ];

  const timeoutStep = (hop: Hop, day: number, early: Hop | undefined): LessonStep =>
    step(
      say.timeout.title({ day, payer: hop.payer.name, amount: Number(hop.amount) / 1e8 }),
      say.timeout.narration({
        payer: hop.payer.name,
        amount: Number(hop.amount) / 1e8,
        timeout: hopLabel(hop, 'Timeout'),
        early: early && hopLabel(early, 'Timeout'),
      }),
      [
        advance('btc', DAY),
        mine('btc', MTP_BLOCKS),
        sign(name(hop, 'Timeout'), hop.payer.name),
        broadcast(name(hop, 'Timeout')),
        ...(early
          ? [
              sign(name(early, 'Timeout'), early.payer.name),
              broadcast(name(early, 'Timeout')),
              expectThat({ rejected: 'non-final' }),
            ]
          : []),
        mine('btc', 1),
        expectThat({ status: { [name(hop, 'Timeout')]: 'confirmed' } }),
      ],
      { nodes: [name(hop, 'Timeout'), ...(early ? [name(early, 'Timeout')] : [])], outputs: [[name(hop, 'HTLC'), 0]] },
    );

  const last = timeoutStep(ab, 3, undefined);
  const failure: LessonStep[] = [
    step(
      say.daveNeverRevealsR.title,
      say.daveNeverRevealsR.narration,
      [sign(name(ab, 'Timeout'), 'Alice'), broadcast(name(ab, 'Timeout')), expectThat({ rejected: 'non-final' })],
      { nodes: [name(ab, 'Timeout')], outputs: [[name(ab, 'HTLC'), 0]] },
    ),
    timeoutStep(cd, 1, bc),
    timeoutStep(bc, 2, ab),
    {
      ...last,
      actions: [
        ...last.actions,
        expectThat({
          status: {
            [name(cd, 'Redeem')]: 'conflicted',
            [name(bc, 'Redeem')]: 'conflicted',
            [name(ab, 'Redeem')]: 'conflicted',
          },
          balances: {
            Alice: { btc: about(STARTING_COIN, 2n * TX_FEE) },
            Bob: { btc: about(STARTING_COIN, 2n * TX_FEE) },
            Carol: { btc: about(STARTING_COIN, 2n * TX_FEE) },
            Dave: { btc: about(0n, 0n) },
          },
        }),
      ],
    },
  ];

  return {
    nodes,
    coinsAt: { btc: at(0, 2) },
    paths: { success: [...setup, ...success], 'dave-silent': [...setup, ...failure] },
  };
}

export const multihop: BuiltinScenario = {
  name: 'multihop',
  title: text.title,
  description: text.description,
  defaultSeed: 3,
  paths: ['success', 'dave-silent'],
  wallets: PEOPLE.map((name) => ({ name, keys: [{ purpose: 'htlc' as const, label: name }] })),
  chains: [{ id: 'btc', era: 'modern', startTime: DEFAULT_START_TIME }],
  grants: (['Alice', 'Bob', 'Carol'] as const).map((name) => ({
    id: `${name} coin`,
    key: name,
    chain: 'btc' as const,
    value: STARTING_COIN,
    wrap: 'p2wpkh' as const,
  })),
  build,
};
