/**
 * HTLC in a channel (SPEC §3.6), the seed's construction: C2a/C2b gain output #2, 0.1 BTC that
 * Bob takes with R or Alice takes back after three days. Paths: Bob redeems with R (HE1b,
 * HERD1b); Alice times out (HT1a, HTRD1a); and, once state 2 is revoked, Alice's breach is
 * punished with HBR1a (she withholds HT1a) or HTBR1a (she races HT1a in first).
 */
import { toHex } from '../../bitcoin/bytes';
import { buildHtlcCommitment, buildHtlcTx, htlcHash, offerHtlc, settleHtlc } from '../../protocols/htlc';
import { buildBreachRemedy, buildRevocableDelivery, buildStateTransactions, RSMC_DELAY_BLOCKS } from '../../protocols/rsmc';
import { DEFAULT_START_TIME } from '../../scenario/chainActions';
import type { LessonStep } from '../../scenario/schema';
import { about, advance, at, broadcast, COIN, DAY, draft, expectThat, handOver, mine, on, secretFromSeed, sign, step, t, unwrap } from '../kit';
import { channelPoint, DEPOSIT, deposits, FUNDING_FEE_SHARE, openChannelDrafts, openingSteps, STARTING_COIN, TX_FEE } from '../rsmcChannel/lesson';
import type { BuildContext, BuiltinScenario } from '../types';

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
  const s2 = unwrap(offerHtlc(s1, { index: 1, payer: 'alice', amount: HTLC_AMOUNT, hash: htlcHash(r), timeout }, { alice: k['Alice3']!, bob: k['Bob3']! }), 'state 2');
  const s3 = unwrap(settleHtlc(s2, 'fulfilled', { alice: k['Alice4']!, bob: k['Bob4']! }), 'state 3');
  const s3Txs = unwrap(buildStateTransactions(params, s3), 'state 3');
  const htlcTx = (holder: 'alice' | 'bob', kind: Parameters<typeof buildHtlcTx>[3]) => unwrap(buildHtlcTx(params, s2, holder, kind, holder === 'bob' ? { preimage: r } : {}), kind);
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
      t('Alice offers 0.1 for R: state 2 with an HTLC', 'Alice 以 0.1 换取 R：带 HTLC 的第二版'),
      t(
        `Bob picks a secret R and tells Alice only its hash, HASH160(R) = ${toHex(htlcHash(r))}. The new commitments C2a and C2b each get a third output of 0.1, the HTLC. With R and both signatures it goes to Bob through HE1b; without R it can only go back to Alice through HT1a, whose nLockTime is three days away. Bob pre-signs Alice’s side (C2a, RD2a, HT1a, HTRD1a), Alice pre-signs Bob’s (C2b, RD2b, HE1b, HERD1b).`,
        `Bob 选了一个秘密 R，只告诉 Alice 它的哈希 HASH160(R) = ${toHex(htlcHash(r))}。新的承诺交易 C2a 和 C2b 各多出第三个输出 0.1，即 HTLC。有 R 和双方签名时，它通过 HE1b 归 Bob；没有 R，它只能通过 HT1a 退回 Alice，而 HT1a 的 nLockTime 在三天之后。Bob 预先签好 Alice 这边的交易（C2a、RD2a、HT1a、HTRD1a），Alice 预先签好 Bob 那边的（C2b、RD2b、HE1b、HERD1b）。`,
      ),
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
      t('State 1 is revoked', '作废第一版'),
      t(
        'As in the RSMC lesson, Alice hands Alice2 to Bob and Bob hands Bob2 to Alice: C1a and C1b are dead. Publishing either would hand the other side everything.',
        '和 RSMC 一课一样，Alice 把 Alice2 交给 Bob，Bob 把 Bob2 交给 Alice：C1a 和 C1b 作废了。谁再发布它们，就等于把通道里的钱全送给对方。',
      ),
      [handOver('Alice2', 'Alice', 'Bob', 'revoke state 1 (C1a)'), handOver('Bob2', 'Bob', 'Alice', 'revoke state 1 (C1b)')],
      on('C1a', 'C1b'),
    ),
  ];

  const redeem: LessonStep[] = [
    step(
      t('Bob shows R on the chain: C2b and HE1b', 'Bob 在链上出示 R：C2b 和 HE1b'),
      t(
        'Bob publishes his commitment C2b and HE1b, which spends the HTLC output with R and both signatures (Alice signed in advance; R is not covered by signatures, so it could be added later). Alice’s 0.4 is paid to her at once by C2b.',
        'Bob 发布他的承诺交易 C2b 和 HE1b：HE1b 用 R 和双方签名花费 HTLC 输出（Alice 事先签过；签名不覆盖 R，所以 R 可以后来再填）。C2b 立刻把 0.4 付给 Alice。',
      ),
      [sign('C2b', 'Bob'), sign('HE1b', 'Bob'), broadcast('C2b'), broadcast('HE1b'), mine('btc', 1), expectThat({ status: { C2b: 'confirmed', HE1b: 'confirmed' }, balances: { Alice: { btc: about(change + aliceIn, FUNDING_FEE_SHARE) } } })],
      { nodes: ['C2b', 'HE1b'], outputs: [['C2b', 2]] },
    ),
    step(
      t('The one who publishes waits: HERD1b and RD2b', '先发布的人要等待：HERD1b 和 RD2b'),
      t(
        'HE1b pays the 0.1 into another revocable 2-of-2, so Bob, who closed the channel, waits 1000 blocks for HERD1b and RD2b. Then he has 0.6 and Alice 0.4: the payment went through on the chain.',
        'HE1b 把 0.1 付进另一个可撤销的 2-of-2，所以关闭通道的 Bob 要等 1000 个区块才能发布 HERD1b 和 RD2b。之后 Bob 得到 0.6，Alice 得到 0.4：这笔支付在链上完成了。',
      ),
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
          balances: { Alice: { btc: about(change + aliceIn, FUNDING_FEE_SHARE) }, Bob: { btc: about(change + DEPOSIT + HTLC_AMOUNT, FUNDING_FEE_SHARE + 4n * TX_FEE) } },
        }),
      ],
      { nodes: ['HERD1b', 'RD2b', 'HE1b', 'C2b'], outputs: [['HE1b', 0], ['C2b', 0]] },
    ),
  ];

  const timeoutPath: LessonStep[] = [
    step(
      t('Bob never shows R: Alice publishes C2a', 'Bob 一直没出示 R：Alice 发布 C2a'),
      t('Bob has gone quiet. Alice publishes her commitment C2a; Bob’s 0.5 is paid to him at once.', 'Bob 没有回音。Alice 发布她的承诺交易 C2a；Bob 的 0.5 立即付给他。'),
      [sign('C2a', 'Alice'), broadcast('C2a'), mine('btc', 1), expectThat({ status: { C2a: 'confirmed' }, balances: { Bob: { btc: about(change + DEPOSIT, FUNDING_FEE_SHARE) } } })],
      { nodes: ['C2a'], outputs: [['Funding', 0]] },
    ),
    step(
      t('HT1a is locked for three days', 'HT1a 锁定三天'),
      t(
        'HT1a takes the HTLC output back through the other branch, but its nLockTime is three days after the offer: this gives Bob three days to get R onto the chain. Broadcast now, it is refused as non-final.',
        'HT1a 通过另一个分支收回 HTLC 输出，但它的 nLockTime 是报价之后三天：这给了 Bob 三天时间把 R 放上链。现在广播会因为 non-final 被拒绝。',
      ),
      [sign('HT1a', 'Alice'), broadcast('HT1a'), expectThat({ rejected: 'non-final' })],
      { nodes: ['HT1a', 'C2a'], outputs: [['C2a', 2]] },
    ),
    step(
      t('Three days later', '三天之后'),
      t('The clock moves three days and a few blocks are mined, so the median time of the last blocks has passed the timeout. HT1a is accepted.', '时钟前进三天，再挖几个区块，让最近区块的中位时间超过超时时刻。HT1a 被接受。'),
      [advance('btc', 3 * DAY), mine('btc', MTP_BLOCKS), broadcast('HT1a'), mine('btc', 1), expectThat({ status: { HT1a: 'confirmed' } })],
      { nodes: ['HT1a', 'C2a'], outputs: [['C2a', 2]] },
    ),
    step(
      t('Alice waits 1000 blocks: RD2a and HTRD1a', 'Alice 等待 1000 个区块：RD2a 和 HTRD1a'),
      t('Alice closed the channel, so both her outputs are locked for 1000 blocks. Then she has 0.5 back and Bob keeps his 0.5: the payment did not happen.', 'Alice 关闭了通道，所以她的两个输出都要锁定 1000 个区块。之后她拿回 0.5，Bob 保留他的 0.5：这笔支付没有发生。'),
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
          balances: { Alice: { btc: about(change + DEPOSIT, FUNDING_FEE_SHARE + 4n * TX_FEE) }, Bob: { btc: about(change + DEPOSIT, FUNDING_FEE_SHARE) } },
        }),
      ],
      { nodes: ['RD2a', 'HTRD1a', 'HT1a', 'C2a'], outputs: [['C2a', 0], ['HT1a', 0]] },
    ),
  ];

  const settleAndRevoke = step(
    t('R arrives off-chain: state 3, state 2 revoked', '链下收到 R：第三版账单，第二版作废'),
    t(
      'Bob shows R to Alice privately and they agree on 0.4 / 0.6 without the HTLC: C3a/RD3a and C3b/RD3b are signed. To revoke state 2, Alice hands Alice3 to Bob and Bob hands Bob3 to Alice. Bob now prepares three breach remedies with Alice3: BR2a for C2a’s output 0, HBR1a for the HTLC output, and HTBR1a for HT1a’s output.',
      'Bob 私下向 Alice 出示 R，双方同意去掉 HTLC，余额变为 0.4 / 0.6：签好 C3a/RD3a 和 C3b/RD3b。为了作废第二版，Alice 把 Alice3 交给 Bob，Bob 把 Bob3 交给 Alice。Bob 用 Alice3 准备好三笔作恶惩戒交易：BR2a 对应 C2a 的输出 0，HBR1a 对应 HTLC 输出，HTBR1a 对应 HT1a 的输出。',
    ),
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
  const bobTakesAll = { Alice: { btc: about(change, FUNDING_FEE_SHARE) }, Bob: { btc: about(change + 2n * DEPOSIT, FUNDING_FEE_SHARE + 4n * TX_FEE) } };

  const breachWithheld: LessonStep[] = [
    settleAndRevoke,
    step(
      t('Alice publishes the revoked C2a and keeps HT1a back', 'Alice 发布作废的 C2a，却扣住 HT1a'),
      t('Alice broadcasts C2a. She holds HT1a back, hoping Bob cannot touch the HTLC output without R.', 'Alice 广播了 C2a。她扣住 HT1a 不发，指望 Bob 没有 R 就动不了 HTLC 输出。'),
      [sign('C2a', 'Alice'), broadcast('C2a'), mine('btc', 1), expectThat({ status: { C2a: 'confirmed' } })],
      { nodes: ['C2a'], outputs: [['Funding', 0]] },
    ),
    step(
      t('HBR1a: Bob takes the HTLC output without R', 'HBR1a：Bob 不用 R 也能拿走 HTLC 输出'),
      t(
        'With Alice3, Bob spends the HTLC output’s second branch at once with HBR1a, and C2a’s output 0 with BR2a. All 1 BTC of the channel is now Bob’s.',
        '有了 Alice3，Bob 立刻用 HBR1a 花费 HTLC 输出的第二个分支，并用 BR2a 花费 C2a 的输出 0。通道里的 1 BTC 全归 Bob。',
      ),
      [broadcast('BR2a'), broadcast('HBR1a'), mine('btc', 1), channelPoint('breach punished (HBR1a)', 0n, 2n * DEPOSIT), expectThat({ status: { BR2a: 'confirmed', HBR1a: 'confirmed', HT1a: 'conflicted' }, balances: bobTakesAll })],
      { nodes: ['BR2a', 'HBR1a', 'C2a'], outputs: [['C2a', 0], ['C2a', 2]] },
    ),
  ];

  const breachTimeout: LessonStep[] = [
    settleAndRevoke,
    step(
      t('Alice waits out the timeout, then publishes C2a and HT1a together', 'Alice 等超时过后，同时发布 C2a 和 HT1a'),
      t(
        'Three days later Alice broadcasts the revoked C2a and, straight after it, HT1a — she gets the HTLC output before Bob can use HBR1a.',
        '三天后，Alice 广播作废的 C2a，紧接着广播 HT1a——抢在 Bob 使用 HBR1a 之前拿到 HTLC 输出。',
      ),
      [advance('btc', 3 * DAY), mine('btc', MTP_BLOCKS), sign('C2a', 'Alice'), sign('HT1a', 'Alice'), broadcast('C2a'), broadcast('HT1a'), mine('btc', 1), expectThat({ status: { C2a: 'confirmed', HT1a: 'confirmed' } })],
      { nodes: ['C2a', 'HT1a'], outputs: [['C2a', 2]] },
    ),
    step(
      t('HBR1a is too late…', 'HBR1a 晚了一步……'),
      t('The HTLC output is already spent by HT1a, so HBR1a is refused.', 'HTLC 输出已被 HT1a 花掉，HBR1a 被拒绝。'),
      [broadcast('HBR1a'), expectThat({ rejected: 'missing-inputs' })],
      { nodes: ['HBR1a', 'HT1a'], outputs: [['C2a', 2]] },
    ),
    step(
      t('…but HTBR1a is not', '……但 HTBR1a 来得及'),
      t(
        'HT1a paid the 0.1 into a 2-of-2 of Alice3 and Bob that Alice can only leave after 1000 blocks (HTRD1a). Bob holds Alice3, so HTBR1a takes it now, and BR2a takes output 0: Bob has everything. This is why both HBR1a and HTBR1a are needed.',
        'HT1a 把 0.1 付进 Alice3 和 Bob 的 2-of-2，Alice 要等 1000 个区块才能用 HTRD1a 取走。Bob 握有 Alice3，于是 HTBR1a 立刻拿走它，BR2a 拿走输出 0：Bob 得到全部。这就是 HBR1a 和 HTBR1a 缺一不可的原因。',
      ),
      [broadcast('BR2a'), broadcast('HTBR1a'), mine('btc', 1), channelPoint('breach punished (HTBR1a)', 0n, 2n * DEPOSIT), expectThat({ status: { BR2a: 'confirmed', HTBR1a: 'confirmed' }, balances: bobTakesAll })],
      { nodes: ['BR2a', 'HTBR1a', 'HT1a'], outputs: [['C2a', 0], ['HT1a', 0]] },
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
  title: t('HTLC in a channel: pay for R, or time out', '通道中的 HTLC：凭 R 付款，或超时退回'),
  description: t(
    'Alice offers Bob 0.1 BTC inside their channel for a secret R. Bob redeems with R, or Alice takes it back after three days; a revoked HTLC state is punished with HBR1a or HTBR1a.',
    'Alice 在通道里以 0.1 BTC 换取 Bob 的秘密 R。Bob 用 R 兑现，或三天后 Alice 收回；已作废的 HTLC 状态被发布时，用 HBR1a 或 HTBR1a 惩罚。',
  ),
  defaultSeed: 2,
  paths: ['redeem', 'timeout', 'breach-withheld', 'breach-timeout'],
  wallets: [
    { name: 'Alice', keys: ['Alice', 'Alice2', 'Alice3', 'Alice4'].map((label, i) => ({ purpose: i === 0 ? ('funding' as const) : ('revocation' as const), label })) },
    { name: 'Bob', keys: ['Bob', 'Bob2', 'Bob3', 'Bob4'].map((label, i) => ({ purpose: i === 0 ? ('funding' as const) : ('revocation' as const), label })) },
  ],
  chains: [{ id: 'btc', era: 'modern', startTime: DEFAULT_START_TIME }],
  grants: [
    { id: 'Alice coin', key: 'Alice', chain: 'btc', value: STARTING_COIN, wrap: 'p2wpkh' },
    { id: 'Bob coin', key: 'Bob', chain: 'btc', value: STARTING_COIN, wrap: 'p2wpkh' },
  ],
  build,
};
