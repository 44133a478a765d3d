/** The rsmc-channel lesson in Simplified Chinese: the same keys as en.ts, checked by the compiler. */
import type { Translation } from '../narration';
import type { en } from './en';

export const zh: Translation<typeof en> = {
  title: 'RSMC 支付通道：建立、支付、作废、关闭与作恶',
  description:
    'Alice 和 Bob 建立 1 BTC 的通道，Alice 在链下付给 Bob 0.1，通过交出私钥作废旧版本，然后协商关闭、单方面关闭，或因作恶被惩罚——或者没被惩罚。',
  steps: {
    twoNeighboursOneChannel: {
      title: '两位邻居，一条通道',
      narration:
        'Alice 和 Bob 各拿出 0.5 个比特币建立一条通道。Funding 交易（注资交易）各取两人的一枚币，把两份存款付进 Alice 和 Bob 的 2-of-2 多重签名：任何一方都无法独自动用这笔钱。此时交易已经构建，但还没有签名，更没有广播。',
    },
    commitmentsBeforeMoneyC1a: {
      title: '先签承诺交易：C1a、RD1a、C1b、RD1b',
      narration:
        'C1a 是 Alice 手里的账单：输出 0 把她的 0.5 付到 Alice2 和 Bob 的 2-of-2 多签，输出 1 把 0.5 直接付给 Bob。RD1a 把输出 0 转给 Alice，但要等 C1a 确认 1000 个区块之后（nSequence = 1000）。Bob 为 Alice 签 C1a 和 RD1a，Alice 为 Bob 签对称的 C1b 和 RD1b。因为 Funding 还没签名，这些交易都上不了链，所以交换签名绝对安全。',
    },
    nowSignBroadcastFunding: {
      title: '现在签名并广播 Funding',
      narration:
        '双方手里都有对方签过名的承诺交易，任何时候都能取回自己的钱。直到这时双方才签 Funding。它的输入是隔离见证，签名不会改变 txid，承诺交易花费的仍是正确的输出。广播并挖一个区块：通道建成。',
    },
    alicePaysBob: {
      title: 'Alice 付给 Bob 0.1：第二版账单',
      narration:
        'Alice 向 Bob 买了 0.1 BTC 的东西。什么都不上链：双方按新余额 0.4 / 0.6 和新的撤销密钥 Alice3、Bob3 构建 C2a/RD2a 与 C2b/RD2b，并像之前一样为对方签名。此时旧的第一版账单和第二版一样有效——下一步就要解决这个问题。',
    },
    revokingState1Keys: {
      title: '作废第一版：交出私钥',
      narration:
        'Alice 把 Alice2 的私钥交给 Bob，Bob 把 Bob2 交给 Alice。现在 Bob 一个人就能签 BR1a（作恶惩戒交易）：它立刻把 C1a 的输出 0 转给 Bob，不用等待。Alice 也对 C1b 签好了 BR1b。只要 Alice 不发布旧的 C1a，BR1a 就永远用不上——它的父交易不在链上。',
    },
    closingTogether: {
      title: '双方协商关闭',
      narration:
        '双方都同意时，一笔交易 Close 花费 Funding 的输出，同时支付两人的余额：Alice 0.4，Bob 0.6，手续费各付一半。没有时间锁，谁也不用等。',
    },
    aliceClosesAloneC2a: {
      title: 'Alice 单方面关闭：C2a',
      narration:
        'Bob 联系不上，Alice 在 C2a 上补上自己的签名（Bob 早已签过）并广播。输出 1 立刻把 0.6 付给 Bob；Alice 的 0.4 留在输出 0。',
    },
    rd2aMustWait1000: {
      title: 'RD2a 必须等 1000 个区块',
      narration:
        'RD2a 以 nSequence = 1000 花费 C2a 的输出 0，这是相对时间锁。现在广播，网络会以 non-BIP68-final 拒绝。谁单方面关闭通道谁就要等——“谁发起谁吃亏”。',
    },
    oneBlockShort: {
      title: '还差一个区块',
      narration:
        '再挖 998 个区块（比特币时间约一周）：C2a 有 999 个确认。RD2a 想进入下一个区块需要 C2a 已满 1000 个确认——还差一个，依然被拒绝。',
    },
    after1000BlocksAlice: {
      title: '1000 个区块之后：Alice 拿回 0.4',
      narration:
        '再挖一个区块，锁定期结束：RD2a 被接受并打包。Alice 拿回了 0.4，减去作为关闭方要付的 C2a 和 RD2a 手续费。',
    },
    aliceCheatsShePublishes: {
      title: 'Alice 作恶：发布已作废的 C1a',
      narration:
        '在 C1a 里 Alice 还有 0.5。她签了这份旧的承诺交易并广播；这笔交易本身完全有效，于是被确认。C2a 再也无法上链：它的输入已被花掉。',
    },
    bobPunishesBr1aTakes: {
      title: 'Bob 惩戒：BR1a 拿走全部',
      narration:
        'RD1a 要等 1000 个区块才能动 Alice 的 0.5。Bob 立刻发现并广播 BR1a——他握有 Alice2，一个人就能签。BR1a 没有时间锁，先被确认：C1a 的输出 1（他的 0.5）本来就归 Bob，BR1a 又拿走了输出 0（Alice 的 0.5）。',
    },
    tooLateRd1a: {
      title: 'RD1a 已经来不及',
      narration: 'Alice 自己的 RD1a 要花的输出已被 BR1a 拿走：被拒绝。作恶让她失去了通道里的全部资金。',
    },
    bobAwayWeek: {
      title: 'Bob 离线了一周',
      narration:
        'Bob 离线了。999 个区块过去，没人广播 BR1a。此时 C1a 的确认数已满足 RD1a 的 1000 区块锁：Alice 用 Alice2 签 RD1a（她交出的是副本，自己仍然持有），交易被确认。',
    },
    bobComesBackToo: {
      title: 'Bob 回来得太晚',
      narration:
        'Bob 的 BR1a 要花的输出已被 RD1a 拿走：被拒绝。1000 个区块的窗口期是他唯一的机会。Alice 拿回了她付过的 0.1——惩罚机制只对盯着链的人有效。',
    },
  },
};
