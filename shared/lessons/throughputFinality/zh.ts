/**
 * The throughput-finality lesson in Simplified Chinese, its tasks' words included: the same keys
 * as en.ts, checked by the compiler.
 */
import type { Translation } from '../narration';
import type { en } from './en';

export const zh: Translation<typeof en> = {
  title: '处理能力与最终性：每秒 7 笔，六个确认',
  description:
    '装满的 1 MB 区块、手续费低就要等待的手续费市场，以及深度随确认数下降的分叉；一杯只等了一个确认的咖啡被双花。',
  steps: {
    oneMegabyteEveryTen: {
      title: '每十分钟一兆字节',
      narration:
        '2014 年，一个区块最多 1 MB，大约每十分钟产生一个。一笔简单的付款约 225 字节，所以一个区块能装大约 4400 笔：全世界每秒大约 7 笔交易。而 Visa 每秒能处理数万笔。',
    },
    crowdFillsBlocks: {
      title: '人群填满了区块',
      narration:
        '在一条单独的模拟链上，成千上万的人发出约 225 字节的普通付款——比区块能装下的更多——手续费由各人自己决定。区块被装到 1 MB 上限；表格显示每个区块装了多少笔付款。',
    },
    lowFeesWait: {
      title: '手续费低就得等',
      narration:
        '矿工优先打包手续费率最高的交易。图表显示：高费率的付款在下一个区块就被确认，最低费率的到最后还在等。手续费越低，等得越久——买杯咖啡可就麻烦了。',
    },
    forksWhySixConfirmations: {
      title: '分叉，以及为什么要六个确认',
      narration:
        '挖出区块是随机的，消息传播又有延迟，所以有时两个矿工同时挖出区块，网络短暂分叉；较长的分支胜出，另一支被撤销。这里对一个刻意放慢的网络（区块要一到五分钟才能传遍，分叉才多到可以统计）做了许多次带种子的模拟，统计重组的深度：越深越罕见——每多一个区块就下降一截。这就是六个确认被视为最终的原因。',
    },
    bobWaitsSixConfirmations: {
      title: 'Bob 等到六个确认',
      narration:
        '回到本工作区自己的链上，Alice 付给 Bob 0.002 BTC 买一杯咖啡：就是 Coffee 这笔交易。Bob 很谨慎：等到六个确认——大约一个小时——才把咖啡交出去。安全，但是太慢：这正是支付通道出现的原因。',
    },
    alicePaysCoffeeSends: {
      title: 'Alice 付了咖啡钱——同时把双花交易发给矿池 B',
      narration:
        '网络里有 A、B 两个矿池，各占一半算力；Bob 的店连的是矿池 A 的节点。Alice 在那里付了咖啡钱（Coffee），同时把 Double-spend 交给她的同伙矿池 B：这笔交易花费同一枚币，付回给她自己。每个矿池都只保留先看到的那个版本。',
    },
    oneConfirmation: {
      title: '一个确认',
      narration: '矿池 A 挖出一个包含 Coffee 的区块。Bob 看到一个确认，就把咖啡交了出去。',
    },
    poolBFindsTwo: {
      title: '矿池 B 挖出两个区块',
      narration:
        '矿池 A 的区块还没传到，矿池 B 就挖出了包含 Double-spend 的区块，接着又挖出一个。区块相遇时，所有节点都跟随较长的分支：矿池 A 的区块被撤销，Coffee 与已确认的 Double-spend 冲突，Bob 什么也没得到。',
    },
    sixConfirmations: {
      title: '六个确认本可以救他',
      narration:
        '要撤销一笔已有六个确认的付款，攻击者必须连续六个区块都比全网其他人挖得快——每多一个区块，概率就下降一截。一个确认不等于最终确认。',
    },
  },
  tasks: {
    throughput: {
      blocks: {
        title: '人群付款的区块（1 MB 上限）',
        transactions: '交易数',
        size: '大小（字节）',
        sinceLast: '距上一区块（分钟）',
        block: (p) => `区块 ${p.height}`,
      },
      backlog: {
        title: '内存池积压',
        x: '分钟',
        y: '等待中的交易',
        mempool: '内存池',
      },
      feeVsWait: {
        title: '手续费率与等待时间',
        x: '手续费率（聪/vB）',
        y: '分钟 / 确认比例 %',
        meanWait: '已确认交易的平均等待（分钟）',
        confirmedShare: '最后一个区块前已确认（%）',
      },
      summary: {
        title: '处理能力',
        fullestBlockTxs: '最满区块的交易数',
        avgTxSize: '平均交易大小（字节）',
        capacityTps: '容量（满块 ÷ 600 秒，笔/秒）',
        observedTps: '本次每秒确认的交易',
        arrivals: '发出的付款',
        stillWaiting: '最后一个区块后仍在等待',
        confirmedAt: (p) => `${p.rate} 聪/vB 的确认比例（%）`,
        lowFeesWaitLonger: '手续费低的等得更久',
      },
    },
    reorgs: {
      depth: {
        title: '按深度统计的链重组',
        x: '被放弃的区块数',
        y: '重组次数',
        runs: (p) => `${p.runs} 次 × ${p.blocksPerRun} 个区块`,
      },
      deeperThan: {
        title: '深度超过 k 的重组所占比例',
        x: 'k（确认数）',
        y: '%',
        deeperThanK: '深度超过 k',
        undone: '有 k 个确认的区块被撤销',
      },
      summary: {
        title: '分叉与最终性',
        blocksSeen: '节点收到的区块',
        reorgs: '链重组次数',
        deeperThan1Percent: '深度超过 1 个区块（占重组 %）',
        deeperThanMaxPercent: (p) => `深度超过 ${p.maxDepth} 个区块（占重组 %）`,
        falls: '随确认数增加而下降',
      },
    },
  },
};
