/** The htlc lesson in Simplified Chinese: the same keys as en.ts, checked by the compiler. */
import type { Translation } from '../narration';
import type { en } from './en';

export const zh: Translation<typeof en> = {
  title: '通道中的 HTLC：凭 R 付款，或超时退回',
  description:
    'Alice 在通道里以 0.1 BTC 换取 Bob 的秘密 R。Bob 用 R 兑现，或三天后 Alice 收回；已作废的 HTLC 状态被发布时，用 HBR1a 或 HTBR1a 惩罚。',
  steps: {
    aliceOffersHtlc: {
      title: 'Alice 以 0.1 换取 R：带 HTLC 的第二版',
      narration: (p) =>
        `Bob 选了一个秘密 R，只告诉 Alice 它的哈希 HASH160(R) = ${p.hash}。新的承诺交易 C2a 和 C2b 各多出第三个输出 0.1，即 HTLC。有 R 和双方签名时，它通过 HE1b 归 Bob；没有 R，它只能通过 HT1a 退回 Alice，而 HT1a 的 nLockTime 在三天之后。Bob 预先签好 Alice 这边的交易（C2a、RD2a、HT1a、HTRD1a），Alice 预先签好 Bob 那边的（C2b、RD2b、HE1b、HERD1b）。`,
    },
    state1Revoked: {
      title: '作废第一版',
      narration:
        '和 RSMC 一课一样，Alice 把 Alice2 交给 Bob，Bob 把 Bob2 交给 Alice：C1a 和 C1b 作废了。谁再发布它们，就等于把通道里的钱全送给对方。',
    },
    bobShowsRChain: {
      title: 'Bob 在链上出示 R：C2b 和 HE1b',
      narration:
        'Bob 发布他的承诺交易 C2b 和 HE1b：HE1b 用 R 和双方签名花费 HTLC 输出（Alice 事先签过；签名不覆盖 R，所以 R 可以后来再填）。C2b 立刻把 0.4 付给 Alice。',
    },
    oneWhoPublishesWaits: {
      title: '先发布的人要等待：HERD1b 和 RD2b',
      narration:
        'HE1b 把 0.1 付进另一个可撤销的 2-of-2，所以关闭通道的 Bob 要等 1000 个区块才能发布 HERD1b 和 RD2b。之后 Bob 得到 0.6，Alice 得到 0.4：这笔支付在链上完成了。',
    },
    bobNeverShowsR: {
      title: 'Bob 一直没出示 R：Alice 发布 C2a',
      narration: 'Bob 没有回音。Alice 发布她的承诺交易 C2a；Bob 的 0.5 立即付给他。',
    },
    ht1aLockedThreeDays: {
      title: 'HT1a 锁定三天',
      narration:
        'HT1a 通过另一个分支收回 HTLC 输出，但它的 nLockTime 是报价之后三天：这给了 Bob 三天时间把 R 放上链。现在广播会因为 non-final 被拒绝。',
    },
    threeDaysLater: {
      title: '三天之后',
      narration: '时钟前进三天，再挖几个区块，让最近区块的中位时间超过超时时刻。HT1a 被接受。',
    },
    aliceWaits1000Blocks: {
      title: 'Alice 等待 1000 个区块：RD2a 和 HTRD1a',
      narration:
        'Alice 关闭了通道，所以她的两个输出都要锁定 1000 个区块。之后她拿回 0.5，Bob 保留他的 0.5：这笔支付没有发生。',
    },
    rArrivesOffChain: {
      title: '链下收到 R：第三版账单，第二版作废',
      narration:
        'Bob 私下向 Alice 出示 R，双方同意去掉 HTLC，余额变为 0.4 / 0.6：签好 C3a/RD3a 和 C3b/RD3b。为了作废第二版，Alice 把 Alice3 交给 Bob，Bob 把 Bob3 交给 Alice。Bob 用 Alice3 准备好三笔作恶惩戒交易：BR2a 对应 C2a 的输出 0，HBR1a 对应 HTLC 输出，HTBR1a 对应 HT1a 的输出。',
    },
    alicePublishesRevokedC2a: {
      title: 'Alice 发布作废的 C2a，却扣住 HT1a',
      narration: 'Alice 广播了 C2a。她扣住 HT1a 不发，指望 Bob 没有 R 就动不了 HTLC 输出。',
    },
    hbr1aBobTakesHtlc: {
      title: 'HBR1a：Bob 不用 R 也能拿走 HTLC 输出',
      narration:
        '有了 Alice3，Bob 立刻用 HBR1a 花费 HTLC 输出的第二个分支，并用 BR2a 花费 C2a 的输出 0。通道里的 1 BTC 全归 Bob。',
    },
    aliceWaitsOutTimeout: {
      title: 'Alice 等超时过后，同时发布 C2a 和 HT1a',
      narration: '三天后，Alice 广播作废的 C2a，紧接着广播 HT1a——抢在 Bob 使用 HBR1a 之前拿到 HTLC 输出。',
    },
    hbr1aTooLate: {
      title: 'HBR1a 晚了一步……',
      narration: 'HTLC 输出已被 HT1a 花掉，HBR1a 被拒绝。',
    },
    htbr1aStillWorks: {
      title: '……但 HTBR1a 来得及',
      narration:
        'HT1a 把 0.1 付进 Alice3 和 Bob 的 2-of-2，Alice 要等 1000 个区块才能用 HTRD1a 取走。Bob 握有 Alice3，于是 HTBR1a 立刻拿走它，BR2a 拿走输出 0：Bob 得到全部。这就是 HBR1a 和 HTBR1a 缺一不可的原因。',
    },
  },
};
