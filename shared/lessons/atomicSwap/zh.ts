/** The atomic-swap lesson in Simplified Chinese: the same keys as en.ts, checked by the compiler. */
import type { Translation } from '../narration';
import type { en } from './en';

export const zh: Translation<typeof en> = {
  title: '原子交换：1 BTC 换 10 LTC',
  description:
    'Tier Nolan 的跨链交换：Tx1 和 Tx3 用 Alice 的秘密 X 的哈希锁住双方的币，Tx2 和 Tx4 是 48 小时和 24 小时之后的赎回交易。',
  steps: {
    aliceHas1Btc: {
      title: 'Alice 有 1 个比特币，Bob 有 10 个莱特币',
      narration: (p) =>
        `他们想在两条不同的链上互换，既不信任对方，也不依赖第三方：Alice 的币在比特币链上的 Coins 里，Bob 的币在莱特币链上的 Coins (LTC) 里。Alice 生成一个只有她知道的随机数 X；它的哈希 SHA256(X) = ${p.hash} 将锁住双方的钱。`,
    },
    tx1RefundTx2Signed: {
      title: 'Tx1 及其赎回交易 Tx2：先请 Bob 签名',
      narration:
        'Tx1 把 Alice 的 1 BTC 付给一段有两个出口的脚本：X 加上 Bob 的签名，或者 Alice 和 Bob 两人的签名。广播之前，Alice 先构建 Tx2——通过第二个出口把钱退回给她，nLockTime 设为 48 小时之后——并请 Bob 签名。这样 Alice 随时都能取回比特币，于是她广播 Tx1。Bob 拿不走：他既不知道 X，也没有 Alice 的私钥。',
    },
    tx3RefundTx4Signed: {
      title: 'Tx3 及其赎回交易 Tx4：先请 Alice 签名',
      narration:
        'Bob 在莱特币链上做同样的事：Tx3 把他的 10 LTC 锁进“X 加 Alice 的签名，或者两人的签名”，用的是同一个 X 的哈希。他的赎回交易 Tx4 在 24 小时后解锁，比 Alice 的早一天：Alice 要拿走他的莱特币，就必须在这 24 小时内公开 X，而在 Alice 能取回比特币之前，Bob 还有一天时间使用 X。Alice 为 Tx4 签名，Bob 广播 Tx3。',
    },
    aliceClaims10Ltc: {
      title: 'Alice 用 X 领取 10 LTC',
      narration: (p) =>
        `Alice 用 ${p.claimTx3} 这笔交易，凭 X 和她的签名花费 Tx3。这样做，她就必须把 X 公开在莱特币链上。`,
    },
    bobReadsXLitecoin: {
      title: 'Bob 在莱特币链上读到 X，领取 1 BTC',
      narration: (p) =>
        `Bob 从 Alice 的 ${p.claimTx3} 里拿到 X，连同自己的签名，用 ${p.claimTx1} 花费 Tx1。双方都得到了想要的——否则谁也得不到：这就是原子交换。退款交易 Tx2 和 Tx4 再也无法上链。`,
    },
    bobWalksAway: {
      title: 'Bob 中途放弃',
      narration: 'Bob 改变主意，始终没有发布 Tx3。24 小时后 Alice 尝试赎回：Tx2 仍被锁定，被拒绝。',
    },
    after48Hours: {
      title: '48 小时后：Alice 取回比特币',
      narration:
        'Tx2 的锁定时间已过：交易被确认，Alice 拿回了 1 BTC。Bob 的莱特币从未动过。双方回到起点，只少了手续费。',
    },
    aliceNeverClaims: {
      title: 'Alice 一直不领取：24 小时后 Bob 用 Tx4 赎回',
      narration:
        'Alice 没有领取 Tx3，X 仍是秘密。24 小时之前 Bob 的退款交易 Tx4 被拒绝；24 小时之后它被确认，Bob 拿回 10 LTC。Alice 的 Tx2 还要再锁一天，被拒绝。',
    },
    aliceRefundsAt48h: {
      title: '48 小时后 Alice 用 Tx2 赎回',
      narration: '又过一天，Tx2 被确认：Alice 拿回了比特币。除了手续费，谁也没有损失。',
    },
  },
};
