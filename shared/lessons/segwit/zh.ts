/** The segwit lesson in Simplified Chinese: the same keys as en.ts, checked by the compiler. */
import type { Translation } from '../narration';
import type { en } from './en';

export const zh: Translation<typeof en> = {
  title: '隔离见证：txid、wtxid 与见证折扣',
  description:
    '传统付款与隔离见证付款并排比较：id、权重、虚拟大小。被篡改的签名改变了传统交易的 txid，使其子交易作废；隔离见证交易的 txid 保持不变。',
  steps: {
    samePaymentTwoWays: {
      title: '同一笔付款，两种写法',
      narration:
        'Alice 付给 Bob 两次 0.5 BTC：Legacy 花费一枚传统 P2PKH 币，签名和公钥放在 scriptSig 里；SegWit 花费一枚 P2WPKH 币，签名和公钥放在单独的见证（witness）里。“隔离见证”指的正是这个：把见证从 txid 所哈希的那部分交易中拿出来。',
    },
    txidVsWtxidWeight: {
      title: 'txid 与 wtxid、权重与虚拟大小',
      narration:
        '两笔都签好了。传统付款的 txid 和 wtxid 相同。隔离见证付款有两个 id：不含见证的 txid 和包含见证的 wtxid。权重把非见证字节算四次、见证字节算一次；虚拟大小 = 权重 ÷ 4。见证更便宜，同样的事情隔离见证付款付的手续费更少——这就是见证折扣，也在一定程度上实现了扩容。',
    },
    bobSignsTopBefore: {
      title: 'Bob 在父交易确认前就签好了子交易',
      narration:
        'Bob 立刻把每笔 0.5 BTC 转出：Legacy-child 和 SegWit-child 各自花费对应付款的输出 0，并用 txid 指明这笔父交易。两笔付款都还没确认，Bob 就签好了这两笔子交易。只有父交易的 txid 不变，这才行得通。',
    },
    broadcastMineEverything: {
      title: '全部广播并打包',
      narration: '两笔付款和两笔子交易一起被接受，打包进同一个区块。',
    },
    malloryFlipsBothSignatures: {
      title: 'Mallory 翻转了两个签名',
      narration:
        '这里的矿工不强制低 S 签名。Mallory 看到两笔付款，把每个签名的 S 换成 n − S（依然有效，不需要私钥），并抢先把副本送到矿工那里。Legacy 的副本“Legacy (Mallory)”有了新的 txid 并被打包，Legacy 本身因此与它冲突。SegWit 的副本只改了见证：txid 不变，wtxid 变了，所以 SegWit 照样被确认。',
    },
    legacyChildStrandedSegwit: {
      title: '传统子交易作废了；隔离见证子交易没有',
      narration:
        'Legacy-child 花费的是一笔永远不会被打包的交易（被打包的是它的副本）的输出：被拒绝。SegWit-child 指向的 txid 确实被确认了，所以顺利通过。这就是支付通道必须等到隔离见证的原因：通道就是一串在父交易确认之前就签好的交易。',
    },
  },
};
