/**
 * SegWit (SPEC §3.4): the same payment as a legacy P2PKH spend and as a P2WPKH spend — txid vs
 * wtxid, size, weight and virtual size, the witness discount. The failure path: Mallory changes
 * both signatures in flight (S → n − S) and a lax miner takes her copies. The legacy payment gets
 * a new txid and the child Bob had already signed on top of it is stranded; the SegWit payment
 * keeps its txid (the witness is not part of it) and its child confirms.
 */
import { keyOutput } from '../../protocols/outputs';
import { buildPayment, type SpendableCoin } from '../../protocols/p2pkh';
import type { KeyWrap } from '../../protocols/types';
import { DEFAULT_START_TIME } from '../../scenario/chainActions';
import type { LessonStep } from '../../scenario/schema';
import {
  about,
  at,
  broadcast,
  call,
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

const PAYMENT = COIN / 2n;
const FEE = 5_000n;

function build(ctx: BuildContext) {
  const alice = ctx.keys['Alice']!;
  const bob = ctx.keys['Bob']!;
  const pay = (coinId: string, wrap: KeyWrap) => {
    const coin = ctx.coins[coinId]!;
    return unwrap(
      buildPayment({
        coins: [{ prevout: { node: coin.node, output: coin.output }, value: coin.value, pubKey: alice, wrap }],
        payees: [keyOutput(bob, wrap, PAYMENT, { owner: 'Bob', label: 'to Bob' })],
        change: { pubKey: alice, wrap, owner: 'Alice' },
        fee: FEE,
      }),
      coinId,
    );
  };
  // Bob passes the coin on before it confirms, signing a child that names the parent by txid.
  const child = (parent: string, wrap: KeyWrap) => {
    const coin: SpendableCoin = { prevout: { node: parent, output: 0 }, value: PAYMENT, pubKey: bob, wrap };
    return unwrap(
      buildPayment({
        coins: [coin],
        payees: [keyOutput(bob, wrap, PAYMENT - FEE, { owner: 'Bob', label: 'Bob passes it on' })],
        fee: FEE,
      }),
      `${parent} child`,
    );
  };
  const nodes = [
    draft('Legacy', 'btc', 'p2pkh-payment', at(1, 0), pay('Alice legacy coin', 'p2pkh')),
    draft('Legacy-child', 'btc', 'p2pkh-payment', at(2, 0), child('Legacy', 'p2pkh')),
    // A little lower than two rows: the malleated path puts Mallory's copy of Legacy under Legacy.
    draft('SegWit', 'btc', 'custom', at(1, 2.3), pay('Alice segwit coin', 'p2wpkh')),
    draft('SegWit-child', 'btc', 'custom', at(2, 2.3), child('SegWit', 'p2wpkh')),
  ];

  const signBoth: LessonStep[] = [
    step(say.samePaymentTwoWays.title, say.samePaymentTwoWays.narration, [], on('Legacy', 'SegWit')),
    step(
      say.txidVsWtxidWeight.title,
      say.txidVsWtxidWeight.narration,
      [
        sign('Legacy', 'Alice'),
        sign('SegWit', 'Alice'),
        task('compare-sizes', { key: 'segwit.sizes', nodes: ['Legacy', 'SegWit'] }),
        expectThat({
          status: { Legacy: 'signed', SegWit: 'signed' },
          data: [
            dataCheck('segwit.sizes.facts', 'facts.Legacy-sameIds', { equals: true }),
            dataCheck('segwit.sizes.facts', 'facts.SegWit-sameIds', { equals: false }),
            dataCheck('segwit.sizes.facts', 'facts.SegWit-discountPercent', { min: 20 }),
            dataCheck('segwit.sizes.facts', 'facts.Legacy-discountPercent', { equals: 0 }),
          ],
        }),
      ],
      on('Legacy', 'SegWit'),
    ),
    step(
      say.bobSignsTopBefore.title,
      say.bobSignsTopBefore.narration,
      [
        sign('Legacy-child', 'Bob'),
        sign('SegWit-child', 'Bob'),
        expectThat({ status: { 'Legacy-child': 'signed', 'SegWit-child': 'signed' } }),
      ],
      {
        nodes: ['Legacy', 'Legacy-child', 'SegWit', 'SegWit-child'],
        outputs: [
          ['Legacy', 0],
          ['SegWit', 0],
        ],
      },
    ),
  ];

  const happy: LessonStep[] = [
    ...signBoth,
    step(
      say.broadcastMineEverything.title,
      say.broadcastMineEverything.narration,
      [
        broadcast('Legacy'),
        broadcast('SegWit'),
        broadcast('Legacy-child'),
        broadcast('SegWit-child'),
        mine('btc', 1),
        expectThat({
          status: {
            Legacy: 'confirmed',
            SegWit: 'confirmed',
            'Legacy-child': 'confirmed',
            'SegWit-child': 'confirmed',
          },
          balances: {
            Bob: { btc: about(2n * (PAYMENT - FEE), 0n) },
            Alice: { btc: about(2n * (COIN - PAYMENT), 2n * FEE) },
          },
        }),
      ],
      on('Legacy', 'Legacy-child', 'SegWit', 'SegWit-child'),
    ),
  ];

  const malleated: LessonStep[] = [
    ...signBoth,
    step(
      say.malloryFlipsBothSignatures.title,
      say.malloryFlipsBothSignatures.narration,
      [
        call('chain.setPolicy', { chain: 'btc', rules: { LOW_S: false } }),
        task('mutate-broadcast', { node: 'Legacy', input: 0, mutation: 'high-s' }),
        task('mutate-broadcast', { node: 'SegWit', input: 0, mutation: 'high-s' }),
        broadcast('Legacy'),
        expectThat({
          rejected: 'txn-mempool-conflict',
          data: [
            dataCheck('malleability.copies', 'facts.Legacy-txidChanged', { equals: true }),
            dataCheck('malleability.copies', 'facts.SegWit-txidChanged', { equals: false }),
          ],
        }),
        mine('btc', 1),
        expectThat({ status: { Legacy: 'conflicted', SegWit: 'confirmed' } }),
      ],
      { nodes: ['Legacy', 'Legacy-copy', 'SegWit'], figures: ['malleability.copies'] },
    ),
    step(
      say.legacyChildStrandedSegwit.title,
      say.legacyChildStrandedSegwit.narration,
      [
        broadcast('SegWit-child'),
        broadcast('Legacy-child'),
        expectThat({ rejected: 'missing-inputs' }),
        mine('btc', 1),
        expectThat({
          status: { 'SegWit-child': 'confirmed', 'Legacy-child': 'signed' },
          balances: { Bob: { btc: about(PAYMENT + PAYMENT - FEE, 0n) } },
        }),
      ],
      on('Legacy-child', 'SegWit-child'),
    ),
  ];

  return { nodes, coinsAt: { btc: at(0, 1) }, paths: { witness: happy, malleated } };
}

export const segwit: BuiltinScenario = {
  name: 'segwit',
  title: text.title,
  description: text.description,
  defaultSeed: 6,
  paths: ['witness', 'malleated'],
  wallets: [
    { name: 'Alice', keys: [{ purpose: 'receive', label: 'Alice' }] },
    { name: 'Bob', keys: [{ purpose: 'receive', label: 'Bob' }] },
    { name: 'Mallory', keys: [] },
  ],
  chains: [{ id: 'btc', era: 'modern', startTime: DEFAULT_START_TIME }],
  grants: [
    { id: 'Alice legacy coin', key: 'Alice', chain: 'btc', value: COIN, wrap: 'p2pkh' },
    { id: 'Alice segwit coin', key: 'Alice', chain: 'btc', value: COIN, wrap: 'p2wpkh' },
  ],
  build,
};
