/**
 * SegWit (SPEC §3.4): the same payment as a legacy P2PKH spend and as a P2WPKH spend — txid vs
 * wtxid, size, weight and virtual size, the witness discount. The failure path: Mallory changes
 * both signatures in flight (S → n − S) and a lax miner takes her copies. The legacy payment gets
 * a new txid and the child Bob had already signed on top of it is stranded; the SegWit payment
 * keeps its txid (the witness is not part of it) and its child confirms.
 */
import { keyOutput } from '../../protocols/outputs';
import { buildPayment, type SpendableCoin } from '../../protocols/p2pkh';
import type { KeyWrap } from '../../protocols/types';
import { DEFAULT_START_TIME } from '../../scenario/chainActions';
import type { LessonStep } from '../../scenario/schema';
import { about, at, broadcast, call, COIN, dataCheck, draft, expectThat, mine, on, sign, step, t, task, unwrap } from '../kit';
import type { BuildContext, BuiltinScenario } from '../types';

const PAYMENT = COIN / 2n;
const FEE = 5_000n;

function build(ctx: BuildContext) {
  const alice = ctx.keys['Alice']!;
  const bob = ctx.keys['Bob']!;
  const pay = (coinId: string, wrap: KeyWrap) => {
    const coin = ctx.coins[coinId]!;
    return unwrap(
      buildPayment({
        coins: [{ prevout: { node: coin.node, output: coin.output }, value: coin.value, pubKey: alice, wrap }],
        payees: [keyOutput(bob, wrap, PAYMENT, { owner: 'Bob', label: 'to Bob' })],
        change: { pubKey: alice, wrap, owner: 'Alice' },
        fee: FEE,
      }),
      coinId,
    );
  };
  // Bob passes the coin on before it confirms, signing a child that names the parent by txid.
  const child = (parent: string, wrap: KeyWrap) => {
    const coin: SpendableCoin = { prevout: { node: parent, output: 0 }, value: PAYMENT, pubKey: bob, wrap };
    return unwrap(buildPayment({ coins: [coin], payees: [keyOutput(bob, wrap, PAYMENT - FEE, { owner: 'Bob', label: 'Bob passes it on' })], fee: FEE }), `${parent} child`);
  };
  const nodes = [
    draft('Legacy', 'btc', 'p2pkh-payment', at(1, 0), pay('Alice legacy coin', 'p2pkh')),
    draft('Legacy-child', 'btc', 'p2pkh-payment', at(2, 0), child('Legacy', 'p2pkh')),
    // A little lower than two rows: the malleated path puts Mallory's copy of Legacy under Legacy.
    draft('SegWit', 'btc', 'custom', at(1, 2.3), pay('Alice segwit coin', 'p2wpkh')),
    draft('SegWit-child', 'btc', 'custom', at(2, 2.3), child('SegWit', 'p2wpkh')),
  ];

  const signBoth: LessonStep[] = [
    step(
      t('The same payment, two ways', '同一笔付款，两种写法'),
      t(
        'Alice pays Bob 0.5 BTC twice: Legacy spends a legacy P2PKH coin, where the signature and key sit in the scriptSig; SegWit spends a P2WPKH coin, where they sit in a separate witness. Segregated witness means exactly this: the witness is taken out of the part of the transaction that the txid hashes.',
        'Alice 付给 Bob 两次 0.5 BTC：Legacy 花费一枚传统 P2PKH 币，签名和公钥放在 scriptSig 里；SegWit 花费一枚 P2WPKH 币，签名和公钥放在单独的见证（witness）里。“隔离见证”指的正是这个：把见证从 txid 所哈希的那部分交易中拿出来。',
      ),
      [],
      on('Legacy', 'SegWit'),
    ),
    step(
      t('txid vs wtxid, weight and virtual size', 'txid 与 wtxid、权重与虚拟大小'),
      t(
        'Both are signed. The legacy payment’s txid and wtxid are the same. The SegWit payment has two ids: the txid without the witness and the wtxid with it. Weight counts non-witness bytes four times and witness bytes once; virtual size is weight ÷ 4. The witness is cheaper, so the SegWit payment pays less fee for the same job — the witness discount, a modest capacity increase.',
        '两笔都签好了。传统付款的 txid 和 wtxid 相同。隔离见证付款有两个 id：不含见证的 txid 和包含见证的 wtxid。权重把非见证字节算四次、见证字节算一次；虚拟大小 = 权重 ÷ 4。见证更便宜，同样的事情隔离见证付款付的手续费更少——这就是见证折扣，也在一定程度上实现了扩容。',
      ),
      [
        sign('Legacy', 'Alice'),
        sign('SegWit', 'Alice'),
        task('compare-sizes', { key: 'segwit.sizes', nodes: ['Legacy', 'SegWit'] }),
        expectThat({
          status: { Legacy: 'signed', SegWit: 'signed' },
          data: [
            dataCheck('segwit.sizes.facts', 'facts.Legacy-sameIds', { equals: true }),
            dataCheck('segwit.sizes.facts', 'facts.SegWit-sameIds', { equals: false }),
            dataCheck('segwit.sizes.facts', 'facts.SegWit-discountPercent', { min: 20 }),
            dataCheck('segwit.sizes.facts', 'facts.Legacy-discountPercent', { equals: 0 }),
          ],
        }),
      ],
      on('Legacy', 'SegWit'),
    ),
    step(
      t('Bob signs on top, before anything confirms', 'Bob 在父交易确认前就签好了子交易'),
      t(
        'Bob passes each 0.5 BTC on at once: Legacy-child and SegWit-child each spend output 0 of their payment and name it by its txid. Bob signs both before either payment confirms. This only works if the parent’s txid does not change.',
        'Bob 立刻把每笔 0.5 BTC 转出：Legacy-child 和 SegWit-child 各自花费对应付款的输出 0，并用 txid 指明这笔父交易。两笔付款都还没确认，Bob 就签好了这两笔子交易。只有父交易的 txid 不变，这才行得通。',
      ),
      [sign('Legacy-child', 'Bob'), sign('SegWit-child', 'Bob'), expectThat({ status: { 'Legacy-child': 'signed', 'SegWit-child': 'signed' } })],
      { nodes: ['Legacy', 'Legacy-child', 'SegWit', 'SegWit-child'], outputs: [['Legacy', 0], ['SegWit', 0]] },
    ),
  ];

  const happy: LessonStep[] = [
    ...signBoth,
    step(
      t('Broadcast and mine everything', '全部广播并打包'),
      t('Both payments and both children are accepted together and mined into one block.', '两笔付款和两笔子交易一起被接受，打包进同一个区块。'),
      [
        broadcast('Legacy'),
        broadcast('SegWit'),
        broadcast('Legacy-child'),
        broadcast('SegWit-child'),
        mine('btc', 1),
        expectThat({
          status: { Legacy: 'confirmed', SegWit: 'confirmed', 'Legacy-child': 'confirmed', 'SegWit-child': 'confirmed' },
          balances: { Bob: { btc: about(2n * (PAYMENT - FEE), 0n) }, Alice: { btc: about(2n * (COIN - PAYMENT), 2n * FEE) } },
        }),
      ],
      on('Legacy', 'Legacy-child', 'SegWit', 'SegWit-child'),
    ),
  ];

  const malleated: LessonStep[] = [
    ...signBoth,
    step(
      t('Mallory flips both signatures', 'Mallory 翻转了两个签名'),
      t(
        'A miner here does not enforce low-S signatures. Mallory sees both payments, replaces S by n − S in each signature (still valid, no key needed) and gets her copies to the miner first. The copy of Legacy, “Legacy (Mallory)”, has a new txid and is mined; Legacy itself now conflicts with it. The copy of SegWit changes only the witness: same txid, new wtxid, so SegWit is confirmed as it is.',
        '这里的矿工不强制低 S 签名。Mallory 看到两笔付款，把每个签名的 S 换成 n − S（依然有效，不需要私钥），并抢先把副本送到矿工那里。Legacy 的副本“Legacy (Mallory)”有了新的 txid 并被打包，Legacy 本身因此与它冲突。SegWit 的副本只改了见证：txid 不变，wtxid 变了，所以 SegWit 照样被确认。',
      ),
      [
        call('chain.setPolicy', { chain: 'btc', rules: { LOW_S: false } }),
        task('mutate-broadcast', { node: 'Legacy', input: 0, mutation: 'high-s' }),
        task('mutate-broadcast', { node: 'SegWit', input: 0, mutation: 'high-s' }),
        broadcast('Legacy'),
        expectThat({
          rejected: 'txn-mempool-conflict',
          data: [dataCheck('malleability.copies', 'facts.Legacy-txidChanged', { equals: true }), dataCheck('malleability.copies', 'facts.SegWit-txidChanged', { equals: false })],
        }),
        mine('btc', 1),
        expectThat({ status: { Legacy: 'conflicted', SegWit: 'confirmed' } }),
      ],
      { nodes: ['Legacy', 'Legacy-copy', 'SegWit'], figures: ['malleability.copies'] },
    ),
    step(
      t('The legacy child is stranded; the SegWit child is not', '传统子交易作废了；隔离见证子交易没有'),
      t(
        'Legacy-child spends an output of a transaction that will never be mined, since its copy was: refused. SegWit-child names a txid that did confirm, so it goes through. This is why payment channels had to wait for SegWit: they are chains of transactions signed before their parents confirm.',
        'Legacy-child 花费的是一笔永远不会被打包的交易（被打包的是它的副本）的输出：被拒绝。SegWit-child 指向的 txid 确实被确认了，所以顺利通过。这就是支付通道必须等到隔离见证的原因：通道就是一串在父交易确认之前就签好的交易。',
      ),
      [
        broadcast('SegWit-child'),
        broadcast('Legacy-child'),
        expectThat({ rejected: 'missing-inputs' }),
        mine('btc', 1),
        expectThat({ status: { 'SegWit-child': 'confirmed', 'Legacy-child': 'signed' }, balances: { Bob: { btc: about(PAYMENT + PAYMENT - FEE, 0n) } } }),
      ],
      on('Legacy-child', 'SegWit-child'),
    ),
  ];

  return { nodes, coinsAt: { btc: at(0, 1) }, paths: { witness: happy, malleated } };
}

export const segwit: BuiltinScenario = {
  name: 'segwit',
  title: t('SegWit: txid, wtxid and the witness discount', '隔离见证：txid、wtxid 与见证折扣'),
  description: t(
    'A legacy and a SegWit payment side by side: ids, weight, virtual size. A malleated signature changes the legacy txid and strands its child; the SegWit txid stays.',
    '传统付款与隔离见证付款并排比较：id、权重、虚拟大小。被篡改的签名改变了传统交易的 txid，使其子交易作废；隔离见证交易的 txid 保持不变。',
  ),
  defaultSeed: 6,
  paths: ['witness', 'malleated'],
  wallets: [
    { name: 'Alice', keys: [{ purpose: 'receive', label: 'Alice' }] },
    { name: 'Bob', keys: [{ purpose: 'receive', label: 'Bob' }] },
    { name: 'Mallory', keys: [] },
  ],
  chains: [{ id: 'btc', era: 'modern', startTime: DEFAULT_START_TIME }],
  grants: [
    { id: 'Alice legacy coin', key: 'Alice', chain: 'btc', value: COIN, wrap: 'p2pkh' },
    { id: 'Alice segwit coin', key: 'Alice', chain: 'btc', value: COIN, wrap: 'p2wpkh' },
  ],
  build,
};
