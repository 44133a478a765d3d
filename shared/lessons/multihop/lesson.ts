/**
 * Multi-hop payment (SPEC §3.7): Alice pays Dave 0.05 BTC through Bob and Carol with HTLCs of
 * 0.052 (3 days), 0.051 (2 days) and 0.05 (1 day). R travels back from Dave and each hop keeps
 * 0.001; or Dave never reveals R and the HTLCs time out one day apart, Carol's first.
 */
import { toHex } from '../../bitcoin/bytes';
import { htlcHash } from '../../protocols/htlc';
import { buildHopOffer, buildHopRedeem, buildHopTimeout, type Hop, hopTxName, planRoute } from '../../protocols/multihop';
import { DEFAULT_START_TIME } from '../../scenario/chainActions';
import type { LessonStep } from '../../scenario/schema';
import { about, advance, at, broadcast, COIN, DAY, draft, expectThat, mine, on, secretFromSeed, sign, step, t, task, unwrap } from '../kit';
import type { BuildContext, BuiltinScenario } from '../types';

const PEOPLE = ['Alice', 'Bob', 'Carol', 'Dave'] as const;
const AMOUNT = COIN / 20n; // 0.05 BTC to Dave
const HOP_FEE = COIN / 1000n; // 0.001 kept by each middle hop
const STARTING_COIN = COIN / 10n;
const TX_FEE = 1_000n;
const MTP_BLOCKS = 11;

/** What the canvas calls a hop's transaction: which hop it is, in full ("Redeem Carol→Dave"). */
function hopLabel(hop: Hop, kind: 'HTLC' | 'Redeem' | 'Timeout'): string {
  return `${kind} ${hop.payer.name}→${hop.payee.name}`;
}

function build(ctx: BuildContext) {
  const r = secretFromSeed(ctx.seed, 'multihop R');
  const hash = htlcHash(r);
  const hops = unwrap(planRoute({ path: PEOPLE.map((name) => ({ name, key: ctx.keys[name]! })), amount: AMOUNT, feePerHop: HOP_FEE, start: ctx.chains.btc!.time, step: DAY }), 'route');
  const nodes = hops.flatMap((hop) => {
    const coin = ctx.coins[`${hop.payer.name} coin`]!;
    const offer = buildHopOffer({
      hop,
      hash,
      wrap: 'p2wsh',
      coins: [{ prevout: { node: coin.node, output: coin.output }, value: coin.value, pubKey: coin.pubKey, wrap: coin.wrap }],
      change: { pubKey: hop.payer.key, wrap: 'p2wpkh', owner: hop.payer.name },
      fee: TX_FEE,
    });
    const spend = { hop, hash, wrap: 'p2wsh' as const, fee: TX_FEE, payout: 'p2wpkh' as const };
    // Dave made R, so his redeem has it from the start; the others learn it from the chain.
    const last = hop.index === hops.length - 1;
    return [
      draft(hopTxName(hop, 'HTLC'), 'btc', 'hop-htlc', at(1, hop.index * 2), unwrap(offer, 'offer'), hopLabel(hop, 'HTLC')),
      draft(hopTxName(hop, 'Redeem'), 'btc', 'hop-redeem', at(2, hop.index * 2), unwrap(buildHopRedeem({ ...spend, ...(last ? { preimage: r } : {}) }), 'redeem'), hopLabel(hop, 'Redeem')),
      draft(hopTxName(hop, 'Timeout'), 'btc', 'hop-timeout', at(2, hop.index * 2 + 1), unwrap(buildHopTimeout(spend), 'timeout'), hopLabel(hop, 'Timeout')),
    ];
  });
  const [ab, bc, cd] = hops as [Hop, Hop, Hop];
  const name = (hop: Hop, kind: 'HTLC' | 'Redeem' | 'Timeout') => hopTxName(hop, kind);

  const setup: LessonStep[] = [
    step(
      t('A route of three channels', '由三条通道组成的路径'),
      t(
        `Alice wants to pay Dave 0.05 BTC but has no channel with him. She has one with Bob, Bob with Carol, Carol with Dave. Dave makes a secret R and gives Alice only H(R) = ${toHex(hash)}. R and H(R) are like the two halves of a tally: whoever shows R proves the payment arrived. Coins holds what Alice, Bob and Carol start with.`,
        `Alice 想付给 Dave 0.05 BTC，但她和 Dave 之间没有通道。她和 Bob 有，Bob 和 Carol 有，Carol 和 Dave 有。Dave 生成秘密 R，只把 H(R) = ${toHex(hash)} 交给 Alice。R 和 H(R) 就像古代调兵用的一对虎符：谁出示 R，就证明钱已到达。Coins 里是 Alice、Bob 和 Carol 起初各有的钱。`,
      ),
      [],
      on('Coins'),
    ),
    step(
      t('HTLCs from Alice to Dave: 0.052, 0.051, 0.05', '从 Alice 到 Dave 的 HTLC：0.052、0.051、0.05'),
      t(
        'HTLC Alice→Bob locks 0.052 for Bob: his with R within 3 days, else back to Alice. HTLC Bob→Carol locks 0.051 for Carol for 2 days, HTLC Carol→Dave 0.05 for Dave for 1 day. Each timeout is a day shorter than the one before, so whoever learns R downstream still has a day to use it upstream. (Each HTLC is shown as the on-chain contract its channel would enforce.)',
        'HTLC Alice→Bob 为 Bob 锁定 0.052：3 天内出示 R 就归 Bob，否则退回 Alice。HTLC Bob→Carol 为 Carol 锁定 0.051，期限 2 天；HTLC Carol→Dave 为 Dave 锁定 0.05，期限 1 天。每一跳的期限都比上一跳短一天，所以下游得知 R 的人在上游还有一天时间使用它。（每个 HTLC 都以通道在链上所执行的合约形式展示。）',
      ),
      [
        sign(name(ab, 'HTLC'), 'Alice'),
        sign(name(bc, 'HTLC'), 'Bob'),
        sign(name(cd, 'HTLC'), 'Carol'),
        broadcast(name(ab, 'HTLC')),
        broadcast(name(bc, 'HTLC')),
        broadcast(name(cd, 'HTLC')),
        mine('btc', 1),
        expectThat({ status: { [name(ab, 'HTLC')]: 'confirmed', [name(bc, 'HTLC')]: 'confirmed', [name(cd, 'HTLC')]: 'confirmed' } }),
      ],
      on(name(ab, 'HTLC'), name(bc, 'HTLC'), name(cd, 'HTLC')),
    ),
  ];

  const success: LessonStep[] = [
    step(
      t('Dave shows R and takes 0.05', 'Dave 出示 R，拿到 0.05'),
      t(
        'With Redeem Carol→Dave, Dave spends Carol’s HTLC with his signature and R. R is now public, on the chain.',
        'Dave 用 Redeem Carol→Dave 这笔交易，凭自己的签名和 R 花费 Carol 的 HTLC。R 现在公开在链上了。',
      ),
      [sign(name(cd, 'Redeem'), 'Dave'), broadcast(name(cd, 'Redeem')), mine('btc', 1), expectThat({ status: { [name(cd, 'Redeem')]: 'confirmed' } })],
      { nodes: [name(cd, 'Redeem'), name(cd, 'HTLC')], outputs: [[name(cd, 'HTLC'), 0]] },
    ),
    step(
      t('Carol reads R from the chain and takes 0.051', 'Carol 从链上读到 R，拿到 0.051'),
      t(
        'Carol signs Redeem Bob→Carol, her claim on Bob’s HTLC (R is not covered by the signature). She reads R from Dave’s Redeem Carol→Dave, puts it in, and takes 0.051 — 0.001 more than she paid Dave.',
        'Carol 签好 Redeem Bob→Carol，即她对 Bob 的 HTLC 的兑现交易（签名不覆盖 R）。她从 Dave 的 Redeem Carol→Dave 里读出 R 填进去，拿走 0.051——比她付给 Dave 的多 0.001。',
      ),
      [
        sign(name(bc, 'Redeem'), 'Carol'),
        task('extract-secret', { from: name(cd, 'Redeem'), into: name(bc, 'Redeem'), label: 'R', hash: toHex(hash), hashFunction: 'hash160' }),
        broadcast(name(bc, 'Redeem')),
        mine('btc', 1),
        expectThat({ status: { [name(bc, 'Redeem')]: 'confirmed' } }),
      ],
      { nodes: [name(bc, 'Redeem'), name(cd, 'Redeem')], outputs: [[name(bc, 'HTLC'), 0]] },
    ),
    step(
      t('Bob does the same: 0.052', 'Bob 同样操作：拿到 0.052'),
      t(
        'Bob reads R from Carol’s Redeem Bob→Carol and takes Alice’s 0.052 with Redeem Alice→Bob. Alice’s refund, Timeout Alice→Bob, can no longer happen. Every hop kept 0.001; Dave has 0.05; Alice paid 0.052.',
        'Bob 从 Carol 的 Redeem Bob→Carol 里读出 R，用 Redeem Alice→Bob 拿走 Alice 的 0.052。Alice 的退款交易 Timeout Alice→Bob 再也无法上链。每一跳都赚到 0.001；Dave 收到 0.05；Alice 付出 0.052。',
      ),
      [
        sign(name(ab, 'Redeem'), 'Bob'),
        task('extract-secret', { from: name(bc, 'Redeem'), into: name(ab, 'Redeem'), label: 'R', hash: toHex(hash), hashFunction: 'hash160' }),
        broadcast(name(ab, 'Redeem')),
        mine('btc', 1),
        expectThat({
          status: { [name(ab, 'Redeem')]: 'confirmed', [name(ab, 'Timeout')]: 'conflicted' },
          balances: {
            Alice: { btc: about(STARTING_COIN - AMOUNT - 2n * HOP_FEE, TX_FEE) },
            Bob: { btc: about(STARTING_COIN + HOP_FEE, 2n * TX_FEE) },
            Carol: { btc: about(STARTING_COIN + HOP_FEE, 2n * TX_FEE) },
            Dave: { btc: about(AMOUNT, TX_FEE) },
          },
        }),
      ],
      { nodes: [name(ab, 'Redeem'), name(bc, 'Redeem'), name(ab, 'Timeout')], outputs: [[name(ab, 'HTLC'), 0]] },
    ),
  ];

  const timeoutStep = (hop: Hop, day: number, early: Hop | undefined): LessonStep =>
    step(
      t(`After ${day} day${day > 1 ? 's' : ''}: ${hop.payer.name} takes back ${Number(hop.amount) / 1e8}`, `${day} 天后：${hop.payer.name} 收回 ${Number(hop.amount) / 1e8}`),
      t(
        `The clock passes ${hop.payer.name}’s timeout. ${hopLabel(hop, 'Timeout')} (nLockTime = the timeout, checked by OP_CHECKLOCKTIMEVERIFY in the script) is now accepted: ${hop.payer.name} has the ${Number(hop.amount) / 1e8} back.${early ? ` ${hopLabel(early, 'Timeout')} is still a day early and refused.` : ''}`,
        `时间过了 ${hop.payer.name} 的超时时刻。${hopLabel(hop, 'Timeout')}（nLockTime 等于超时时刻，脚本中的 OP_CHECKLOCKTIMEVERIFY 会检查它）现在被接受了：${hop.payer.name} 拿回了 ${Number(hop.amount) / 1e8}。${early ? `${hopLabel(early, 'Timeout')} 还早一天，被拒绝。` : ''}`,
      ),
      [
        advance('btc', DAY),
        mine('btc', MTP_BLOCKS),
        sign(name(hop, 'Timeout'), hop.payer.name),
        broadcast(name(hop, 'Timeout')),
        ...(early ? [sign(name(early, 'Timeout'), early.payer.name), broadcast(name(early, 'Timeout')), expectThat({ rejected: 'non-final' })] : []),
        mine('btc', 1),
        expectThat({ status: { [name(hop, 'Timeout')]: 'confirmed' } }),
      ],
      { nodes: [name(hop, 'Timeout'), ...(early ? [name(early, 'Timeout')] : [])], outputs: [[name(hop, 'HTLC'), 0]] },
    );

  const last = timeoutStep(ab, 3, undefined);
  const failure: LessonStep[] = [
    step(
      t('Dave never reveals R', 'Dave 一直不公开 R'),
      t(
        'Dave keeps R to himself. Nobody can redeem anything, and nobody can take their coins back yet either: Alice’s refund, Timeout Alice→Bob, is locked for 3 days and refused.',
        'Dave 不公开 R。谁也兑现不了，也暂时拿不回自己的钱：Alice 的退款交易 Timeout Alice→Bob 要锁定 3 天，被拒绝。',
      ),
      [sign(name(ab, 'Timeout'), 'Alice'), broadcast(name(ab, 'Timeout')), expectThat({ rejected: 'non-final' })],
      { nodes: [name(ab, 'Timeout')], outputs: [[name(ab, 'HTLC'), 0]] },
    ),
    timeoutStep(cd, 1, bc),
    timeoutStep(bc, 2, ab),
    {
      ...last,
      actions: [
        ...last.actions,
        expectThat({
          status: { [name(cd, 'Redeem')]: 'conflicted', [name(bc, 'Redeem')]: 'conflicted', [name(ab, 'Redeem')]: 'conflicted' },
          balances: {
            Alice: { btc: about(STARTING_COIN, 2n * TX_FEE) },
            Bob: { btc: about(STARTING_COIN, 2n * TX_FEE) },
            Carol: { btc: about(STARTING_COIN, 2n * TX_FEE) },
            Dave: { btc: about(0n, 0n) },
          },
        }),
      ],
    },
  ];

  return { nodes, coinsAt: { btc: at(0, 2) }, paths: { success: [...setup, ...success], 'dave-silent': [...setup, ...failure] } };
}

export const multihop: BuiltinScenario = {
  name: 'multihop',
  title: t('Multi-hop payment: Alice → Bob → Carol → Dave', '多跳支付：Alice → Bob → Carol → Dave'),
  description: t(
    'Alice pays Dave 0.05 BTC through Bob and Carol with chained HTLCs of 0.052, 0.051 and 0.05 and timeouts of 3, 2 and 1 days.',
    'Alice 通过 Bob 和 Carol 付给 Dave 0.05 BTC：串联的 HTLC 分别为 0.052、0.051、0.05，超时分别为 3、2、1 天。',
  ),
  defaultSeed: 3,
  paths: ['success', 'dave-silent'],
  wallets: PEOPLE.map((name) => ({ name, keys: [{ purpose: 'htlc' as const, label: name }] })),
  chains: [{ id: 'btc', era: 'modern', startTime: DEFAULT_START_TIME }],
  grants: (['Alice', 'Bob', 'Carol'] as const).map((name) => ({ id: `${name} coin`, key: name, chain: 'btc' as const, value: STARTING_COIN, wrap: 'p2wpkh' as const })),
  build,
};
