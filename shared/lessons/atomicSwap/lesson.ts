/**
 * Atomic cross-chain swap (SPEC §3.8), Tier Nolan's protocol with the seed's names: Alice's 1 BTC
 * for Bob's 10 LTC. Paths: the swap goes through; Bob walks away before Tx3 (Alice refunds with
 * Tx2 after 48 h); Alice never claims (Bob refunds with Tx4 at 24 h, Alice with Tx2 at 48 h).
 */
import { toHex } from '../../bitcoin/bytes';
import { buildClaim, buildTx1, buildTx2, buildTx3, buildTx4, claimName, swapHash, type SwapTerms } from '../../protocols/swap';
import { DEFAULT_START_TIME } from '../../scenario/chainActions';
import type { LessonStep } from '../../scenario/schema';
import { about, advance, at, broadcast, COIN, draft, expectThat, HOUR, mine, on, secretFromSeed, sign, step, t, task, unwrap } from '../kit';
import type { BuildContext, BuiltinScenario, CoinRef } from '../types';

const BTC_AMOUNT = COIN;
const LTC_AMOUNT = 10n * COIN;
const FEE = 2_000n;
const MTP_BLOCKS = 11;

function build(ctx: BuildContext) {
  const x = secretFromSeed(ctx.seed, 'swap X');
  const hash = unwrap(swapHash(x), 'hash');
  const terms: SwapTerms = { alice: ctx.keys['Alice']!, bob: ctx.keys['Bob']!, hash, start: ctx.chains.btc!.time };
  const coin = (c: CoinRef) => ({ prevout: { node: c.node, output: c.output }, value: c.value, pubKey: c.pubKey, wrap: c.wrap });
  const aliceCoin = ctx.coins['Alice BTC']!;
  const bobCoin = ctx.coins['Bob LTC']!;
  const spend = (value: bigint) => ({ terms, wrap: 'p2wsh' as const, payout: 'p2wpkh' as const, value, fee: FEE });
  const nodes = [
    draft('Tx1', 'btc', 'swap-tx1', at(1, 0), unwrap(buildTx1({ terms, wrap: 'p2wsh', coins: [coin(ctx.coins['Alice BTC']!)], amount: BTC_AMOUNT, fee: FEE }), 'Tx1')),
    draft('Tx2', 'btc', 'swap-tx2', at(2, 1), unwrap(buildTx2(spend(BTC_AMOUNT)), 'Tx2')),
    draft(claimName('Tx1'), 'btc', 'swap-claim-tx1', at(2, 0), unwrap(buildClaim('Tx1', spend(BTC_AMOUNT)), 'Tx1 claim')),
    draft('Tx3', 'ltc', 'swap-tx3', at(1, 2), unwrap(buildTx3({ terms, wrap: 'p2wsh', coins: [coin(ctx.coins['Bob LTC']!)], amount: LTC_AMOUNT, fee: FEE }), 'Tx3')),
    draft('Tx4', 'ltc', 'swap-tx4', at(2, 3), unwrap(buildTx4(spend(LTC_AMOUNT)), 'Tx4')),
    // Alice chose X, so her claim has it from the start; Bob's gets it from the LTC chain.
    draft(claimName('Tx3'), 'ltc', 'swap-claim-tx3', at(2, 2), unwrap(buildClaim('Tx3', { ...spend(LTC_AMOUNT), secret: x }), 'Tx3 claim')),
  ];

  const aliceSide: LessonStep[] = [
    step(
      t('Alice has 1 BTC, Bob has 10 LTC', 'Alice 有 1 个比特币，Bob 有 10 个莱特币'),
      t(
        `They want to swap, on two different chains, without trusting each other or anyone else: Alice’s coin is in Coins on the Bitcoin chain, Bob’s in Coins (LTC) on the Litecoin chain. Alice picks a random secret X that only she knows; its hash SHA256(X) = ${toHex(hash)} will lock both sides.`,
        `他们想在两条不同的链上互换，既不信任对方，也不依赖第三方：Alice 的币在比特币链上的 Coins 里，Bob 的币在莱特币链上的 Coins (LTC) 里。Alice 生成一个只有她知道的随机数 X；它的哈希 SHA256(X) = ${toHex(hash)} 将锁住双方的钱。`,
      ),
      [expectThat({ balances: { Alice: { btc: about(BTC_AMOUNT + FEE, 0n) }, Bob: { ltc: about(LTC_AMOUNT + FEE, 0n) } } })],
      { nodes: [aliceCoin.node, bobCoin.node], outputs: [[aliceCoin.node, aliceCoin.output], [bobCoin.node, bobCoin.output]] },
    ),
    step(
      t('Tx1 and its refund Tx2, signed by Bob first', 'Tx1 及其赎回交易 Tx2：先请 Bob 签名'),
      t(
        'Tx1 pays Alice’s 1 BTC to a script with two ways out: X and Bob’s signature, or Alice’s and Bob’s signatures together. Before broadcasting it, Alice builds Tx2, which returns the coin to her through the second way, with nLockTime 48 hours later, and has Bob sign it. Now Alice can always get her bitcoin back, so she broadcasts Tx1. Bob cannot take it: he knows neither X nor Alice’s key.',
        'Tx1 把 Alice 的 1 BTC 付给一段有两个出口的脚本：X 加上 Bob 的签名，或者 Alice 和 Bob 两人的签名。广播之前，Alice 先构建 Tx2——通过第二个出口把钱退回给她，nLockTime 设为 48 小时之后——并请 Bob 签名。这样 Alice 随时都能取回比特币，于是她广播 Tx1。Bob 拿不走：他既不知道 X，也没有 Alice 的私钥。',
      ),
      [sign('Tx1', 'Alice'), sign('Tx2', 'Bob'), sign('Tx2', 'Alice'), broadcast('Tx1'), mine('btc', 1), expectThat({ status: { Tx1: 'confirmed', Tx2: 'signed' } })],
      on('Tx1', 'Tx2'),
    ),
  ];

  const bobSide = step(
    t('Tx3 and its refund Tx4, signed by Alice first', 'Tx3 及其赎回交易 Tx4：先请 Alice 签名'),
    t(
      'Bob does the same on the Litecoin chain: Tx3 locks his 10 LTC to “X and Alice’s signature, or both signatures”, with the same hash of X. His refund Tx4 unlocks after 24 hours, a day before Alice’s: to take his litecoins Alice must reveal X within those 24 hours, and Bob still has a day to use X before Alice could take her bitcoin back. Alice signs Tx4, and Bob broadcasts Tx3.',
      'Bob 在莱特币链上做同样的事：Tx3 把他的 10 LTC 锁进“X 加 Alice 的签名，或者两人的签名”，用的是同一个 X 的哈希。他的赎回交易 Tx4 在 24 小时后解锁，比 Alice 的早一天：Alice 要拿走他的莱特币，就必须在这 24 小时内公开 X，而在 Alice 能取回比特币之前，Bob 还有一天时间使用 X。Alice 为 Tx4 签名，Bob 广播 Tx3。',
    ),
    [sign('Tx3', 'Bob'), sign('Tx4', 'Alice'), sign('Tx4', 'Bob'), broadcast('Tx3'), mine('ltc', 1), expectThat({ status: { Tx3: 'confirmed', Tx4: 'signed' } })],
    on('Tx3', 'Tx4'),
  );

  const success: LessonStep[] = [
    ...aliceSide,
    bobSide,
    step(
      t('Alice claims 10 LTC with X', 'Alice 用 X 领取 10 LTC'),
      t(
        `With ${claimName('Tx3')}, Alice spends Tx3 with X and her signature. To do it she has to publish X on the Litecoin chain.`,
        `Alice 用 ${claimName('Tx3')} 这笔交易，凭 X 和她的签名花费 Tx3。这样做，她就必须把 X 公开在莱特币链上。`,
      ),
      [sign(claimName('Tx3'), 'Alice'), broadcast(claimName('Tx3')), mine('ltc', 1), expectThat({ status: { [claimName('Tx3')]: 'confirmed' } })],
      { nodes: [claimName('Tx3'), 'Tx3'], outputs: [['Tx3', 0]] },
    ),
    step(
      t('Bob reads X on the Litecoin chain and claims 1 BTC', 'Bob 在莱特币链上读到 X，领取 1 BTC'),
      t(
        `Bob takes X from Alice’s ${claimName('Tx3')} and uses it, with his signature, to spend Tx1 in ${claimName('Tx1')}. Both got what they wanted, or neither would have: the swap is atomic. The refunds Tx2 and Tx4 can no longer happen.`,
        `Bob 从 Alice 的 ${claimName('Tx3')} 里拿到 X，连同自己的签名，用 ${claimName('Tx1')} 花费 Tx1。双方都得到了想要的——否则谁也得不到：这就是原子交换。退款交易 Tx2 和 Tx4 再也无法上链。`,
      ),
      [
        sign(claimName('Tx1'), 'Bob'),
        task('extract-secret', { from: claimName('Tx3'), into: claimName('Tx1'), label: 'X', hash: toHex(hash), hashFunction: 'sha256' }),
        broadcast(claimName('Tx1')),
        mine('btc', 1),
        expectThat({
          status: { [claimName('Tx1')]: 'confirmed', Tx2: 'conflicted', Tx4: 'conflicted' },
          balances: { Alice: { ltc: about(LTC_AMOUNT, FEE), btc: about(0n, 0n) }, Bob: { btc: about(BTC_AMOUNT, FEE), ltc: about(0n, 0n) } },
        }),
      ],
      { nodes: [claimName('Tx1'), claimName('Tx3'), 'Tx2', 'Tx4'], outputs: [['Tx1', 0]] },
    ),
  ];

  const bobWalksAway: LessonStep[] = [
    ...aliceSide,
    step(
      t('Bob walks away', 'Bob 中途放弃'),
      t('Bob changes his mind and never publishes Tx3. After 24 hours Alice tries her refund: Tx2 is still locked, and refused.', 'Bob 改变主意，始终没有发布 Tx3。24 小时后 Alice 尝试赎回：Tx2 仍被锁定，被拒绝。'),
      [advance('btc', 24 * HOUR), mine('btc', MTP_BLOCKS), broadcast('Tx2'), expectThat({ rejected: 'non-final' })],
      { nodes: ['Tx2', 'Tx1'], outputs: [['Tx1', 0]] },
    ),
    step(
      t('After 48 hours: Alice takes her bitcoin back', '48 小时后：Alice 取回比特币'),
      t('Tx2’s lock time has passed: it confirms and Alice has her 1 BTC again. Bob never moved his litecoins. Both end where they started, less fees.', 'Tx2 的锁定时间已过：交易被确认，Alice 拿回了 1 BTC。Bob 的莱特币从未动过。双方回到起点，只少了手续费。'),
      [
        advance('btc', 24 * HOUR),
        mine('btc', MTP_BLOCKS),
        broadcast('Tx2'),
        mine('btc', 1),
        expectThat({ status: { Tx2: 'confirmed', Tx3: 'draft' }, balances: { Alice: { btc: about(BTC_AMOUNT, 2n * FEE) }, Bob: { ltc: about(LTC_AMOUNT, FEE) } } }),
      ],
      { nodes: ['Tx2', 'Tx1'], outputs: [['Tx1', 0]] },
    ),
  ];

  const aliceNeverClaims: LessonStep[] = [
    ...aliceSide,
    bobSide,
    step(
      t('Alice never claims: at 24 h Bob refunds with Tx4', 'Alice 一直不领取：24 小时后 Bob 用 Tx4 赎回'),
      t(
        'Alice does not claim Tx3, so X stays secret. Before 24 hours Bob’s refund Tx4 is refused; after 24 hours it confirms and Bob has his 10 LTC back. Alice’s Tx2 is still locked for another day and refused.',
        'Alice 没有领取 Tx3，X 仍是秘密。24 小时之前 Bob 的退款交易 Tx4 被拒绝；24 小时之后它被确认，Bob 拿回 10 LTC。Alice 的 Tx2 还要再锁一天，被拒绝。',
      ),
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
      t('At 48 h Alice refunds with Tx2', '48 小时后 Alice 用 Tx2 赎回'),
      t('Another day and Tx2 confirms: Alice has her bitcoin back. Nobody lost anything but fees.', '又过一天，Tx2 被确认：Alice 拿回了比特币。除了手续费，谁也没有损失。'),
      [
        advance('btc', 24 * HOUR),
        mine('btc', MTP_BLOCKS),
        broadcast('Tx2'),
        mine('btc', 1),
        expectThat({
          status: { Tx2: 'confirmed', [claimName('Tx3')]: 'conflicted', [claimName('Tx1')]: 'conflicted' },
          balances: { Alice: { btc: about(BTC_AMOUNT, 2n * FEE), ltc: about(0n, 0n) }, Bob: { ltc: about(LTC_AMOUNT, 2n * FEE), btc: about(0n, 0n) } },
        }),
      ],
      { nodes: ['Tx2', 'Tx1'], outputs: [['Tx1', 0]] },
    ),
  ];

  return { nodes, coinsAt: { btc: at(0, 0), ltc: at(0, 2) }, paths: { success, 'bob-walks-away': bobWalksAway, 'alice-never-claims': aliceNeverClaims } };
}

export const atomicSwap: BuiltinScenario = {
  name: 'atomic-swap',
  title: t('Atomic swap: 1 BTC for 10 LTC', '原子交换：1 BTC 换 10 LTC'),
  description: t(
    'Tier Nolan’s cross-chain swap: Tx1 and Tx3 lock the coins to the hash of Alice’s secret X, Tx2 and Tx4 are the refunds after 48 and 24 hours.',
    'Tier Nolan 的跨链交换：Tx1 和 Tx3 用 Alice 的秘密 X 的哈希锁住双方的币，Tx2 和 Tx4 是 48 小时和 24 小时之后的赎回交易。',
  ),
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
