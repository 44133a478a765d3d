/**
 * Throughput and finality (SPEC §3.3): 1 MB blocks of ~225-byte payments hold about 4,400
 * transactions, about 7 a second; low fees wait; forks happen and get rarer with every
 * confirmation. The statistics run on sandbox chains (lesson tasks); the workspace's own 2014
 * chain has two mining pools, where Bob sells Alice a coffee. Failure path: Bob hands it over
 * after one confirmation and Alice's accomplice pool undoes the payment with a longer branch.
 */
import { keyOutput } from '../../protocols/outputs';
import { buildPayment } from '../../protocols/p2pkh';
import { DEFAULT_START_TIME } from '../../scenario/chainActions';
import type { LessonStep } from '../../scenario/schema';
import { about, advance, at, broadcast, COIN, dataCheck, draft, expectThat, mine, on, sign, step, t, task, unwrap } from '../kit';
import type { BuildContext, BuiltinScenario } from '../types';

const COFFEE = COIN / 500n; // 0.002 BTC
const STARTING_COIN = COIN / 100n;
const FEE = 2_000n;
/** The double spend pays more, as a cheat would, though the accomplice pool needs no bribe here. */
const DOUBLE_SPEND_FEE = 5_000n;
/** Seconds for a transaction or a block to reach every node of this network. */
const SPREAD = 60;

function build(ctx: BuildContext) {
  const coin = ctx.coins['Alice coin']!;
  const alice = ctx.keys['Alice']!;
  const spend = { prevout: { node: coin.node, output: coin.output }, value: coin.value, pubKey: alice, wrap: 'p2pkh' as const };
  const nodes = [
    draft('Coffee', 'btc', 'p2pkh-payment', at(1, 0), unwrap(buildPayment({ coins: [spend], payees: [keyOutput(ctx.keys['Bob']!, 'p2pkh', COFFEE, { owner: 'Bob', label: 'a coffee' })], change: { pubKey: alice, wrap: 'p2pkh', owner: 'Alice' }, fee: FEE, version: 1 }), 'Coffee')),
    draft('Double-spend', 'btc', 'p2pkh-payment', at(1, 1), unwrap(buildPayment({ coins: [spend], payees: [keyOutput(alice, 'p2pkh', coin.value - DOUBLE_SPEND_FEE, { owner: 'Alice', label: 'back to Alice' })], fee: DOUBLE_SPEND_FEE, version: 1 }), 'Double-spend')),
  ];

  const intro = step(
    t('One megabyte every ten minutes', '每十分钟一兆字节'),
    t(
      'In 2014 a block could hold at most 1 MB and one is found about every ten minutes. A simple payment is about 225 bytes, so a block holds about 4,400 of them: roughly 7 transactions a second for the whole world. Visa handles tens of thousands a second.',
      '2014 年，一个区块最多 1 MB，大约每十分钟产生一个。一笔简单的付款约 225 字节，所以一个区块能装大约 4400 笔：全世界每秒大约 7 笔交易。而 Visa 每秒能处理数万笔。',
    ),
    [],
    { nodes: [] },
  );

  const capacity: LessonStep[] = [
    intro,
    step(
      t('A crowd fills the blocks', '人群填满了区块'),
      t(
        'On a separate simulated chain, thousands of people send ordinary payments of about 225 bytes — more than fit — with fees they pick themselves. Blocks fill up to the 1 MB limit; the table shows how many payments each block took.',
        '在一条单独的模拟链上，成千上万的人发出约 225 字节的普通付款——比区块能装下的更多——手续费由各人自己决定。区块被装到 1 MB 上限；表格显示每个区块装了多少笔付款。',
      ),
      [
        task('throughput', { arrivalTps: 7.5, blocks: 2, backlog: 5_000, feeRates: [1, 2, 5, 10, 20, 50] }),
        expectThat({
          data: [
            dataCheck('throughput.summary', 'facts.fullestBlockTxs', { min: 4_000 }),
            dataCheck('throughput.summary', 'facts.avgTxSize', { min: 220, max: 230 }),
            dataCheck('throughput.summary', 'facts.capacityTps', { min: 6.5, max: 7.6 }),
          ],
        }),
      ],
      { nodes: [], figures: ['throughput.blocks', 'throughput.summary'] },
    ),
    step(
      t('Low fees wait', '手续费低就得等'),
      t(
        'Miners take the best-paying transactions first. The chart shows it: payments at high fee rates are confirmed in the next block, the lowest still wait when the run ends. The lower the fee, the longer the wait — a problem for buying a coffee.',
        '矿工优先打包手续费率最高的交易。图表显示：高费率的付款在下一个区块就被确认，最低费率的到最后还在等。手续费越低，等得越久——买杯咖啡可就麻烦了。',
      ),
      [expectThat({ data: [dataCheck('throughput.summary', 'facts.lowFeesWaitLonger', { equals: true })] })],
      { nodes: [], figures: ['throughput.feeVsWait'] },
    ),
    step(
      t('Forks, and why six confirmations', '分叉，以及为什么要六个确认'),
      t(
        'Finding a block is random and news takes time to travel, so two miners sometimes find blocks at once and the network briefly splits; the longer branch wins and the other is undone. Here many seeded runs of a deliberately slow network (blocks take one to five minutes to spread, so forks are frequent enough to count) show how deep those reorganisations go: the deeper, the rarer — falling with every block. That is why six confirmations are considered final.',
        '挖出区块是随机的，消息传播又有延迟，所以有时两个矿工同时挖出区块，网络短暂分叉；较长的分支胜出，另一支被撤销。这里对一个刻意放慢的网络（区块要一到五分钟才能传遍，分叉才多到可以统计）做了许多次带种子的模拟，统计重组的深度：越深越罕见——每多一个区块就下降一截。这就是六个确认被视为最终的原因。',
      ),
      [
        task('reorg-stats', { runs: 60, blocksPerRun: 200, miners: [0.35, 0.3, 0.2, 0.15], delay: { min: 60, max: 300 }, maxDepth: 6 }),
        expectThat({ data: [dataCheck('reorgs.summary', 'facts.falls', { equals: true }), dataCheck('reorgs.summary', 'facts.reorgs', { min: 100 }), dataCheck('reorgs.summary', 'facts.deeperThanMaxPercent', { max: 1 })] }),
      ],
      { nodes: [], figures: ['reorgs.depth', 'reorgs.summary'] },
    ),
    step(
      t('Bob waits for six confirmations', 'Bob 等到六个确认'),
      t(
        'Back on this workspace’s own chain, Alice pays Bob 0.002 BTC for a coffee: the transaction Coffee. Bob is careful: he waits for six confirmations — about an hour — before handing it over. Safe, but slow: this is why payment channels were invented.',
        '回到本工作区自己的链上，Alice 付给 Bob 0.002 BTC 买一杯咖啡：就是 Coffee 这笔交易。Bob 很谨慎：等到六个确认——大约一个小时——才把咖啡交出去。安全，但是太慢：这正是支付通道出现的原因。',
      ),
      [sign('Coffee', 'Alice'), broadcast('Coffee'), advance('btc', SPREAD), mine('btc', 6), expectThat({ status: { Coffee: 'confirmed', 'Double-spend': 'conflicted' }, balances: { Bob: { btc: about(COFFEE, 0n) }, Alice: { btc: about(STARTING_COIN - COFFEE, FEE) } } })],
      { nodes: ['Coffee'], outputs: [[coin.node, coin.output]] },
    ),
  ];

  const doubleSpend: LessonStep[] = [
    intro,
    step(
      t('Alice pays for a coffee — and sends a double spend to pool B', 'Alice 付了咖啡钱——同时把双花交易发给矿池 B'),
      t(
        'The network has two mining pools, A and B, with half the hash power each; Bob’s shop watches pool A’s node. Alice pays for the coffee there (Coffee), and at the same moment hands pool B, her accomplice, Double-spend: a transaction that spends the same coin back to herself. Each pool keeps the version it saw first.',
        '网络里有 A、B 两个矿池，各占一半算力；Bob 的店连的是矿池 A 的节点。Alice 在那里付了咖啡钱（Coffee），同时把 Double-spend 交给她的同伙矿池 B：这笔交易花费同一枚币，付回给她自己。每个矿池都只保留先看到的那个版本。',
      ),
      [sign('Coffee', 'Alice'), sign('Double-spend', 'Alice'), broadcast('Coffee'), broadcast('Double-spend', 'pool-B'), expectThat({ status: { Coffee: 'mempool' } })],
      on('Coffee', 'Double-spend'),
    ),
    step(
      t('One confirmation', '一个确认'),
      t('Pool A finds a block with Coffee in it. Bob sees one confirmation and hands over the coffee.', '矿池 A 挖出一个包含 Coffee 的区块。Bob 看到一个确认，就把咖啡交了出去。'),
      [task('mine-at', { chain: 'btc', miner: 'pool-A', count: 1, settle: false }), expectThat({ status: { Coffee: 'confirmed' }, balances: { Bob: { btc: about(COFFEE, 0n) } } })],
      on('Coffee'),
    ),
    step(
      t('Pool B finds two blocks', '矿池 B 挖出两个区块'),
      t(
        'Before pool A’s block reached it, pool B found a block with Double-spend in it, and then another. When the blocks meet, every node follows the longer branch: pool A’s block is undone, Coffee conflicts with Double-spend, which is now confirmed, and Bob has nothing.',
        '矿池 A 的区块还没传到，矿池 B 就挖出了包含 Double-spend 的区块，接着又挖出一个。区块相遇时，所有节点都跟随较长的分支：矿池 A 的区块被撤销，Coffee 与已确认的 Double-spend 冲突，Bob 什么也没得到。',
      ),
      [
        task('mine-at', { chain: 'btc', miner: 'pool-B', count: 2, settle: false }),
        advance('btc', SPREAD),
        expectThat({ status: { Coffee: 'conflicted', 'Double-spend': 'confirmed' }, balances: { Bob: { btc: about(0n, 0n) }, Alice: { btc: about(STARTING_COIN, DOUBLE_SPEND_FEE) } } }),
      ],
      on('Coffee', 'Double-spend'),
    ),
    step(
      t('Six confirmations would have saved him', '六个确认本可以救他'),
      t(
        'To undo a payment with six confirmations, an attacker would need to out-mine the rest of the network for six blocks in a row — the chance falls with every block. One confirmation is not finality.',
        '要撤销一笔已有六个确认的付款，攻击者必须连续六个区块都比全网其他人挖得快——每多一个区块，概率就下降一截。一个确认不等于最终确认。',
      ),
      [mine('btc', 5), expectThat({ status: { Coffee: 'conflicted', 'Double-spend': 'confirmed' } })],
      on('Coffee', 'Double-spend'),
    ),
  ];

  return { nodes, coinsAt: { btc: at(0, 0) }, paths: { capacity, 'double-spend': doubleSpend } };
}

export const throughputFinality: BuiltinScenario = {
  name: 'throughput-finality',
  title: t('Throughput and finality: 7 transactions a second, six confirmations', '处理能力与最终性：每秒 7 笔，六个确认'),
  description: t(
    'Full 1 MB blocks, a fee market where low fees wait, and forks whose depth falls with every confirmation; a coffee paid with one confirmation is double-spent.',
    '装满的 1 MB 区块、手续费低就要等待的手续费市场，以及深度随确认数下降的分叉；一杯只等了一个确认的咖啡被双花。',
  ),
  defaultSeed: 7,
  paths: ['capacity', 'double-spend'],
  wallets: [
    { name: 'Alice', keys: [{ purpose: 'receive', label: 'Alice' }] },
    { name: 'Bob', keys: [{ purpose: 'receive', label: 'Bob' }] },
  ],
  chains: [
    {
      id: 'btc',
      era: '2014',
      startTime: DEFAULT_START_TIME,
      nodes: [
        { name: 'pool-A', hashShare: 0.5 },
        { name: 'pool-B', hashShare: 0.5 },
      ],
      txDelay: { min: 1, max: 5 },
      blockDelay: { min: 2, max: 20 },
    },
  ],
  grants: [{ id: 'Alice coin', key: 'Alice', chain: 'btc', value: STARTING_COIN, wrap: 'p2pkh' }],
  build,
};
