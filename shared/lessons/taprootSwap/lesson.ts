/**
 * The seed's atomic swap (atomicSwap/) rebuilt for Taproot (shared/protocols/taprootHtlc.ts):
 * Tx1 and Tx3 pay P2TR outputs whose internal key is the MuSig2 aggregate of Alice and Bob, with
 * a hashlock leaf and a CLTV refund leaf. Paths: the cooperative one (both claims by the key
 * path, each signed by both through MuSig2); the hashlock leaves (Bob stops answering: a wrong
 * X and a wrong control block are refused first); and the refund leaf when Bob disappears (too
 * early, then after 48 h). Each spend is set beside the seed's version of it (compare.ts).
 */
import { toHex } from '../../bitcoin/bytes';
import { swapHash } from '../../protocols/swap';
import {
  buildHashlockSpend,
  buildKeyPathSpend,
  buildRefundSpend,
  buildTaprootHtlcFunding,
  taprootHtlc,
  type TaprootHtlcSpend,
  type TaprootHtlcTerms,
  tamperedControlBlock,
} from '../../protocols/taprootHtlc';
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
  HOUR,
  mine,
  secretFromSeed,
  sign,
  step,
  task,
  unwrap,
} from '../kit';
import { bilingual } from '../narration';
import type { BuildContext, BuiltinScenario, CoinRef } from '../types';
import type { SpendKind } from './compare';
import { en } from './en';
import { zh } from './zh';

const text = bilingual(en, zh);
const say = text.steps;

const BTC_AMOUNT = COIN;
const LTC_AMOUNT = 10n * COIN;
const FEE = 2_000n;
/**
 * A key-path claim is about two thirds the size of a leaf claim, so it pays less at the same fee
 * rate. (It also gives it another txid: the two claims would otherwise differ only in their
 * witnesses, which a txid does not cover.)
 */
const KEY_PATH_FEE = 1_200n;
/** Alice's failed attempts pay a little more: a txid of their own, so the canvas does not show them confirmed with Tx3-leaf. */
const ATTEMPT_FEE = 2_100n;
const MTP_BLOCKS = 11;
/** The seed's timeouts: Alice's refund opens after 48 h, Bob's after 24 h. */
const TX1_TIMEOUT = 48 * HOUR;
const TX3_TIMEOUT = 24 * HOUR;

function build(ctx: BuildContext) {
  const x = secretFromSeed(ctx.seed, 'taproot swap X');
  const hash = unwrap(swapHash(x), 'hash');
  const hashHex = toHex(hash);
  const start = ctx.chains.btc!.time;
  const alice = ctx.keys['Alice']!;
  const bob = ctx.keys['Bob']!;
  // Tx1: Alice pays, Bob claims with X. Tx3: Bob pays, Alice claims with X.
  const tx1: TaprootHtlcTerms = { payer: alice, payee: bob, hash, timeout: start + TX1_TIMEOUT };
  const tx3: TaprootHtlcTerms = { payer: bob, payee: alice, hash, timeout: start + TX3_TIMEOUT };
  const coin = (c: CoinRef) => ({
    prevout: { node: c.node, output: c.output },
    value: c.value,
    pubKey: c.pubKey,
    wrap: c.wrap,
  });
  const aliceCoin = ctx.coins['Alice BTC']!;
  const bobCoin = ctx.coins['Bob LTC']!;
  const spend = (terms: TaprootHtlcTerms, contract: string, value: bigint): TaprootHtlcSpend => ({
    terms,
    value,
    fee: FEE,
    payout: 'p2wpkh',
    htlcOutput: { node: contract, output: 0 },
  });
  const s1 = spend(tx1, 'Tx1', BTC_AMOUNT);
  const s3 = spend(tx3, 'Tx3', LTC_AMOUNT);
  const tx3Hashlock = unwrap(taprootHtlc(tx3), 'Tx3 tree').hashlock;
  const wrongX = secretFromSeed(ctx.seed, 'not X');
  const nodes = [
    draft(
      'Tx1',
      'btc',
      'taproot-htlc',
      at(1, 0),
      unwrap(
        buildTaprootHtlcFunding({
          terms: tx1,
          coins: [coin(aliceCoin)],
          amount: BTC_AMOUNT,
          fee: FEE,
          label: 'Tx1: MuSig2(Alice, Bob) + 2 leaves',
        }),
        'Tx1',
      ),
    ),
    draft(
      'Tx1-key',
      'btc',
      'taproot-htlc-key',
      at(2, 0),
      unwrap(buildKeyPathSpend({ ...s1, fee: KEY_PATH_FEE, to: 'payee', label: 'Bob (key path)' }), 'Tx1-key'),
    ),
    draft(
      'Tx1-leaf',
      'btc',
      'taproot-htlc-hashlock',
      at(2, 1),
      unwrap(buildHashlockSpend({ ...s1, label: 'Bob (hashlock leaf)' }), 'Tx1-leaf'),
    ),
    draft(
      'Tx1-refund',
      'btc',
      'taproot-htlc-refund',
      at(3, 0),
      unwrap(buildRefundSpend({ ...s1, label: 'Alice (refund leaf)' }), 'Tx1-refund'),
    ),
    draft(
      'Tx3',
      'ltc',
      'taproot-htlc',
      at(1, 3),
      unwrap(
        buildTaprootHtlcFunding({
          terms: tx3,
          coins: [coin(bobCoin)],
          amount: LTC_AMOUNT,
          fee: FEE,
          label: 'Tx3: MuSig2(Alice, Bob) + 2 leaves',
        }),
        'Tx3',
      ),
    ),
    draft(
      'Tx3-key',
      'ltc',
      'taproot-htlc-key',
      at(2, 3),
      unwrap(buildKeyPathSpend({ ...s3, fee: KEY_PATH_FEE, to: 'payee', label: 'Alice (key path)' }), 'Tx3-key'),
    ),
    // Alice chose X, so her leaf claim has it from the start; Bob's gets it from the LTC chain.
    draft(
      'Tx3-leaf',
      'ltc',
      'taproot-htlc-hashlock',
      at(2, 4),
      unwrap(buildHashlockSpend({ ...s3, secret: x, label: 'Alice (hashlock leaf)' }), 'Tx3-leaf'),
    ),
    draft(
      'Tx3-badX',
      'ltc',
      'taproot-htlc-hashlock',
      at(3, 3),
      unwrap(buildHashlockSpend({ ...s3, fee: ATTEMPT_FEE, secret: wrongX, label: 'Alice, wrong X' }), 'Tx3-badX'),
    ),
    draft(
      'Tx3-badCB',
      'ltc',
      'taproot-htlc-hashlock',
      at(3, 4),
      unwrap(
        buildHashlockSpend({
          ...s3,
          fee: ATTEMPT_FEE,
          secret: x,
          controlBlock: tamperedControlBlock(tx3Hashlock),
          label: 'Alice, wrong control block',
        }),
        'Tx3-badCB',
      ),
    ),
  ];

  const compare = (node: string, kind: SpendKind, contract: 'Tx1' | 'Tx3') =>
    task('taproot-compare', { key: `taproot.${node}`, node, kind, contract, hash: hashHex, start });
  const smaller = (node: string) => dataCheck(`taproot.${node}.facts`, 'facts.taprootVsize', { max: 150 });

  const intro = step(
    say.twoCoins.title,
    say.twoCoins.narration({ hash: hashHex }),
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
  );
  const lockTx1 = step(
    say.tx1Locked.title,
    say.tx1Locked.narration,
    [sign('Tx1', 'Alice'), broadcast('Tx1'), mine('btc', 1), expectThat({ status: { Tx1: 'confirmed' } })],
    { nodes: ['Tx1', 'Tx1-key', 'Tx1-leaf', 'Tx1-refund'], outputs: [['Tx1', 0]] },
  );
  const lockTx3 = step(
    say.tx3Locked.title,
    say.tx3Locked.narration,
    [sign('Tx3', 'Bob'), broadcast('Tx3'), mine('ltc', 1), expectThat({ status: { Tx3: 'confirmed' } })],
    { nodes: ['Tx3', 'Tx3-key', 'Tx3-leaf'], outputs: [['Tx3', 0]] },
  );
  const locked = [intro, lockTx1, lockTx3];

  const cooperative: LessonStep[] = [
    ...locked,
    step(
      say.aliceTakesLtcKeyPath.title,
      say.aliceTakesLtcKeyPath.narration,
      [
        sign('Tx3-key', 'Alice'),
        expectThat({ status: { 'Tx3-key': 'partly-signed' } }),
        sign('Tx3-key', 'Bob'),
        broadcast('Tx3-key'),
        mine('ltc', 1),
        compare('Tx3-key', 'key-path', 'Tx3'),
        expectThat({ status: { 'Tx3-key': 'confirmed' }, data: [smaller('Tx3-key')] }),
      ],
      { nodes: ['Tx3-key', 'Tx3'], outputs: [['Tx3', 0]], figures: ['taproot.Tx3-key', 'taproot.Tx3-key.facts'] },
    ),
    step(
      say.bobTakesBtcKeyPath.title,
      say.bobTakesBtcKeyPath.narration,
      [
        sign('Tx1-key', 'Bob'),
        sign('Tx1-key', 'Alice'),
        broadcast('Tx1-key'),
        mine('btc', 1),
        compare('Tx1-key', 'key-path', 'Tx1'),
        expectThat({
          status: { 'Tx1-key': 'confirmed', 'Tx1-refund': 'conflicted', 'Tx1-leaf': 'conflicted' },
          balances: {
            Alice: { ltc: about(LTC_AMOUNT, FEE), btc: about(0n, 0n) },
            Bob: { btc: about(BTC_AMOUNT, FEE), ltc: about(0n, 0n) },
          },
          data: [smaller('Tx1-key')],
        }),
      ],
      { nodes: ['Tx1-key', 'Tx1'], outputs: [['Tx1', 0]], figures: ['taproot.Tx1-key', 'taproot.Tx1-key.facts'] },
    ),
  ];

  // Core 0.21 does not count TAPROOT among its mandatory flags, so its mempool calls a failing
  // tapscript non-mandatory (a block with it is invalid all the same).
  const scriptFailure = 'non-mandatory-script-verify-flag';
  const leaves: LessonStep[] = [
    ...locked,
    step(
      say.wrongPreimage.title,
      say.wrongPreimage.narration,
      [
        sign('Tx3-badX', 'Alice'),
        broadcast('Tx3-badX'),
        expectThat({ rejected: `${scriptFailure} (Script failed an OP_EQUALVERIFY operation)` }),
        task('trace', { node: 'Tx3-badX', input: 0 }),
      ],
      { nodes: ['Tx3-badX', 'Tx3'], outputs: [['Tx3', 0]], figures: ['trace.Tx3-badX'] },
    ),
    step(
      say.wrongControlBlock.title,
      say.wrongControlBlock.narration,
      [
        sign('Tx3-badCB', 'Alice'),
        broadcast('Tx3-badCB'),
        expectThat({ rejected: `${scriptFailure} (Witness program hash mismatch)` }),
      ],
      { nodes: ['Tx3-badCB', 'Tx3'], outputs: [['Tx3', 0]] },
    ),
    step(
      say.aliceClaimsLeaf.title,
      say.aliceClaimsLeaf.narration,
      [
        sign('Tx3-leaf', 'Alice'),
        broadcast('Tx3-leaf'),
        mine('ltc', 1),
        compare('Tx3-leaf', 'hashlock', 'Tx3'),
        expectThat({ status: { 'Tx3-leaf': 'confirmed' }, data: [smaller('Tx3-leaf')] }),
      ],
      { nodes: ['Tx3-leaf', 'Tx3'], outputs: [['Tx3', 0]], figures: ['taproot.Tx3-leaf', 'taproot.Tx3-leaf.facts'] },
    ),
    step(
      say.bobReadsX.title,
      say.bobReadsX.narration,
      [
        sign('Tx1-leaf', 'Bob'),
        task('extract-secret', {
          from: 'Tx3-leaf',
          into: 'Tx1-leaf',
          label: 'X',
          hash: hashHex,
          hashFunction: 'sha256',
        }),
        broadcast('Tx1-leaf'),
        mine('btc', 1),
        expectThat({
          status: { 'Tx1-leaf': 'confirmed' },
          balances: {
            Alice: { ltc: about(LTC_AMOUNT, FEE), btc: about(0n, 0n) },
            Bob: { btc: about(BTC_AMOUNT, FEE), ltc: about(0n, 0n) },
          },
        }),
      ],
      { nodes: ['Tx1-leaf', 'Tx3-leaf', 'Tx1'], outputs: [['Tx1', 0]] },
    ),
  ];

  const refund: LessonStep[] = [
    intro,
    lockTx1,
    step(
      say.refundTooEarly.title,
      say.refundTooEarly.narration,
      [
        advance('btc', 24 * HOUR),
        mine('btc', MTP_BLOCKS),
        sign('Tx1-refund', 'Alice'),
        broadcast('Tx1-refund'),
        expectThat({ rejected: 'non-final' }),
      ],
      { nodes: ['Tx1-refund', 'Tx1'], outputs: [['Tx1', 0]] },
    ),
    step(
      say.refundAfter48h.title,
      say.refundAfter48h.narration,
      [
        advance('btc', 24 * HOUR),
        mine('btc', MTP_BLOCKS),
        broadcast('Tx1-refund'),
        mine('btc', 1),
        compare('Tx1-refund', 'refund', 'Tx1'),
        expectThat({
          status: { 'Tx1-refund': 'confirmed', Tx3: 'draft' },
          balances: { Alice: { btc: about(BTC_AMOUNT, 2n * FEE) }, Bob: { ltc: about(LTC_AMOUNT, FEE) } },
          data: [smaller('Tx1-refund')],
        }),
      ],
      {
        nodes: ['Tx1-refund', 'Tx1'],
        outputs: [['Tx1', 0]],
        figures: ['taproot.Tx1-refund', 'taproot.Tx1-refund.facts'],
      },
    ),
  ];

  return {
    nodes,
    coinsAt: { btc: at(0, 0), ltc: at(0, 3) },
    paths: { 'key-path': cooperative, 'hash-leaves': leaves, 'refund-leaf': refund },
  };
}

export const taprootSwap: BuiltinScenario = {
  name: 'taproot-swap',
  title: text.title,
  description: text.description,
  defaultSeed: 5,
  paths: ['key-path', 'hash-leaves', 'refund-leaf'],
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
