/** The p2pkh-basics lesson in Simplified Chinese: the same keys as en.ts, checked by the compiler. */
import type { Translation } from '../narration';
import type { en } from './en';

export const zh: Translation<typeof en> = {
  title: '脚本执行：一笔 P2PKH 付款',
  description:
    'Alice 用一枚 P2PKH 币付款给 Bob；调试器展示每个操作码之后的栈。Mallory 的伪造在 OP_EQUALVERIFY 处失败。',
  steps: {
    coinLockedAliceKey: {
      title: '锁定在 Alice 公钥哈希上的币',
      narration: (p) =>
        `Alice 拥有 1 个比特币：它是交易 ${p.node} 的第 ${p.output} 号输出，由这笔交易付给她。它的输出脚本（scriptPubKey）是 OP_DUP OP_HASH160 ${p.pkh} OP_EQUALVERIFY OP_CHECKSIG：谁能出示一个 HASH160 等于它的公钥，以及用该公钥对应私钥做的签名，谁就能花费它。脚本是一种简单的、基于栈的语言，从左到右执行，没有循环。`,
    },
    aliceSignsPaymentBob: {
      title: 'Alice 签名一笔给 Bob 的付款',
      narration:
        'Payment 这笔交易花费 Alice 的币：0.3 BTC 给 Bob，剩下的找零给 Alice，留 0.0001 BTC 给矿工作手续费。签名会把 <签名> <公钥> 放进输入脚本（scriptSig）。txid 是序列化交易的两次 SHA-256——签名也在这些字节之中。',
    },
    stepThroughScripts: {
      title: '逐步执行脚本',
      narration:
        '先执行输入脚本：压入签名，再压入公钥。接着在同一个栈上执行输出脚本：OP_DUP 复制公钥，OP_HASH160 计算它的哈希，压入预期的哈希，OP_EQUALVERIFY 检查两个哈希相等，OP_CHECKSIG 用公钥验证签名。栈上只剩一个 TRUE：验证通过。表格列出了每个操作码执行后的栈。',
    },
    broadcastMine: {
      title: '广播并打包',
      narration:
        '网络执行同样的脚本检查，把 Payment 放进内存池，矿工再把它打包进区块。Alice 的币已被花费：Bob 收到 0.3 BTC。',
    },
    mallorySignsOwnKey: {
      title: 'Mallory 用自己的私钥签名',
      narration:
        'Mallory 构建了 Forgery：一笔把 Alice 的币转给自己的交易，并用她自己的私钥签名。签名本身没问题——但那是对她自己公钥的签名。工作台已经把它标为无效。',
    },
    whereFailsOpEqualverify: {
      title: '失败在哪里：OP_EQUALVERIFY',
      narration:
        '逐步执行 Forgery 的输入：Mallory 公钥的 HASH160 与 Alice 输出脚本中的哈希不相等，OP_EQUALVERIFY 当场终止脚本，OP_CHECKSIG 根本不会执行。表格列出了每个操作码执行后的栈。',
    },
    networkRefuses: {
      title: '网络拒绝了它',
      narration: '每个节点都执行同样的检查：Forgery 的广播被拒绝，Alice 的币安然无恙。',
    },
  },
};
