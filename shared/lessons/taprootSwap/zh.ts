/** The Taproot swap lesson in Simplified Chinese: the same keys as en.ts, checked by the compiler. */
import type { Translation } from '../narration';
import type { en } from './en';

export const zh: Translation<typeof en> = {
  title: 'Taproot 交换：今天的种子版 HTLC',
  description:
    '用 Taproot 重建种子版的原子交换：双方的币各自锁到 Alice 和 Bob 的 MuSig2 聚合密钥上，背后藏着两片叶子：哈希锁和退款。双方同意时走密钥路径——一个密钥、一个签名，和普通付款一样；否则用到的叶子只暴露它自己。字节数和隐私与种子版并排对比。',
  steps: {
    twoCoins: {
      title: '种子版的交换，用 Taproot 来做',
      narration: (p) =>
        `和种子版一样，Alice 有 1 BTC，Bob 有 10 LTC，Alice 再选一个秘密 X：SHA256(X) = ${p.hash}。种子版里，双方把币锁进 P2WSH 脚本“X 加领取方的签名，或者两人的签名”，每次花费都要公开整段脚本。这里双方的币都付给一个 Taproot 密钥：Alice 和 Bob 密钥的 MuSig2 聚合，再用两片叶子调整（tweak）——叶子在被用到之前谁也看不见。`,
    },
    tx1Locked: {
      title: 'Tx1：Alice 的比特币锁在一个密钥和两片隐藏的叶子下',
      narration:
        'Tx1 把 1 BTC 付给 OP_1 <输出密钥>：34 字节，和任何 Taproot 付款一样。密钥背后有两片叶子：“X 加 Bob 的签名”和“48 小时后，Alice 的签名”。退款是一片 CHECKLOCKTIMEVERIFY 叶子，所以和种子版不同，Alice 注资前不需要任何人替她预签退款（种子版的 Tx2 要 Bob 预签，因为那个协议早于 CLTV）。',
    },
    tx3Locked: {
      title: 'Tx3：Bob 的莱特币，反过来再做一遍',
      narration:
        'Bob 在莱特币链上把 10 LTC 锁进同样的输出：同一个 Alice 和 Bob 的聚合密钥，一片“X 加 Alice 的签名”的叶子，以及 24 小时后归 Bob 的退款叶子——和种子版一样，比 Alice 的早一天。两个输出没有任何可见的共同脚本或哈希：在各自的链上，它们看起来是两笔毫不相干的付款。',
    },
    aliceTakesLtcKeyPath: {
      title: 'Alice 私下把 X 交给 Bob，两人一起签 Alice 的领取交易',
      narration:
        'Alice 在链下把 X 交给 Bob。这对她没有损失：在 Bob 的退款打开之前，她仍可以走 Tx3 的哈希锁叶子领取；而 Bob 现在也能用同样的方式领取 Tx1。既然谁也没有理由再对抗，他们用 MuSig2 一起签 Tx3-key：Alice 给出她的部分签名（交易处于部分签名状态），Bob 给出他的，两者相加成为输出密钥下的一个 64 字节 Schnorr 签名。见证数据就只有这个签名。',
    },
    bobTakesBtcKeyPath: {
      title: '两人一起签 Bob 的领取交易：交换不留痕迹',
      narration:
        'Tx1-key 用同样的方式把比特币付给 Bob。两条链都没见过 X、它的哈希、任何脚本或第二个密钥：两条链上各有一笔看似普通的 Taproot 花费，没有任何东西把它们联系起来。种子版里，两笔领取都公开整份合约，而且两条链上是同一个 SHA256(X)，谁都能把它们配成一对。右表把这笔花费的两个版本并排列出。',
    },
    wrongPreimage: {
      title: 'Bob 不再回应：用错误的 X 领取会失败',
      narration:
        'Bob 已经备好 Tx3 的退款，不肯联合签名。Alice 退而使用哈希锁叶子。先试一个错误的 32 字节 X：叶子里的 OP_SHA256 OP_EQUALVERIFY 挡住了它，节点拒绝。右边的追踪显示叶子在见证数据上运行：这个 X 的哈希不是叶子里的那个。',
    },
    wrongControlBlock: {
      title: '叶子必须证明自己在树里',
      narration:
        '这次 X 是对的，但控制块里的兄弟哈希是错的。控制块就是叶子的证明：内部密钥加上另一片叶子的哈希，节点据此重新算出输出密钥。哈希错了，算出的就是另一个密钥，节点在执行叶子之前就拒绝了这笔花费（Core：见证程序哈希不匹配）。',
    },
    aliceClaimsLeaf: {
      title: 'Alice 通过哈希锁叶子领取',
      narration:
        '有了 X 和正确的控制块，Tx3-leaf 被接受。见证数据里是 Alice 的签名、X、这片叶子的脚本和 65 字节的控制块：退款叶子始终只是一个 32 字节的哈希，没人知道 Bob 的退款要等多久，甚至不知道有退款。和种子版相比：更小，而且只公开一个分支，而不是整份合约。',
    },
    bobReadsX: {
      title: 'Bob 在莱特币链上读到 X，领取 Tx1',
      narration:
        '和种子版一样，X 现在公开了：Bob 从 Tx3-leaf 里取出 X，通过 Tx1 的哈希锁叶子领取。交换依然是原子的；只是因为 Bob 逼 Alice 走叶子，损失了一些隐私。',
    },
    refundTooEarly: {
      title: 'Bob 始终没有锁定莱特币；Alice 的退款还未生效',
      narration:
        'Tx1 确认之后 Bob 消失了，从未发布 Tx3。Alice 签好 Tx1-refund，它花费退款叶子；nLockTime 是开始后 48 小时，由 CHECKLOCKTIMEVERIFY 检查，所以现在因为 non-final 被拒绝。',
    },
    refundAfter48h: {
      title: '48 小时后 Alice 取回比特币',
      narration:
        '两天后，退款交易在没有 Bob 参与的情况下确认：不需要任何人事先替她签名。它只公开退款叶子——X 的哈希和哈希锁藏在一个 32 字节的哈希后面。',
    },
  },
  tasks: {
    compare: {
      title: (p) => `${p.node} 与种子版并排`,
      seed: '种子版（P2WSH）',
      taproot: 'Taproot',
      witnessBytes: '见证字节',
      vsize: '虚拟大小（vB）',
      script: '公开的脚本',
      hash: '公开 SHA256(X)',
      keys: '公开的密钥',
      hidden: '保持隐藏',
      looksLikePayment: '看起来像单密钥付款',
      wholeScript: (p) => `整份合约（${p.bytes} 字节）`,
      noScript: '无',
      oneLeaf: (p) => `这片叶子（${p.bytes} 字节）`,
      bothKeys: 'Alice 和 Bob 的',
      outputKeyOnly: '只有输出密钥',
      leafKeyAndInternal: '一个密钥 + 内部密钥',
      nothingHidden: '无',
      bothLeaves: '两片叶子和聚合方式',
      otherLeaf: '另一片叶子（一个 32 字节哈希）',
      seedVsize: '种子版：虚拟大小',
      taprootVsize: 'Taproot：虚拟大小',
      seedWitness: '种子版：见证字节',
      taprootWitness: 'Taproot：见证字节',
      note: '种子版签名按 72 字节计（DER 签名 71–73 字节）；Schnorr 签名总是 64 字节。',
    },
  },
};
