/**
 * Mt.Gox and transaction malleability (SPEC §3.2). On a 2014 network of five nodes (the
 * exchange's, Mallory's and three pools), Mallory withdraws, mutates the exchange's payment
 * without any key and races her copy to the pools she peers with. When the copy is mined the
 * exchange, which tracks withdrawals by txid, pays again. Then the odds of the race over many
 * runs, and the table of which mutation each rule — and SegWit — stopped. Failure paths for
 * Mallory: the relay rules switched on, and an exchange that tracks what the chain did.
 */
import { DEFAULT_START_TIME } from '../../scenario/chainActions';
import type { LessonTaskParams } from '../../scenario/lessonTasks';
import type { LessonStep } from '../../scenario/schema';
import { about, call, COIN, dataCheck, expectThat, on, step, t, task } from '../kit';
import type { BuildContext, BuiltinScenario } from '../types';

const WITHDRAWAL = COIN;
const EXCHANGE_COINS = 8;
const EXCHANGE_COIN = 2n * COIN;

const attack = (over: Partial<LessonTaskParams<'mtgox-attack'>>): LessonTaskParams<'mtgox-attack'> => ({
  amount: WITHDRAWAL.toString(),
  fee: '10000',
  mutation: 'pushdata2',
  tracking: 'txid',
  exchangeNode: 'exchange',
  malloryNode: 'mallory',
  peers: ['pool-A', 'pool-B'],
  untilSuccesses: 1,
  maxRounds: 40,
  ...over,
});

function build(_ctx: BuildContext) {
  const story: LessonStep[] = [
    step(
      t('Mt.Gox, February 2014', 'Mt.Gox，2014 年 2 月'),
      t(
        'Mt.Gox handled most of the world’s bitcoin trading. When a customer withdrew, it sent a transaction and wrote down its txid. When a customer said a withdrawal never arrived, it looked that txid up; if it was not confirmed, it paid again. In February 2014 attackers used transaction malleability against exactly this, and Mt.Gox later reported 850,000 bitcoins missing. On the canvas, Coins is the exchange’s hot wallet: eight coins of 2 BTC.',
        'Mt.Gox 曾承担全球大部分的比特币交易。客户提现时，它发出一笔交易并记下 txid。客户说提现没到账时，它就用这个 txid 去查；如果没有确认，就重新支付。2014 年 2 月，黑客正是利用“交易延展性”钻了这个空子，Mt.Gox 后来承认丢失了 85 万个比特币。画布上的 Coins 是交易所的热钱包：八枚各 2 BTC 的币。',
      ),
      [expectThat({ balances: { Exchange: { btc: about(BigInt(EXCHANGE_COINS) * EXCHANGE_COIN, 0n) }, Mallory: { btc: about(0n, 0n) } } })],
      on('Coins'),
    ),
    step(
      t('Changing a transaction without the key', '不需要私钥就能改动交易'),
      t(
        'The txid is the double SHA-256 of the whole transaction, signatures included, but a signature cannot sign itself. So anyone can re-encode it — push it with OP_PUSHDATA2 instead of a plain push, pad its DER encoding, flip S to n − S — and get a valid transaction that pays the same people the same amounts under a different txid. Like silver melted down from an ingot and cast as a pot: the same silver in a different shape.',
        'txid 是整笔交易（包括签名）的两次 SHA-256，但签名无法对自己签名。所以任何人都可以重新编码签名——用 OP_PUSHDATA2 代替普通压栈、给 DER 编码补零、把 S 换成 n − S——得到一笔依然有效、付给同样的人同样金额、txid 却不同的交易。就像把银锭打成银夜壶：价值相当，形状不同。',
      ),
      [],
      { nodes: [] },
    ),
  ];

  const attack2014: LessonStep[] = [
    ...story,
    step(
      t('The race', '时间竞赛'),
      t(
        'Mallory withdraws 1 BTC and the exchange pays her: W1, W2, … are its payments, one per round. Mallory checks her node every second; as soon as a payment arrives she re-pushes its signature with OP_PUSHDATA2 and sends the copy to her node and straight to pools A and B. Each pool keeps whichever version reaches it first — a matter of luck. A pool, drawn by hash power, finds the next block. In the round where a pool mines the copy — the transaction marked “(Mallory)” — the exchange’s original conflicts with it; Mallory complains, the exchange finds its own txid unconfirmed and pays her again: the “-resend” transaction. She stops after one win.',
        'Mallory 提现 1 BTC，交易所付款给她：W1、W2……是每一轮的付款。Mallory 每秒查看一次她的节点；付款一到，她就用 OP_PUSHDATA2 重新压入签名，把副本发给自己的节点，并直接发给矿池 A 和 B。每个矿池先收到哪个版本就保留哪个——全凭运气。按算力抽出的一个矿池挖出下一个区块。在副本被矿池打包的那一轮——即标为“(Mallory)”的那笔交易——交易所的原交易与它冲突；Mallory 投诉，交易所查不到自己的 txid 被确认，于是又付了她一次，也就是“-resend”那笔交易。她赢一次就收手。',
      ),
      [
        task('mtgox-attack', attack({})),
        expectThat({
          data: [
            dataCheck('mtgox.summary', 'facts.successes', { equals: 1 }),
            dataCheck('mtgox.summary', 'facts.paidAgain', { equals: 1 }),
            dataCheck('mtgox.summary', 'facts.lossSat', { equals: Number(WITHDRAWAL) }),
            dataCheck('mtgox.summary', 'facts.lossIsOneWithdrawalPerWin', { equals: true }),
          ],
        }),
      ],
      // The rounds and their transactions depend on the seed: the focus is what the step added.
      { figures: ['mtgox.rounds', 'mtgox.summary'] },
    ),
    step(
      t('The odds over many races', '多次竞赛的胜率'),
      t(
        'One lucky round proves little, so the same race runs 200 times on a copy of this network. Mallory is directly connected to pools holding 75% of the hash power. The original takes 10 to 20 seconds to reach each node, Mallory’s included; at her next once-a-second look she hands her copy straight to those pools, and it gets there before the original 45% of the time. Predicted share of races she wins: 0.75 × 0.45 ≈ 34%. The chart shows the observed share settling on the prediction.',
        '一次走运说明不了什么，所以在这个网络的副本上把同样的竞赛跑 200 次。Mallory 直连的矿池掌握 75% 的算力。原交易要 10 到 20 秒才能传到每个节点，包括 Mallory 的节点；她每秒查看一次，一看到就把副本直接交给这些矿池，副本有 45% 的情况比原交易先到。预测她赢的比例：0.75 × 0.45 ≈ 34%。图表显示观察到的比例逐渐稳定在预测值附近。',
      ),
      [
        task('malleability-odds', { races: 200, amount: (COIN / 10n).toString(), mutation: 'pushdata2', exchangeNode: 'exchange', malloryNode: 'mallory', peers: ['pool-A', 'pool-B'] }),
        expectThat({ data: [dataCheck('mtgox.oddsSummary', 'facts.withinThreeSigma', { equals: true }), dataCheck('mtgox.oddsSummary', 'facts.predictedPercent', { min: 33, max: 34 })] }),
      ],
      { nodes: [], figures: ['mtgox.odds', 'mtgox.oddsSummary'] },
    ),
    step(
      t('Which rule closed which hole', '哪条规则堵住了哪个漏洞'),
      t(
        'The table judges every mutation (rows) by a real node with one rule switched on at a time (columns): strict DER (BIP66) stops the re-encoded signatures, low-S the flipped S (its check reads the signature as strict DER, so it stops the DER tricks too), MINIMALDATA the odd pushes, SIGPUSHONLY and CLEANSTACK the extra items. With all of them on, nothing gets through. The last column mutates a SegWit payment’s witness instead: the txid does not even change, because the witness is not part of it.',
        '表格把每一种篡改（行）交给真实节点判定，每次只打开一条规则（列）：严格 DER（BIP66）挡住重新编码的签名，低 S 挡住翻转的 S（它按严格 DER 解析签名，所以也挡住了 DER 花招），MINIMALDATA 挡住奇怪的压栈方式，SIGPUSHONLY 和 CLEANSTACK 挡住多余的元素。全部打开时，一个也过不去。最后一列改的是隔离见证付款的见证：txid 根本不会变，因为见证不在其中。',
      ),
      [
        task('malleability-matrix', {}),
        expectThat({
          data: [
            dataCheck('mtgox.matrixSummary', 'facts.works-none', { equals: 7 }),
            dataCheck('mtgox.matrixSummary', 'facts.works-all', { equals: 0 }),
            dataCheck('mtgox.matrixSummary', 'facts.works-segwit', { equals: 0 }),
            dataCheck('mtgox.matrixSummary', 'facts.segwitTxidUnchanged', { equals: true }),
          ],
        }),
      ],
      { nodes: [], figures: ['mtgox.matrix'] },
    ),
  ];

  const rulesOn: LessonStep[] = [
    ...story,
    step(
      t('The relay rules are on', '打开转发规则'),
      t(
        'The same network, but every node now enforces strict DER, low S, MINIMALDATA, SIGPUSHONLY and CLEANSTACK. Mallory withdraws three times (W1, W2, W3): each copy is refused by her own node and by the pools, the original is always mined, and the exchange pays each withdrawal exactly once.',
        '同一个网络，但每个节点都启用了严格 DER、低 S、MINIMALDATA、SIGPUSHONLY 和 CLEANSTACK。Mallory 提现三次（W1、W2、W3）：每个副本都被她自己的节点和各矿池拒绝，被打包的始终是原交易，交易所每笔提现只支付一次。',
      ),
      [
        call('chain.setPolicy', { chain: 'btc', rules: { DERSIG: true, LOW_S: true, MINIMALDATA: true, SIGPUSHONLY: true, CLEANSTACK: true } }),
        task('mtgox-attack', attack({ untilSuccesses: 0, maxRounds: 3 })),
        expectThat({
          data: [dataCheck('mtgox.summary', 'facts.successes', { equals: 0 }), dataCheck('mtgox.summary', 'facts.lossSat', { equals: 0 })],
          balances: { Mallory: { btc: about(3n * WITHDRAWAL, 0n) } },
        }),
      ],
      { figures: ['mtgox.rounds', 'mtgox.summary'] },
    ),
  ];

  const trackOutputs: LessonStep[] = [
    ...story,
    step(
      t('An exchange that watches what the chain did', '关注链上实际结果的交易所'),
      t(
        'The fix that needs no new rule: when Mallory complains, the exchange does not look for its txid but for a mined transaction that spent its coins and paid her — and finds her own copy, marked “(Mallory)”. Mallory wins the race once more, and gains nothing: nobody pays her again.',
        '无需新规则的修复：Mallory 投诉时，交易所不再查自己的 txid，而是查有没有一笔已打包的交易花掉了它的币并付给了她——结果找到的正是她自己的副本，即标为“(Mallory)”的那笔。Mallory 再次赢得了竞赛，却一无所获：没有人再付她一次。',
      ),
      [
        task('mtgox-attack', attack({ tracking: 'outputs' })),
        expectThat({ data: [dataCheck('mtgox.summary', 'facts.successes', { equals: 1 }), dataCheck('mtgox.summary', 'facts.paidAgain', { equals: 0 }), dataCheck('mtgox.summary', 'facts.lossSat', { equals: 0 })] }),
      ],
      { figures: ['mtgox.rounds', 'mtgox.summary'] },
    ),
  ];

  return { nodes: [], coinsAt: { btc: { x: 40, y: 40 } }, paths: { 'attack-2014': attack2014, 'rules-on': rulesOn, 'track-outputs': trackOutputs } };
}

export const malleabilityMtgox: BuiltinScenario = {
  name: 'malleability-mtgox',
  title: t('Mt.Gox and transaction malleability', 'Mt.Gox 与交易延展性'),
  description: t(
    'Mallory races a malleated copy of her withdrawal to the miners; an exchange that tracks txids pays twice. The odds of the race, and which rule — or SegWit — closed each hole.',
    'Mallory 让篡改后的提现副本与原交易竞速到达矿工；按 txid 追踪的交易所付了两次钱。竞赛的胜率，以及哪条规则——或隔离见证——堵住了每个漏洞。',
  ),
  defaultSeed: 8,
  paths: ['attack-2014', 'rules-on', 'track-outputs'],
  wallets: [
    { name: 'Exchange', keys: [{ purpose: 'receive', label: 'Exchange' }] },
    { name: 'Mallory', keys: [{ purpose: 'receive', label: 'Mallory' }] },
  ],
  chains: [
    {
      id: 'btc',
      era: '2014',
      startTime: DEFAULT_START_TIME,
      nodes: [
        { name: 'exchange', hashShare: 0 },
        { name: 'mallory', hashShare: 0 },
        { name: 'pool-A', hashShare: 0.4 },
        { name: 'pool-B', hashShare: 0.35 },
        { name: 'pool-C', hashShare: 0.25 },
      ],
      txDelay: { min: 10, max: 20 },
      blockDelay: { min: 2, max: 10 },
    },
  ],
  grants: Array.from({ length: EXCHANGE_COINS }, (_, i) => ({ id: `Exchange coin ${i + 1}`, key: 'Exchange', chain: 'btc' as const, value: EXCHANGE_COIN, wrap: 'p2pkh' as const })),
  build,
};
