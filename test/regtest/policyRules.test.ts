/**
 * Issue 13's rule classes against litecoind: one generator per class (generators/policyRules.ts),
 * its own varied cases from a seeded RNG, around each boundary and away from it, each judged by
 * the node and by the engine (support/policyJudge.ts). Every verdict and every reason must agree.
 *
 * Where each rule is defined (Bitcoin Core v0.21.0 = 95ea54ba08 and Litecoin Core v0.21.5.5 =
 * d8c8adc0b4, both read from the litecoin mirror, whose history holds Bitcoin Core's):
 *
 * | rule                | Bitcoin Core 0.21                                | Litecoin Core 0.21                                   |
 * |---------------------|--------------------------------------------------|------------------------------------------------------|
 * | hybrid-keys         | pubkey.h:62 (GetLen: 0x06/0x07 are 65 bytes),    | pubkey.h:62, :75; script/standard.cpp:66             |
 * |                     | :75 ValidSize; script/standard.cpp:64            | MatchPayToPubkey, :94 MatchMultisig;                 |
 * |                     | MatchPayToPubkey, :92 MatchMultisig;             | policy/policy.cpp:54 IsStandard                      |
 * |                     | policy/policy.cpp:53 IsStandard                  |                                                      |
 * | sigop-limit         | policy/policy.h:30 MAX_STANDARD_TX_SIGOPS_COST;  | policy/policy.h:30; validation.cpp:749;              |
 * |                     | validation.cpp:725 bad-txns-too-many-sigops;     | consensus/tx_verify.cpp:149                          |
 * |                     | consensus/tx_verify.cpp:138 GetTransactionSigOpCost |                                                   |
 * | sigop-adjusted-size | policy/policy.h:36 DEFAULT_BYTES_PER_SIGOP;      | policy/policy.h:36; policy/policy.cpp:291;           |
 * |                     | policy/policy.cpp:279 GetVirtualTransactionSize; | txmempool.cpp:56; validation.cpp:533                 |
 * |                     | txmempool.cpp:54 GetTxSize; validation.cpp:530   |                                                      |
 * |                     | min relay fee not met                            |                                                      |
 * | maxfeerate          | node/transaction.h:20 DEFAULT_MAX_RAW_TX_FEE_RATE; | node/transaction.h:20; rpc/rawtransaction.cpp:943, |
 * |                     | rpc/rawtransaction.cpp:941 (plain vsize), :960   | :964; node/transaction.cpp:59                        |
 * |                     | max-fee-exceeded; node/transaction.cpp:62        |                                                      |
 * | maxfeerate-argument | rpc/util.cpp:77 AmountFromValue;                 | rpc/util.cpp:77; util/strencodings.cpp:467;          |
 * |                     | util/strencodings.cpp:467 ParseFixedPoint;       | amount.h:25-26 (84,000,000);                         |
 * |                     | amount.h:25-26 MoneyRange (21,000,000);          | rpc/rawtransaction.cpp:858, :940                     |
 * |                     | rpc/rawtransaction.cpp:858, :938                 |                                                      |
 * | ltc-dust            | policy/policy.h:52 DUST_RELAY_TX_FEE = 3000;     | policy/policy.h:52 DUST_RELAY_TX_FEE = 30'000;       |
 * |                     | policy/policy.cpp:14 GetDustThreshold, :126 dust | policy/policy.cpp:15, :133                           |
 * | ltc-replacement     | validation.cpp:625 BIP125 opt-in, :632           | validation.h:80 DEFAULT_ENABLE_REPLACEMENT = false;  |
 * |                     | txn-mempool-conflict                             | validation.cpp:644, :655 txn-mempool-conflict        |
 * | ltc-max-money       | amount.h:25 MAX_MONEY = 21000000 * COIN          | amount.h:25 MAX_MONEY = 84000000 * COIN;             |
 * |                     |                                                  | consensus/tx_check.cpp:31, :34                       |
 * | ltc-mweb-pegin      | none: witness v9 is WITNESS_UNKNOWN,             | script/script.h:33 MWEB_PEGIN_WITNESS_VERSION;       |
 * |                     | script/standard.cpp:142                          | mweb/mweb_node.cpp:266, :275; validation.cpp:585     |
 * | if-empty-stack      | script/interpreter.cpp:635 UNBALANCED_CONDITIONAL | script/interpreter.cpp:635                          |
 * |                     | (script/script_error.cpp:51)                     | (script/script_error.cpp:51)                         |
 * | money-range         | amount.h:26 MoneyRange; consensus/tx_check.cpp:26 | amount.h:26; consensus/tx_check.cpp:29, :31, :34    |
 * |                     | vout-negative, :28 vout-toolarge, :31 txouttotal |                                                      |
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { LocalDaemon } from '../../main/backends/localDaemon';
import { RealChain } from '../../main/backends/realChain';
import { toHex, utf8 } from '../../shared/bitcoin/bytes';
import { sha256 } from '../../shared/bitcoin/hashes';
import { LTC_REGTEST } from '../../shared/chain/profiles';
import { SeededRng } from '../../shared/rng';
import { makeKey } from './generators/keys';
import {
  dustCases,
  fundingOutputs,
  hybridKeyCases,
  hybridSpendSpecs,
  ifCases,
  ifScriptSpecs,
  makeKeySet,
  makePool,
  maxFeeRateArgumentCases,
  maxFeeRateCases,
  maxMoneyCases,
  moneyRangeCases,
  mwebCases,
  type PolicyCase,
  replacementCases,
  RULES,
  sigopAdjustedCases,
  sigopLimitCases,
} from './generators/policyRules';
import { forkHeights, Miner, MOCK_TIME, rpc, startNode } from './support/node';
import { type CaseOutcome, disagreements, formatTable, PolicyJudge, ruleTable } from './support/policyJudge';

const SEED = 13_202_612;
/** Cases per rule; replacement and sendrawtransaction cases each take coins of their own. */
const COUNT = 100;
const REPLACEMENTS = 60;
const SENDS = 30;
/** maxfeerate-argument cases also sent with sendrawtransaction. */
const ARGUMENT_SENDS = 20;
const HYBRID_SPENDS = 40;

describe('issue 13 rule classes: the engine vs litecoind on generated cases', () => {
  let node: LocalDaemon | undefined;
  const outcomes: CaseOutcome[] = [];

  beforeAll(async () => {
    const started = Date.now();
    node = await startNode(['-par=1']);
    await rpc(node, 'setmocktime', [MOCK_TIME], z.null());
    const forks = await forkHeights(node);
    const rng = new SeededRng(SEED);
    const keys = makeKeySet(rng.fork());
    const miner = new Miner(node, makeKey(rng, 'miner'));
    await miner.mineAndCollect(3);
    await miner.mine(101);

    const pool = makePool(rng.fork(), keys, SENDS + ARGUMENT_SENDS + 2 * REPLACEMENTS);
    const ifSpecs = ifScriptSpecs(rng.fork(), COUNT);
    const hybridSpends = hybridSpendSpecs(rng.fork(), HYBRID_SPENDS);
    const coins = [...pool.reusable, ...pool.consumable, ...ifSpecs.map((s) => s.coin)];
    const outpoints = await miner.fund([
      ...fundingOutputs(coins),
      ...hybridSpends.map((s) => ({ scriptPubKey: s.scriptPubKey, amount: s.amount })),
    ]);
    coins.forEach((c, i) => (c.outpoint = outpoints[i]!));
    const hybridSpendCases = hybridSpends.map((spec, i): PolicyCase => {
      const { hex, prevout } = spec.spend(outpoints[coins.length + i]!);
      return { rule: 'hybrid-keys', id: spec.id, hex, scriptBlock: [prevout] };
    });
    await miner.mine(1);

    const connected = await RealChain.connect({
      profile: LTC_REGTEST,
      rpc: node.rpc,
      startTime: MOCK_TIME,
      name: 'litecoind',
      local: true,
    });
    if (!connected.ok) throw new Error(`the shadow chain: ${connected.error.message}`);
    const judge = new PolicyJudge(node, connected.value, miner, forks);

    // Test-only cases first (they spend the shared coins), then the ones that mine or broadcast.
    const testOnly: PolicyCase[] = [
      ...hybridKeyCases(rng.fork(), pool, keys, COUNT),
      ...sigopLimitCases(rng.fork(), pool, keys, COUNT),
      ...sigopAdjustedCases(rng.fork(), pool, keys, COUNT),
      ...maxFeeRateCases(rng.fork(), pool, keys, COUNT, SENDS),
      // Before the rules whose blocks spend some of the shared coins.
      ...maxFeeRateArgumentCases(rng.fork(), pool, keys, COUNT, ARGUMENT_SENDS),
      ...dustCases(rng.fork(), pool, keys, COUNT),
      ...maxMoneyCases(rng.fork(), pool, keys, COUNT),
      ...mwebCases(rng.fork(), pool, keys, COUNT),
      ...moneyRangeCases(rng.fork(), pool, keys, COUNT),
    ];
    const later = [
      ...hybridSpendCases,
      ...ifCases(rng.fork(), ifSpecs),
      ...replacementCases(rng.fork(), pool, REPLACEMENTS),
    ];
    const ordered = [...testOnly.filter((c) => !c.send), ...testOnly.filter((c) => c.send), ...later];
    for (const c of ordered) outcomes.push(await judge.judge(c));

    // The same seed gives the same transactions: the digest shows it across runs.
    const digest = toHex(sha256(utf8(outcomes.map((o) => o.hex).join(',')))).slice(0, 16);
    console.log(
      `${formatTable(ruleTable(RULES, outcomes))}\npolicy rules: ${outcomes.length} cases, transactions digest ${digest}, ${((Date.now() - started) / 1000).toFixed(1)} s`,
    );
  });

  // Not chain.close(): it would close the node's RPC client, which stop() still needs.
  afterAll(async () => {
    await node?.stop();
  });

  it('compares at least 50 cases of every rule', () => {
    for (const row of ruleTable(RULES, outcomes)) expect(row.cases, row.rule).toBeGreaterThanOrEqual(50);
  });

  it('lands on both sides of every rule: at least two verdicts from the node, one of them a refusal', () => {
    for (const row of ruleTable(RULES, outcomes)) {
      expect(row.verdicts.size, row.rule).toBeGreaterThanOrEqual(2);
      expect(row.cases - (row.verdicts.get('allowed') ?? 0), row.rule).toBeGreaterThan(0);
    }
  });

  it('hits the boundaries exactly, and the node puts each side where the rule says', () => {
    const verdicts = (rule: string, idPart: RegExp) =>
      outcomes.filter((o) => o.rule === rule && idPart.test(o.id)).map((o) => o.nodePolicy);
    // Sigop cost 16,000 is allowed, 16,001 is not (validation.cpp: nSigOpsCost > MAX_STANDARD_TX_SIGOPS_COST).
    const at = verdicts('sigop-limit', /cost 16000 /);
    const over = verdicts('sigop-limit', /cost 16001 /);
    expect(at.length).toBeGreaterThan(0);
    expect(over.length).toBeGreaterThan(0);
    expect(new Set(at)).toEqual(new Set(['allowed']));
    expect(new Set(over)).toEqual(new Set(['bad-txns-too-many-sigops']));
    // A fee of exactly the sigop-adjusted size passes; one satoshi less does not.
    const fee = verdicts('sigop-adjusted-size', /\(at\)/);
    const under = verdicts('sigop-adjusted-size', /\(under\)/);
    expect(fee.length).toBeGreaterThan(0);
    expect(under.length).toBeGreaterThan(0);
    expect(new Set(fee)).toEqual(new Set(['allowed']));
    expect(new Set(under)).toEqual(new Set(['min relay fee not met']));
    // The largest fee maxfeerate allows is never max-fee-exceeded; one satoshi more always is, when it passes otherwise.
    expect(verdicts('maxfeerate', /\(max\)/)).not.toContain('max-fee-exceeded');
    const overMax = verdicts('maxfeerate', /\(max\+1\) at maxfeerate (?!0\.00000000)/);
    expect(overMax.length).toBeGreaterThan(0);
    expect(overMax.filter((v) => v !== 'max-fee-exceeded' && v !== 'min relay fee not met')).toEqual([]);
  });

  it('reads maxfeerate as AmountFromValue: MAX_MONEY in range, one satoshi more or less than 0 out of it, a ninth decimal invalid', () => {
    const verdicts = (value: unknown) =>
      new Set(
        outcomes
          .filter((o) => o.rule === 'maxfeerate-argument' && o.id.includes(` maxfeerate ${JSON.stringify(value)} (`))
          .map((o) => o.nodePolicy),
      );
    const outOfRange = new Set(['error -3: Amount out of range']);
    const invalid = new Set(['error -3: Invalid amount']);
    for (const v of ['84000000', 84_000_000, '0.00000001', 0, '0.100000000']) {
      const read = [...verdicts(v)];
      expect(read.length, String(v)).toBeGreaterThan(0);
      expect(
        read.filter((x) => x.startsWith('error')),
        String(v),
      ).toEqual([]);
    }
    for (const v of ['84000000.00000001', 84_000_000.00000001, -0.00000001, '-1'])
      expect(verdicts(v), String(v)).toEqual(outOfRange);
    for (const v of ['0.000000001', 1e-9, '0.123456789', '1e10']) expect(verdicts(v), String(v)).toEqual(invalid);
  });

  it('the engine and the node agree on every verdict and reason', () => {
    expect(disagreements(outcomes)).toEqual([]);
  });
});
