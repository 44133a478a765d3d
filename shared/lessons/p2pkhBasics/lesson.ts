/**
 * Script execution (SPEC §3.1): Alice pays Bob from a P2PKH coin. The lesson signs, steps through
 * `<sig> <pubkey> | OP_DUP OP_HASH160 <pkh> OP_EQUALVERIFY OP_CHECKSIG` showing the stack after
 * every opcode, broadcasts and mines. The failure path: Mallory signs a spend of Alice's coin with
 * her own key, and OP_EQUALVERIFY stops it.
 */
import { toHex } from '../../bitcoin/bytes';
import { hash160 } from '../../bitcoin/hashes';
import { keyOutput } from '../../protocols/outputs';
import { buildPayment } from '../../protocols/p2pkh';
import { DEFAULT_START_TIME } from '../../scenario/chainActions';
import type { LessonStep } from '../../scenario/schema';
import { about, at, broadcast, COIN, dataCheck, draft, expectThat, mine, sign, step, t, task, unwrap } from '../kit';
import type { BuildContext, BuiltinScenario } from '../types';

const PAYMENT = (3n * COIN) / 10n;
const FEE = 10_000n;

function build(ctx: BuildContext) {
  const coin = ctx.coins['Alice coin']!;
  const prevout = { node: coin.node, output: coin.output };
  const alice = ctx.keys['Alice']!;
  const payment = buildPayment({
    coins: [{ prevout, value: coin.value, pubKey: alice, wrap: 'p2pkh' }],
    payees: [keyOutput(ctx.keys['Bob']!, 'p2pkh', PAYMENT, { owner: 'Bob', label: 'to Bob' })],
    change: { pubKey: alice, wrap: 'p2pkh', owner: 'Alice' },
    fee: FEE,
    version: 1,
  });
  // Mallory's attempt: the same coin, unlocked with her own signature and key.
  const forgery = buildPayment({
    coins: [{ prevout, value: coin.value, pubKey: ctx.keys['Mallory']!, wrap: 'p2pkh' }],
    payees: [keyOutput(ctx.keys['Mallory']!, 'p2pkh', coin.value - FEE, { owner: 'Mallory', label: 'to Mallory' })],
    fee: FEE,
    version: 1,
  });
  const nodes = [draft('Payment', 'btc', 'p2pkh-payment', at(1, 0), unwrap(payment, 'Payment')), draft('Forgery', 'btc', 'p2pkh-payment', at(1, 1), unwrap(forgery, 'Forgery'))];
  const pkh = toHex(hash160(alice));

  const intro = step(
    t('A coin locked to Alice’s key hash', '锁定在 Alice 公钥哈希上的币'),
    t(
      `Alice owns 1 BTC: output #${coin.output} of ${coin.node}, the transaction that paid it to her. Its output script (scriptPubKey) is OP_DUP OP_HASH160 ${pkh} OP_EQUALVERIFY OP_CHECKSIG: whoever shows a public key with this HASH160, and a signature made with that key, may spend it. Script is a small stack language, read left to right, with no loops.`,
      `Alice 拥有 1 个比特币：它是交易 ${coin.node} 的第 ${coin.output} 号输出，由这笔交易付给她。它的输出脚本（scriptPubKey）是 OP_DUP OP_HASH160 ${pkh} OP_EQUALVERIFY OP_CHECKSIG：谁能出示一个 HASH160 等于它的公钥，以及用该公钥对应私钥做的签名，谁就能花费它。脚本是一种简单的、基于栈的语言，从左到右执行，没有循环。`,
    ),
    [expectThat({ status: { Payment: 'draft' }, balances: { Alice: { btc: about(COIN, 0n) } } })],
    { nodes: [coin.node], outputs: [[coin.node, coin.output]] },
  );
  const spends = [[coin.node, coin.output]] as const;

  const pay: LessonStep[] = [
    intro,
    step(
      t('Alice signs a payment to Bob', 'Alice 签名一笔给 Bob 的付款'),
      t(
        'Payment spends Alice’s coin: 0.3 BTC to Bob, the rest back to Alice, 0.0001 BTC left to the miner as fee. Signing puts <signature> <public key> in the input script (scriptSig). The txid is the double SHA-256 of the serialized transaction — the signature is part of those bytes.',
        'Payment 这笔交易花费 Alice 的币：0.3 BTC 给 Bob，剩下的找零给 Alice，留 0.0001 BTC 给矿工作手续费。签名会把 <签名> <公钥> 放进输入脚本（scriptSig）。txid 是序列化交易的两次 SHA-256——签名也在这些字节之中。',
      ),
      [sign('Payment', 'Alice'), task('compare-sizes', { key: 'p2pkh.ids', nodes: ['Payment'] }), expectThat({ status: { Payment: 'signed' }, data: [dataCheck('p2pkh.ids.facts', 'facts.Payment-sameIds', { equals: true })] })],
      { nodes: ['Payment'], outputs: spends, figures: ['p2pkh.ids'] },
    ),
    step(
      t('Step through the scripts', '逐步执行脚本'),
      t(
        'First the input script pushes the signature, then the public key. Then the output script runs on the same stack: OP_DUP copies the key, OP_HASH160 hashes it, the expected hash is pushed, OP_EQUALVERIFY checks the two hashes are equal, and OP_CHECKSIG checks the signature against the key. A single TRUE is left: valid. The table shows the stack after every opcode.',
        '先执行输入脚本：压入签名，再压入公钥。接着在同一个栈上执行输出脚本：OP_DUP 复制公钥，OP_HASH160 计算它的哈希，压入预期的哈希，OP_EQUALVERIFY 检查两个哈希相等，OP_CHECKSIG 用公钥验证签名。栈上只剩一个 TRUE：验证通过。表格列出了每个操作码执行后的栈。',
      ),
      [
        task('trace', { node: 'Payment', input: 0 }),
        expectThat({ data: [dataCheck('trace.Payment.result', 'facts.valid', { equals: true }), dataCheck('trace.Payment.result', 'facts.steps', { min: 7 }), dataCheck('trace.Payment.result', 'facts.finalStack', { equals: '01' })] }),
      ],
      { nodes: ['Payment'], outputs: spends, figures: ['trace.Payment'] },
    ),
    step(
      t('Broadcast and mine', '广播并打包'),
      t(
        'The network checks the same scripts, accepts Payment into the mempool, and a miner puts it in a block. Alice’s coin is spent: Bob has 0.3 BTC.',
        '网络执行同样的脚本检查，把 Payment 放进内存池，矿工再把它打包进区块。Alice 的币已被花费：Bob 收到 0.3 BTC。',
      ),
      [
        broadcast('Payment'),
        mine('btc', 1),
        expectThat({ status: { Payment: 'confirmed', Forgery: 'conflicted' }, balances: { Bob: { btc: about(PAYMENT, 0n) }, Alice: { btc: about(COIN - PAYMENT, FEE) } } }),
      ],
      { nodes: ['Payment'], outputs: spends },
    ),
  ];

  const forge: LessonStep[] = [
    intro,
    step(
      t('Mallory signs with her own key', 'Mallory 用自己的私钥签名'),
      t(
        'Mallory builds Forgery, a transaction that spends Alice’s coin to herself, and signs it with her own key: her signature is perfectly good — for her key. The workbench already marks it invalid.',
        'Mallory 构建了 Forgery：一笔把 Alice 的币转给自己的交易，并用她自己的私钥签名。签名本身没问题——但那是对她自己公钥的签名。工作台已经把它标为无效。',
      ),
      [sign('Forgery', 'Mallory'), expectThat({ status: { Forgery: 'invalid' } })],
      { nodes: ['Forgery'], outputs: spends },
    ),
    step(
      t('Where it fails: OP_EQUALVERIFY', '失败在哪里：OP_EQUALVERIFY'),
      t(
        'Step through Forgery’s input: OP_HASH160 of Mallory’s key is not the hash in Alice’s output script, so OP_EQUALVERIFY stops the script right there. OP_CHECKSIG never runs. The table shows the stack after every opcode.',
        '逐步执行 Forgery 的输入：Mallory 公钥的 HASH160 与 Alice 输出脚本中的哈希不相等，OP_EQUALVERIFY 当场终止脚本，OP_CHECKSIG 根本不会执行。表格列出了每个操作码执行后的栈。',
      ),
      [task('trace', { node: 'Forgery', input: 0 }), expectThat({ data: [dataCheck('trace.Forgery.result', 'facts.valid', { equals: false }), dataCheck('trace.Forgery.result', 'facts.error', { equals: 'EQUALVERIFY' })] })],
      { nodes: ['Forgery'], outputs: spends, figures: ['trace.Forgery'] },
    ),
    step(
      t('The network refuses it', '网络拒绝了它'),
      t('Every node runs the same check: the broadcast of Forgery is refused and Alice keeps her coin.', '每个节点都执行同样的检查：Forgery 的广播被拒绝，Alice 的币安然无恙。'),
      [broadcast('Forgery'), expectThat({ rejected: 'mandatory-script-verify-flag-failed', balances: { Alice: { btc: about(COIN, 0n) }, Mallory: { btc: about(0n, 0n) } } })],
      { nodes: ['Forgery'], outputs: spends },
    ),
  ];

  return { nodes, coinsAt: { btc: at(0, 0) }, paths: { pay, forgery: forge } };
}

export const p2pkhBasics: BuiltinScenario = {
  name: 'p2pkh-basics',
  title: t('Script execution: a P2PKH payment', '脚本执行：一笔 P2PKH 付款'),
  description: t(
    'Alice pays Bob from a pay-to-public-key-hash coin; the debugger shows the stack after every opcode. Mallory’s forgery fails at OP_EQUALVERIFY.',
    'Alice 用一枚 P2PKH 币付款给 Bob；调试器展示每个操作码之后的栈。Mallory 的伪造在 OP_EQUALVERIFY 处失败。',
  ),
  defaultSeed: 5,
  paths: ['pay', 'forgery'],
  wallets: [
    { name: 'Alice', keys: [{ purpose: 'receive', label: 'Alice' }] },
    { name: 'Bob', keys: [{ purpose: 'receive', label: 'Bob' }] },
    { name: 'Mallory', keys: [{ purpose: 'receive', label: 'Mallory' }] },
  ],
  chains: [{ id: 'btc', era: '2014', startTime: DEFAULT_START_TIME }],
  grants: [{ id: 'Alice coin', key: 'Alice', chain: 'btc', value: COIN, wrap: 'p2pkh' }],
  build,
};
