/**
 * Taproot against litecoind (Litecoin Core 0.21: Taproot active from height 0 on regtest): the
 * spends of generators/taproot.ts, each on its own P2TR coin, judged by the node and by the
 * engine's shadow chain (support/policyJudge.ts): testmempoolaccept's verdict and reason must be
 * the same string, and generateblock's consensus verdict must match the engine's script check.
 *
 * Where the rules are (Litecoin Core v0.21.5.5 = d8c8adc0b4): policy/policy.cpp:207 IsWitnessStandard
 * (annex, tapscript items over MAX_STANDARD_TAPSCRIPT_STACK_ITEM_SIZE = 80, policy.h:44);
 * policy/policy.h:58-77 STANDARD_SCRIPT_VERIFY_FLAGS with the DISCOURAGE_* Taproot flags;
 * policy/policy.cpp:15 GetDustThreshold; script/interpreter.cpp VerifyWitnessProgram and the
 * tapscript rules; script/standard.h:121 MANDATORY_SCRIPT_VERIFY_FLAGS = P2SH (every Taproot
 * failure is "non-mandatory-script-verify-flag" on this node).
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
import { p2wpkhScript } from './generators/spend';
import { dustSpecs, keyPathSpecs, scriptPathSpecs, TAPROOT_RULES, VALID_HASH_TYPES } from './generators/taproot';
import { forkHeights, Miner, MOCK_TIME, rpc, startNode } from './support/node';
import { type CaseOutcome, disagreements, formatTable, PolicyJudge, ruleTable } from './support/policyJudge';

const SEED = 15_202_612;
/** Cases of each kind (5 key-path kinds, 10 script-path kinds): 7 signs once with each hash type. */
const COUNT = 7;
const DUST = 12;

describe('Taproot: the engine vs litecoind on generated spends', () => {
  let node: LocalDaemon | undefined;
  const outcomes: CaseOutcome[] = [];

  beforeAll(async () => {
    const started = Date.now();
    node = await startNode(['-par=1']);
    await rpc(node, 'setmocktime', [MOCK_TIME], z.null());
    const forks = await forkHeights(node);
    expect(forks.taproot).toBe(0);
    const rng = new SeededRng(SEED);
    const miner = new Miner(node, makeKey(rng, 'miner'));
    await miner.mineAndCollect(1);
    await miner.mine(101);

    const pay = p2wpkhScript(makeKey(rng, 'payee').publicKey);
    const specs = [
      ...keyPathSpecs(rng.fork(), pay, COUNT),
      ...scriptPathSpecs(rng.fork(), pay, COUNT),
      ...dustSpecs(rng.fork(), pay, DUST),
    ];
    const outpoints = await miner.fund(specs.map((s) => ({ scriptPubKey: s.scriptPubKey, amount: s.amount })));
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
    for (const [i, s] of specs.entries()) outcomes.push(await judge.judge(s.spend(outpoints[i]!)));

    const digest = toHex(sha256(utf8(outcomes.map((o) => o.hex).join(',')))).slice(0, 16);
    console.log(
      `${formatTable(ruleTable(TAPROOT_RULES, outcomes))}\ntaproot: ${outcomes.length} cases, transactions digest ${digest}, ${((Date.now() - started) / 1000).toFixed(1)} s`,
    );
  });

  afterAll(async () => {
    await node?.stop();
  });

  it('agrees on every verdict and reason, in the mempool and in a block', () => {
    expect(disagreements(outcomes)).toEqual([]);
    for (const o of outcomes) expect(o.checks.map((c) => c.what)).toContain('generateblock (scripts)');
  });

  it('gets from the node every Taproot refusal the rules name, and acceptances', () => {
    const reasons = new Set(outcomes.map((o) => o.nodePolicy));
    const script = (text: string) => `non-mandatory-script-verify-flag (${text})`;
    for (const expected of [
      'allowed',
      'bad-witness-nonstandard',
      'dust',
      script('Invalid Schnorr signature'),
      script('Invalid Schnorr signature hash type'),
      script('Invalid Schnorr signature size'),
      script('OP_SUCCESSx reserved for soft-fork upgrades'),
      script('Taproot version reserved for soft-fork upgrades'),
      script('Public key version reserved for soft-fork upgrades'),
      script('Witness program hash mismatch'),
      script('Invalid Taproot control block size'),
      script('OP_IF/NOTIF argument must be minimal in tapscript'),
    ])
      expect(reasons, expected).toContain(expected);
  });

  it('compares every kind on both sides of its rule where it has two', () => {
    const byKind = (part: RegExp) => new Set(outcomes.filter((o) => part.test(o.id)).map((o) => o.nodePolicy));
    expect(byKind(/ stack-item-size: /)).toEqual(new Set(['allowed', 'bad-witness-nonstandard']));
    expect(byKind(/^taproot-dust /)).toEqual(new Set(['allowed', 'dust']));
    expect(byKind(/ (valid( \(with a tree\))?|checksig|checksigadd): /)).toEqual(new Set(['allowed']));
  });

  it('accepts a key-path and a script-path signature of every hash type', () => {
    for (const hashType of VALID_HASH_TYPES) {
      const accepted = outcomes.filter((o) => o.id.endsWith(`: hash type ${hashType}`) && o.nodePolicy === 'allowed');
      expect(new Set(accepted.map((o) => o.rule)), `hash type ${hashType}`).toEqual(
        new Set(['taproot-key-path', 'taproot-script-path']),
      );
    }
  });
});
