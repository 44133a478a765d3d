/** The multihop lesson in Simplified Chinese: the same keys as en.ts, checked by the compiler. */
import type { Translation } from '../narration';
import type { en } from './en';

export const zh: Translation<typeof en> = {
  title: '多跳支付：Alice → Bob → Carol → Dave',
  description:
    'Alice 通过 Bob 和 Carol 付给 Dave 0.05 BTC：串联的 HTLC 分别为 0.052、0.051、0.05，超时分别为 3、2、1 天。',
  steps: {
    routeThreeChannels: {
      title: '由三条通道组成的路径',
      narration: (p) =>
        `Alice 想付给 Dave 0.05 BTC，但她和 Dave 之间没有通道。她和 Bob 有，Bob 和 Carol 有，Carol 和 Dave 有。Dave 生成秘密 R，只把 H(R) = ${p.hash} 交给 Alice。R 和 H(R) 就像古代调兵用的一对虎符：谁出示 R，就证明钱已到达。Coins 里是 Alice、Bob 和 Carol 起初各有的钱。`,
    },
    htlcsFromAliceDave: {
      title: '从 Alice 到 Dave 的 HTLC：0.052、0.051、0.05',
      narration:
        'HTLC Alice→Bob 为 Bob 锁定 0.052：3 天内出示 R 就归 Bob，否则退回 Alice。HTLC Bob→Carol 为 Carol 锁定 0.051，期限 2 天；HTLC Carol→Dave 为 Dave 锁定 0.05，期限 1 天。每一跳的期限都比上一跳短一天，所以下游得知 R 的人在上游还有一天时间使用它。（每个 HTLC 都以通道在链上所执行的合约形式展示。）',
    },
    daveShowsRTakes: {
      title: 'Dave 出示 R，拿到 0.05',
      narration: 'Dave 用 Redeem Carol→Dave 这笔交易，凭自己的签名和 R 花费 Carol 的 HTLC。R 现在公开在链上了。',
    },
    carolReadsRFrom: {
      title: 'Carol 从链上读到 R，拿到 0.051',
      narration:
        'Carol 签好 Redeem Bob→Carol，即她对 Bob 的 HTLC 的兑现交易（签名不覆盖 R）。她从 Dave 的 Redeem Carol→Dave 里读出 R 填进去，拿走 0.051——比她付给 Dave 的多 0.001。',
    },
    bobDoesSame: {
      title: 'Bob 同样操作：拿到 0.052',
      narration:
        'Bob 从 Carol 的 Redeem Bob→Carol 里读出 R，用 Redeem Alice→Bob 拿走 Alice 的 0.052。Alice 的退款交易 Timeout Alice→Bob 再也无法上链。每一跳都赚到 0.001；Dave 收到 0.05；Alice 付出 0.052。',
    },
    /** A hop's timeout path, one step per hop: the day it expires, the payer, the amount in BTC, the next hop's timeout still early. */
    timeout: {
      title: (p) => `${p.day} 天后：${p.payer} 收回 ${p.amount}`,
      narration: (p) =>
        `时间过了 ${p.payer} 的超时时刻。${p.timeout}（nLockTime 等于超时时刻，脚本中的 OP_CHECKLOCKTIMEVERIFY 会检查它）现在被接受了：${p.payer} 拿回了 ${p.amount}。${p.early ? `${p.early} 还早一天，被拒绝。` : ''}`,
    },
    daveNeverRevealsR: {
      title: 'Dave 一直不公开 R',
      narration:
        'Dave 不公开 R。谁也兑现不了，也暂时拿不回自己的钱：Alice 的退款交易 Timeout Alice→Bob 要锁定 3 天，被拒绝。',
    },
  },
};
