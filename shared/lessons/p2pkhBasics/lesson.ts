/**
 * Script execution (SPEC §3.1): Alice pays Bob from a P2PKH coin. The lesson signs, steps through
 * `<sig> <pubkey> | OP_DUP OP_HASH160 <pkh> OP_EQUALVERIFY OP_CHECKSIG` showing the stack after
 * every opcode, broadcasts and mines. The failure path: Mallory signs a spend of Alice's coin with
 * her own key, and OP_EQUALVERIFY stops it.
 */
import { toHex } from '../../bitcoin/bytes';
import { hash160 } from '../../bitcoin/hashes';
import { keyOutput } from '../../protocols/outputs';
import { buildPayment } from '../../protocols/p2pkh';
import { DEFAULT_START_TIME } from '../../scenario/chainActions';
import type { LessonStep } from '../../scenario/schema';
import { about, at, broadcast, COIN, dataCheck, draft, expectThat, mine, sign, step, task, unwrap } from '../kit';
import { bilingual } from '../narration';
import type { BuildContext, BuiltinScenario } from '../types';
import { en } from './en';
import { zh } from './zh';

const text = bilingual(en, zh);
const say = text.steps;

const PAYMENT = (3n * COIN) / 10n;
const FEE = 10_000n;

function build(ctx: BuildContext) {
  const coin = ctx.coins['Alice coin']!;
  const prevout = { node: coin.node, output: coin.output };
  const alice = ctx.keys['Alice']!;
  const payment = buildPayment({
    coins: [{ prevout, value: coin.value, pubKey: alice, wrap: 'p2pkh' }],
    payees: [keyOutput(ctx.keys['Bob']!, 'p2pkh', PAYMENT, { owner: 'Bob', label: 'to Bob' })],
    change: { pubKey: alice, wrap: 'p2pkh', owner: 'Alice' },
    fee: FEE,
    version: 1,
  });
  // Mallory's attempt: the same coin, unlocked with her own signature and key.
  const forgery = buildPayment({
    coins: [{ prevout, value: coin.value, pubKey: ctx.keys['Mallory']!, wrap: 'p2pkh' }],
    payees: [keyOutput(ctx.keys['Mallory']!, 'p2pkh', coin.value - FEE, { owner: 'Mallory', label: 'to Mallory' })],
    fee: FEE,
    version: 1,
  });
  const nodes = [
    draft('Payment', 'btc', 'p2pkh-payment', at(1, 0), unwrap(payment, 'Payment')),
    draft('Forgery', 'btc', 'p2pkh-payment', at(1, 1), unwrap(forgery, 'Forgery')),
  ];
  const pkh = toHex(hash160(alice));

  const intro = step(
    say.coinLockedAliceKey.title,
    say.coinLockedAliceKey.narration({ output: coin.output, node: coin.node, pkh }),
    [expectThat({ status: { Payment: 'draft' }, balances: { Alice: { btc: about(COIN, 0n) } } })],
    { nodes: [coin.node], outputs: [[coin.node, coin.output]] },
  );
  const spends = [[coin.node, coin.output]] as const;

  const pay: LessonStep[] = [
    intro,
    step(
      say.aliceSignsPaymentBob.title,
      say.aliceSignsPaymentBob.narration,
      [
        sign('Payment', 'Alice'),
        task('compare-sizes', { key: 'p2pkh.ids', nodes: ['Payment'] }),
        expectThat({
          status: { Payment: 'signed' },
          data: [dataCheck('p2pkh.ids.facts', 'facts.Payment-sameIds', { equals: true })],
        }),
      ],
      { nodes: ['Payment'], outputs: spends, figures: ['p2pkh.ids'] },
    ),
    step(
      say.stepThroughScripts.title,
      say.stepThroughScripts.narration,
      [
        task('trace', { node: 'Payment', input: 0 }),
        expectThat({
          data: [
            dataCheck('trace.Payment.result', 'facts.valid', { equals: true }),
            dataCheck('trace.Payment.result', 'facts.steps', { min: 7 }),
            dataCheck('trace.Payment.result', 'facts.finalStack', { equals: '01' }),
          ],
        }),
      ],
      { nodes: ['Payment'], outputs: spends, figures: ['trace.Payment'] },
    ),
    step(
      say.broadcastMine.title,
      say.broadcastMine.narration,
      [
        broadcast('Payment'),
        mine('btc', 1),
        expectThat({
          status: { Payment: 'confirmed', Forgery: 'conflicted' },
          balances: { Bob: { btc: about(PAYMENT, 0n) }, Alice: { btc: about(COIN - PAYMENT, FEE) } },
        }),
      ],
      { nodes: ['Payment'], outputs: spends },
    ),
  ];

  const forge: LessonStep[] = [
    intro,
    step(
      say.mallorySignsOwnKey.title,
      say.mallorySignsOwnKey.narration,
      [sign('Forgery', 'Mallory'), expectThat({ status: { Forgery: 'invalid' } })],
      { nodes: ['Forgery'], outputs: spends },
    ),
    step(
      say.whereFailsOpEqualverify.title,
      say.whereFailsOpEqualverify.narration,
      [
        task('trace', { node: 'Forgery', input: 0 }),
        expectThat({
          data: [
            dataCheck('trace.Forgery.result', 'facts.valid', { equals: false }),
            dataCheck('trace.Forgery.result', 'facts.error', { equals: 'EQUALVERIFY' }),
          ],
        }),
      ],
      { nodes: ['Forgery'], outputs: spends, figures: ['trace.Forgery'] },
    ),
    step(
      say.networkRefuses.title,
      say.networkRefuses.narration,
      [
        broadcast('Forgery'),
        expectThat({
          rejected: 'mandatory-script-verify-flag-failed',
          balances: { Alice: { btc: about(COIN, 0n) }, Mallory: { btc: about(0n, 0n) } },
        }),
      ],
      { nodes: ['Forgery'], outputs: spends },
    ),
  ];

  return { nodes, coinsAt: { btc: at(0, 0) }, paths: { pay, forgery: forge } };
}

export const p2pkhBasics: BuiltinScenario = {
  name: 'p2pkh-basics',
  title: text.title,
  description: text.description,
  defaultSeed: 5,
  paths: ['pay', 'forgery'],
  wallets: [
    { name: 'Alice', keys: [{ purpose: 'receive', label: 'Alice' }] },
    { name: 'Bob', keys: [{ purpose: 'receive', label: 'Bob' }] },
    { name: 'Mallory', keys: [{ purpose: 'receive', label: 'Mallory' }] },
  ],
  chains: [{ id: 'btc', era: '2014', startTime: DEFAULT_START_TIME }],
  grants: [{ id: 'Alice coin', key: 'Alice', chain: 'btc', value: COIN, wrap: 'p2pkh' }],
  build,
};
