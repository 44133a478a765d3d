/**
 * The malleability-mtgox lesson in Simplified Chinese, its tasks' words included: the same keys
 * as en.ts, checked by the compiler.
 */
import type { Translation } from '../narration';
import type { en } from './en';

export const zh: Translation<typeof en> = {
  title: 'Mt.Gox 与交易延展性',
  description:
    'Mallory 让篡改后的提现副本与原交易竞速到达矿工；按 txid 追踪的交易所付了两次钱。竞赛的胜率，以及哪条规则——或隔离见证——堵住了每个漏洞。',
  steps: {
    mtgox2014: {
      title: 'Mt.Gox，2014 年 2 月',
      narration:
        'Mt.Gox 曾承担全球大部分的比特币交易。客户提现时，它发出一笔交易并记下 txid。客户说提现没到账时，它就用这个 txid 去查；如果没有确认，就重新支付。2014 年 2 月，黑客正是利用“交易延展性”钻了这个空子，Mt.Gox 后来承认丢失了 85 万个比特币。画布上的 Coins 是交易所的热钱包：八枚各 2 BTC 的币。',
    },
    changingTransactionWithoutKey: {
      title: '不需要私钥就能改动交易',
      narration:
        'txid 是整笔交易（包括签名）的两次 SHA-256，但签名无法对自己签名。所以任何人都可以重新编码签名——用 OP_PUSHDATA2 代替普通压栈、给 DER 编码补零、把 S 换成 n − S——得到一笔依然有效、付给同样的人同样金额、txid 却不同的交易。就像把银锭打成银夜壶：价值相当，形状不同。',
    },
    race: {
      title: '时间竞赛',
      narration:
        'Mallory 提现 1 BTC，交易所付款给她：W1、W2……是每一轮的付款。Mallory 每秒查看一次她的节点；付款一到，她就用 OP_PUSHDATA2 重新压入签名，把副本发给自己的节点，并直接发给矿池 A 和 B。每个矿池先收到哪个版本就保留哪个——全凭运气。按算力抽出的一个矿池挖出下一个区块。在副本被矿池打包的那一轮——即标为“(Mallory)”的那笔交易——交易所的原交易与它冲突；Mallory 投诉，交易所查不到自己的 txid 被确认，于是又付了她一次，也就是“-resend”那笔交易。她赢一次就收手。',
    },
    oddsOverManyRaces: {
      title: '多次竞赛的胜率',
      narration:
        '一次走运说明不了什么，所以在这个网络的副本上把同样的竞赛跑 200 次。Mallory 直连的矿池掌握 75% 的算力。原交易要 10 到 20 秒才能传到每个节点，包括 Mallory 的节点；她每秒查看一次，一看到就把副本直接交给这些矿池，副本有 45% 的情况比原交易先到。预测她赢的比例：0.75 × 0.45 ≈ 34%。图表显示观察到的比例逐渐稳定在预测值附近。',
    },
    whichRuleClosedWhich: {
      title: '哪条规则堵住了哪个漏洞',
      narration:
        '表格把每一种篡改（行）交给真实节点判定，每次只打开一条规则（列）：严格 DER（BIP66）挡住重新编码的签名，低 S 挡住翻转的 S（它按严格 DER 解析签名，所以也挡住了 DER 花招），MINIMALDATA 挡住奇怪的压栈方式，SIGPUSHONLY 和 CLEANSTACK 挡住多余的元素。全部打开时，一个也过不去。最后一列改的是隔离见证付款的见证：txid 根本不会变，因为见证不在其中。',
    },
    relayRulesAre: {
      title: '打开转发规则',
      narration:
        '同一个网络，但每个节点都启用了严格 DER、低 S、MINIMALDATA、SIGPUSHONLY 和 CLEANSTACK。Mallory 提现三次（W1、W2、W3）：每个副本都被她自己的节点和各矿池拒绝，被打包的始终是原交易，交易所每笔提现只支付一次。',
    },
    exchangeThatWatchesWhat: {
      title: '关注链上实际结果的交易所',
      narration:
        '无需新规则的修复：Mallory 投诉时，交易所不再查自己的 txid，而是查有没有一笔已打包的交易花掉了它的币并付给了她——结果找到的正是她自己的副本，即标为“(Mallory)”的那笔。Mallory 再次赢得了竞赛，却一无所获：没有人再付她一次。',
    },
  },
  tasks: {
    attack: {
      title: '每一轮的竞赛',
      withdrawalTxid: '提现 txid',
      copy: 'Mallory 的副本',
      foundBy: '出块矿池',
      mined: '被打包的版本',
      paidAgain: '重新支付',
      round: (p) => `第 ${p.round} 轮`,
      refused: (p) => `被拒绝：${p.reason}`,
      theCopy: '副本',
      theOriginal: '原交易',
      ledger: {
        title: '交易所的账本',
        rounds: 'Mallory 申请的提现',
        successes: '副本被打包的轮数',
        paidAgain: '被支付两次的提现',
        requestedSat: '申请金额（聪）',
        paidSat: '链上显示付给 Mallory 的（聪）',
        lossSat: '因延展性损失（聪）',
        lossIsOneWithdrawalPerWin: '损失 = 每个重付轮次一笔提现',
      },
    },
    odds: {
      chart: {
        title: '副本获胜的频率',
        x: '竞赛次数',
        y: 'Mallory 获胜 %',
        observed: '累计观察值',
        predicted: '按延迟预测',
      },
      summary: {
        title: '竞赛的胜率',
        races: '竞赛次数',
        wins: 'Mallory 的副本获胜',
        observedPercent: '观察值（%）',
        peerSharePercent: 'Mallory 能直连的算力（%）',
        copyFirstPercent: '副本先到这些矿池的概率（%）',
        predictedPercent: '预测值（%）',
        withinThreeSigma: '观察值在预测值 3σ 以内',
      },
    },
    matrix: {
      title: '逐条规则：哪些篡改仍然有效',
      rules: {
        none: '2014：无规则',
        dersig: '严格 DER（BIP66）',
        lowS: '低 S',
        minimalData: 'MINIMALDATA',
        pushOnlyCleanStack: 'SIGPUSHONLY + CLEANSTACK',
        all: '全部规则',
      },
      segwitColumn: '隔离见证（篡改见证）',
      mutations: {
        'high-s': 'S 换成 n − S',
        'der-padding': 'DER：R 前补一个零字节',
        'der-long-length': 'DER：长格式的长度',
        pushdata1: '用 OP_PUSHDATA1 压栈',
        pushdata2: '用 OP_PUSHDATA2 压栈',
        'extra-push': '开头多压一个元素',
        'non-push': '开头加一个 OP_NOP',
      },
      works: '有效：新 txid',
      sameTxid: '被接受，txid 不变',
      notApplicable: '不适用',
      stopped: (p) => `被挡住：${p.why}`,
      summary: {
        title: '仍能改变 txid 且被接受的篡改',
        segwit: '隔离见证',
        segwitTxidUnchanged: '每种见证篡改都不改变隔离见证 txid',
      },
    },
  },
};
