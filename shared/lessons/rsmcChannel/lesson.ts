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
import { about, at, broadcast, COIN, draft, expectThat, handOver, mine, on, sign, step, t, task, unwrap } from '../kit';
import type { BuildContext, BuiltinScenario, CoinRef } from '../types';

export const DEPOSIT = COIN / 2n;
export const PAYMENT = COIN / 10n;
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
  const coin = (c: CoinRef) => ({ prevout: { node: c.node, output: c.output }, value: c.value, pubKey: c.pubKey, wrap: c.wrap });
  const funding = unwrap(
    buildFunding({
      alice: k['Alice']!,
      bob: k['Bob']!,
      wrap: wraps.script,
      parties: [
        { name: 'Alice', coins: [coin(aliceCoin)], amount: DEPOSIT, fee: FUNDING_FEE_SHARE, change: { pubKey: k['Alice']!, wrap: wraps.key, owner: 'Alice' } },
        { name: 'Bob', coins: [coin(bobCoin)], amount: DEPOSIT, fee: FUNDING_FEE_SHARE, change: { pubKey: k['Bob']!, wrap: wraps.key, owner: 'Bob' } },
      ],
    }),
    'Funding',
  );
  const params: ChannelParams = { keys: { alice: k['Alice']!, bob: k['Bob']! }, wraps, funding: { node: 'Funding', output: 0 }, capacity: 2n * DEPOSIT, delay: RSMC_DELAY_BLOCKS, fee: TX_FEE };
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
      t('Two neighbours, one channel', '两位邻居，一条通道'),
      t(
        'Alice and Bob each put 0.5 BTC into a channel. The Funding transaction takes a coin from each of them and pays both deposits into a 2-of-2 multisig of Alice and Bob: nobody can move the money alone. It is built, but not signed and not broadcast yet.',
        'Alice 和 Bob 各拿出 0.5 个比特币建立一条通道。Funding 交易（注资交易）各取两人的一枚币，把两份存款付进 Alice 和 Bob 的 2-of-2 多重签名：任何一方都无法独自动用这笔钱。此时交易已经构建，但还没有签名，更没有广播。',
      ),
      [expectThat({ status: { Funding: 'draft', C1a: 'draft', C1b: 'draft' } })],
      { nodes: ['Funding'], outputs: deposits },
    ),
    step(
      t('Commitments before money: C1a, RD1a, C1b, RD1b', '先签承诺交易：C1a、RD1a、C1b、RD1b'),
      t(
        'C1a is Alice’s copy of the balance sheet: output 0 pays her 0.5 into a 2-of-2 of Alice2 and Bob, output 1 pays Bob his 0.5. RD1a takes output 0 to Alice, but only 1000 blocks after C1a confirms (nSequence = 1000). Bob signs C1a and RD1a for Alice; Alice signs the mirror pair C1b and RD1b for Bob. This is safe: Funding is still unsigned, so none of these can reach the chain yet.',
        'C1a 是 Alice 手里的账单：输出 0 把她的 0.5 付到 Alice2 和 Bob 的 2-of-2 多签，输出 1 把 0.5 直接付给 Bob。RD1a 把输出 0 转给 Alice，但要等 C1a 确认 1000 个区块之后（nSequence = 1000）。Bob 为 Alice 签 C1a 和 RD1a，Alice 为 Bob 签对称的 C1b 和 RD1b。因为 Funding 还没签名，这些交易都上不了链，所以交换签名绝对安全。',
      ),
      [sign('C1a', 'Bob'), sign('RD1a', 'Bob'), sign('C1b', 'Alice'), sign('RD1b', 'Alice'), expectThat({ status: { C1a: 'partly-signed', RD1a: 'partly-signed', C1b: 'partly-signed', RD1b: 'partly-signed' } })],
      on('C1a', 'RD1a', 'C1b', 'RD1b'),
    ),
    step(
      t('Now sign and broadcast Funding', '现在签名并广播 Funding'),
      t(
        'Each holds a commitment the other has signed, so each can always get their money back. Only now do both sign Funding. Its inputs are SegWit, so signing does not change its txid and the commitments still spend the right output. Broadcast, mine a block: the channel is open.',
        '双方手里都有对方签过名的承诺交易，任何时候都能取回自己的钱。直到这时双方才签 Funding。它的输入是隔离见证，签名不会改变 txid，承诺交易花费的仍是正确的输出。广播并挖一个区块：通道建成。',
      ),
      [sign('Funding', 'Alice'), sign('Funding', 'Bob'), broadcast('Funding'), mine('btc', 1), expectThat({ status: { Funding: 'confirmed' } }), channelPoint('open', DEPOSIT, DEPOSIT)],
      { nodes: ['Funding'], outputs: deposits },
    ),
  ];
}

/** The two coins Funding spends, as a step's focus names outputs. */
export function deposits(ctx: BuildContext): [string, number][] {
  return [ctx.coins['Alice coin']!, ctx.coins['Bob coin']!].map((c) => [c.node, c.output]);
}

export function channelPoint(label: string, alice: bigint, bob: bigint): LessonAction {
  return task('record-point', { key: 'channel.balances', label, values: { Alice: alice.toString(), Bob: bob.toString() } });
}

function build(ctx: BuildContext) {
  const open = openChannelDrafts(ctx, ctx.coins['Alice coin']!, ctx.coins['Bob coin']!);
  const { params, s1 } = open;
  const s2 = unwrap(nextState(s1, { from: 'alice', amount: PAYMENT }, { alice: ctx.keys['Alice3']!, bob: ctx.keys['Bob3']! }), 'state 2');
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
    draft('Close', 'btc', 'close', at(2, 5), unwrap(buildCooperativeClose(params, s2, { alice: CLOSE_FEE_SHARE, bob: CLOSE_FEE_SHARE }), 'Close')),
  ];

  const change = STARTING_COIN - DEPOSIT; // what each keeps outside the channel (less its funding fee share)
  const payAndRevoke: LessonStep[] = [
    step(
      t('Alice pays Bob 0.1: state 2', 'Alice 付给 Bob 0.1：第二版账单'),
      t(
        'Alice buys something from Bob for 0.1 BTC. Nothing goes to the chain: they build C2a/RD2a and C2b/RD2b with the new balances 0.4 / 0.6 and new revocation keys Alice3 and Bob3, and sign them for each other as before. For now the old state 1 is as valid as state 2 — the problem the next step solves.',
        'Alice 向 Bob 买了 0.1 BTC 的东西。什么都不上链：双方按新余额 0.4 / 0.6 和新的撤销密钥 Alice3、Bob3 构建 C2a/RD2a 与 C2b/RD2b，并像之前一样为对方签名。此时旧的第一版账单和第二版一样有效——下一步就要解决这个问题。',
      ),
      [sign('C2a', 'Bob'), sign('RD2a', 'Bob'), sign('C2b', 'Alice'), sign('RD2b', 'Alice'), expectThat({ status: { C2a: 'partly-signed', C2b: 'partly-signed' } }), channelPoint('Alice pays 0.1', DEPOSIT - PAYMENT, DEPOSIT + PAYMENT)],
      on('C2a', 'RD2a', 'C2b', 'RD2b'),
    ),
    step(
      t('Revoking state 1: the keys change hands', '作废第一版：交出私钥'),
      t(
        'Alice hands the private key Alice2 to Bob, and Bob hands Bob2 to Alice. Now Bob alone can sign BR1a, the breach remedy: it spends C1a’s output 0 to Bob at once, with no waiting. Alice does the same with BR1b against C1b. As long as Alice never publishes the old C1a, BR1a can never be used — its parent is not on the chain.',
        'Alice 把 Alice2 的私钥交给 Bob，Bob 把 Bob2 交给 Alice。现在 Bob 一个人就能签 BR1a（作恶惩戒交易）：它立刻把 C1a 的输出 0 转给 Bob，不用等待。Alice 也对 C1b 签好了 BR1b。只要 Alice 不发布旧的 C1a，BR1a 就永远用不上——它的父交易不在链上。',
      ),
      [
        handOver('Alice2', 'Alice', 'Bob', 'revoke state 1 (C1a)'),
        handOver('Bob2', 'Bob', 'Alice', 'revoke state 1 (C1b)'),
        sign('BR1a', 'Bob'),
        sign('BR1b', 'Alice'),
        expectThat({ status: { BR1a: 'signed', BR1b: 'signed' } }),
      ],
      { nodes: ['C1a', 'BR1a', 'C1b', 'BR1b'], outputs: [['C1a', 0], ['C1b', 0]] },
    ),
  ];

  const cooperative: LessonStep[] = [
    step(
      t('Closing together', '双方协商关闭'),
      t(
        'When both agree, one transaction, Close, spends Funding’s output and pays both balances at once: 0.4 to Alice and 0.6 to Bob, each paying half the fee. No timelock, nobody waits.',
        '双方都同意时，一笔交易 Close 花费 Funding 的输出，同时支付两人的余额：Alice 0.4，Bob 0.6，手续费各付一半。没有时间锁，谁也不用等。',
      ),
      [
        sign('Close', 'Alice'),
        sign('Close', 'Bob'),
        broadcast('Close'),
        mine('btc', 1),
        channelPoint('closed together', DEPOSIT - PAYMENT, DEPOSIT + PAYMENT),
        expectThat({
          status: { Close: 'confirmed', C1a: 'conflicted', C2a: 'conflicted' },
          balances: { Alice: { btc: about(change + DEPOSIT - PAYMENT, FUNDING_FEE_SHARE + CLOSE_FEE_SHARE) }, Bob: { btc: about(change + DEPOSIT + PAYMENT, FUNDING_FEE_SHARE + CLOSE_FEE_SHARE) } },
        }),
      ],
      { nodes: ['Close', 'Funding'], outputs: [['Funding', 0]] },
    ),
  ];

  const closerWaits = FUNDING_FEE_SHARE + 2n * TX_FEE;
  const unilateral: LessonStep[] = [
    step(
      t('Alice closes alone: C2a', 'Alice 单方面关闭：C2a'),
      t(
        'Bob does not answer, so Alice adds her signature to C2a (Bob signed it long ago) and broadcasts it. Output 1 pays Bob his 0.6 at once; Alice’s 0.4 sits in output 0.',
        'Bob 联系不上，Alice 在 C2a 上补上自己的签名（Bob 早已签过）并广播。输出 1 立刻把 0.6 付给 Bob；Alice 的 0.4 留在输出 0。',
      ),
      [sign('C2a', 'Alice'), broadcast('C2a'), mine('btc', 1), expectThat({ status: { C2a: 'confirmed' }, balances: { Bob: { btc: about(change + DEPOSIT + PAYMENT, FUNDING_FEE_SHARE) } } })],
      { nodes: ['C2a'], outputs: [['Funding', 0]] },
    ),
    step(
      t('RD2a must wait 1000 blocks', 'RD2a 必须等 1000 个区块'),
      t(
        'RD2a spends C2a’s output 0 with nSequence = 1000: a relative lock. Broadcast now, the network refuses it as non-BIP68-final. Whoever closes the channel alone is the one who waits.',
        'RD2a 以 nSequence = 1000 花费 C2a 的输出 0，这是相对时间锁。现在广播，网络会以 non-BIP68-final 拒绝。谁单方面关闭通道谁就要等——“谁发起谁吃亏”。',
      ),
      [sign('RD2a', 'Alice'), broadcast('RD2a'), expectThat({ rejected: 'non-BIP68-final', status: { RD2a: 'signed' } })],
      { nodes: ['RD2a', 'C2a'], outputs: [['C2a', 0]] },
    ),
    step(
      t('One block short', '还差一个区块'),
      t(
        '998 more blocks (about a week of Bitcoin time): C2a has 999 confirmations. RD2a could only enter the next block if C2a had 1000 by then — one short, still refused.',
        '再挖 998 个区块（比特币时间约一周）：C2a 有 999 个确认。RD2a 想进入下一个区块需要 C2a 已满 1000 个确认——还差一个，依然被拒绝。',
      ),
      [mine('btc', RSMC_DELAY_BLOCKS - 2), broadcast('RD2a'), expectThat({ rejected: 'non-BIP68-final' })],
      on('RD2a', 'C2a'),
    ),
    step(
      t('After 1000 blocks: Alice gets her 0.4', '1000 个区块之后：Alice 拿回 0.4'),
      t(
        'One more block and the lock has run out: RD2a is accepted and mined. Alice has her 0.4, less the fees of C2a and RD2a that the closer pays.',
        '再挖一个区块，锁定期结束：RD2a 被接受并打包。Alice 拿回了 0.4，减去作为关闭方要付的 C2a 和 RD2a 手续费。',
      ),
      [
        mine('btc', 1),
        broadcast('RD2a'),
        mine('btc', 1),
        channelPoint('Alice closed alone', DEPOSIT - PAYMENT, DEPOSIT + PAYMENT),
        expectThat({
          status: { RD2a: 'confirmed' },
          balances: { Alice: { btc: about(change + DEPOSIT - PAYMENT, closerWaits) }, Bob: { btc: about(change + DEPOSIT + PAYMENT, FUNDING_FEE_SHARE) } },
        }),
      ],
      on('RD2a', 'C2a'),
    ),
  ];

  const cheat = step(
    t('Alice cheats: she publishes the revoked C1a', 'Alice 作恶：发布已作废的 C1a'),
    t(
      'In C1a Alice still had 0.5. She signs the old commitment and broadcasts it; it is a perfectly valid transaction, and it confirms. C2a can no longer happen: its input is spent.',
      '在 C1a 里 Alice 还有 0.5。她签了这份旧的承诺交易并广播；这笔交易本身完全有效，于是被确认。C2a 再也无法上链：它的输入已被花掉。',
    ),
    [sign('C1a', 'Alice'), broadcast('C1a'), mine('btc', 1), expectThat({ status: { C1a: 'confirmed', C2a: 'conflicted' } })],
    { nodes: ['C1a', 'C2a'], outputs: [['Funding', 0]] },
  );

  const punished: LessonStep[] = [
    cheat,
    step(
      t('Bob punishes: BR1a takes everything', 'Bob 惩戒：BR1a 拿走全部'),
      t(
        'RD1a cannot move Alice’s 0.5 for 1000 blocks. Bob notices at once and broadcasts BR1a, which he could sign alone since he holds Alice2. BR1a has no lock, so it confirms first: Bob already had C1a’s output 1 (his 0.5), and BR1a takes output 0 (Alice’s 0.5).',
        'RD1a 要等 1000 个区块才能动 Alice 的 0.5。Bob 立刻发现并广播 BR1a——他握有 Alice2，一个人就能签。BR1a 没有时间锁，先被确认：C1a 的输出 1（他的 0.5）本来就归 Bob，BR1a 又拿走了输出 0（Alice 的 0.5）。',
      ),
      [
        broadcast('BR1a'),
        mine('btc', 1),
        channelPoint('Bob punished the breach', 0n, 2n * DEPOSIT),
        expectThat({
          status: { BR1a: 'confirmed' },
          balances: { Alice: { btc: about(change, FUNDING_FEE_SHARE) }, Bob: { btc: about(change + 2n * DEPOSIT, FUNDING_FEE_SHARE + 2n * TX_FEE) } },
        }),
      ],
      { nodes: ['BR1a', 'C1a'], outputs: [['C1a', 0]] },
    ),
    step(
      t('Too late for RD1a', 'RD1a 已经来不及'),
      t(
        'Alice’s own delivery RD1a now spends an output that BR1a already took: refused. Cheating cost her everything she had in the channel.',
        'Alice 自己的 RD1a 要花的输出已被 BR1a 拿走：被拒绝。作恶让她失去了通道里的全部资金。',
      ),
      [sign('RD1a', 'Alice'), broadcast('RD1a'), expectThat({ rejected: 'missing-inputs', status: { RD1a: 'conflicted' } })],
      { nodes: ['RD1a', 'BR1a'], outputs: [['C1a', 0]] },
    ),
  ];

  const unpunished: LessonStep[] = [
    cheat,
    step(
      t('Bob is away for a week', 'Bob 离线了一周'),
      t(
        'Bob is offline. 999 blocks pass and nobody broadcasts BR1a. Now C1a has enough confirmations for RD1a’s lock of 1000 blocks: Alice signs RD1a with Alice2 (she handed over a copy, she still has it) and it confirms.',
        'Bob 离线了。999 个区块过去，没人广播 BR1a。此时 C1a 的确认数已满足 RD1a 的 1000 区块锁：Alice 用 Alice2 签 RD1a（她交出的是副本，自己仍然持有），交易被确认。',
      ),
      [mine('btc', RSMC_DELAY_BLOCKS - 1), sign('RD1a', 'Alice'), broadcast('RD1a'), mine('btc', 1), expectThat({ status: { RD1a: 'confirmed' } })],
      { nodes: ['RD1a', 'C1a'], outputs: [['C1a', 0]] },
    ),
    step(
      t('Bob comes back too late', 'Bob 回来得太晚'),
      t(
        'Bob’s BR1a now spends an output RD1a already took: refused. The 1000-block window was his only chance. Alice got back the 0.1 she had paid — the penalty only works for someone who watches the chain.',
        'Bob 的 BR1a 要花的输出已被 RD1a 拿走：被拒绝。1000 个区块的窗口期是他唯一的机会。Alice 拿回了她付过的 0.1——惩罚机制只对盯着链的人有效。',
      ),
      [
        broadcast('BR1a'),
        channelPoint('breach not punished', DEPOSIT, DEPOSIT),
        expectThat({
          rejected: 'missing-inputs',
          status: { RD1a: 'confirmed', BR1a: 'conflicted' },
          balances: { Alice: { btc: about(change + DEPOSIT, FUNDING_FEE_SHARE + 2n * TX_FEE) }, Bob: { btc: about(change + DEPOSIT, FUNDING_FEE_SHARE) } },
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
  title: t('RSMC payment channel: open, pay, revoke, close, breach', 'RSMC 支付通道：建立、支付、作废、关闭与作恶'),
  description: t(
    'Alice and Bob open a 1 BTC channel, Alice pays Bob 0.1 off-chain, the old state is revoked by handing over keys, and the channel closes cooperatively, unilaterally, or by a breach that is punished — or not.',
    'Alice 和 Bob 建立 1 BTC 的通道，Alice 在链下付给 Bob 0.1，通过交出私钥作废旧版本，然后协商关闭、单方面关闭，或因作恶被惩罚——或者没被惩罚。',
  ),
  defaultSeed: 1,
  paths: ['cooperative', 'unilateral', 'breach-punished', 'breach-unpunished'],
  wallets: [
    { name: 'Alice', keys: [{ purpose: 'funding', label: 'Alice' }, { purpose: 'revocation', label: 'Alice2' }, { purpose: 'revocation', label: 'Alice3' }] },
    { name: 'Bob', keys: [{ purpose: 'funding', label: 'Bob' }, { purpose: 'revocation', label: 'Bob2' }, { purpose: 'revocation', label: 'Bob3' }] },
  ],
  chains: [{ id: 'btc', era: 'modern', startTime: DEFAULT_START_TIME }],
  grants: [
    { id: 'Alice coin', key: 'Alice', chain: 'btc', value: STARTING_COIN, wrap: 'p2wpkh' },
    { id: 'Bob coin', key: 'Bob', chain: 'btc', value: STARTING_COIN, wrap: 'p2wpkh' },
  ],
  build,
};
