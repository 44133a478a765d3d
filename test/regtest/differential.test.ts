/**
 * The engine against a real node on generated spends of every script type, valid and mutated.
 * Two phases: below the BIP66/BIP65 activation heights (litecoind regtest: 1251/1351) and above
 * them. In each, every transaction is judged twice: by policy (testmempoolaccept) and by consensus
 * (generateblock with that transaction alone). Every verdict must agree; reasons are compared too.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { LocalDaemon } from '../../main/backends/localDaemon';
import { SeededRng } from '../../shared/rng';
import { makeKey } from './generators/keys';
import { disagreementReport, type PhaseResult, runPhase, summary } from './support/differential';
import { chainView, forkHeights, Miner, MOCK_TIME, rpc, startNode } from './support/node';

const SEED = 20_240_611;

describe('engine vs the regtest node: script verdicts', () => {
  let node: LocalDaemon | undefined;
  const phases: PhaseResult[] = [];
  let forks = { segwit: 0, bip66: 0, bip65: 0, csv: 0, taproot: 0 };

  beforeAll(async () => {
    const started = Date.now();
    // -par=1: no parallel script checks, so a failing block names the script error
    // ("block-validation-failed" otherwise).
    node = await startNode(['-par=1']);
    await rpc(node, 'setmocktime', [MOCK_TIME], z.null());
    forks = await forkHeights(node);
    const rng = new SeededRng(SEED);
    const miner = new Miner(node, makeKey(rng, 'miner'));
    const sink = makeKey(rng, 'sink');
    // Coinbases at heights 1–30 fund the cases; 101 blocks make them spendable.
    await miner.mineAndCollect(30);
    await miner.mine(101);
    phases.push(await runPhase({ node, miner, forks, sink, seed: rng.nextU32(), name: 'before BIP66/BIP65' }));
    const { height } = await chainView(node);
    if (height >= forks.bip66)
      throw new Error(
        `phase 1 ran past the BIP66 height (${height} ≥ ${forks.bip66}): fewer cases or an earlier start`,
      );
    await miner.mine(forks.bip65 + 10 - height);
    phases.push(await runPhase({ node, miner, forks, sink, seed: rng.nextU32(), name: 'after BIP66/BIP65' }));
    for (const phase of phases) console.log(summary(phase));
    console.log(`differential suite: ${((Date.now() - started) / 1000).toFixed(1)} s`);
  });

  afterAll(async () => {
    await node?.stop();
  });

  const all = () => phases.flatMap((p) => p.results);

  it('compares at least 200 transactions in each phase, across every mutation', () => {
    expect(phases).toHaveLength(2);
    for (const phase of phases) expect(phase.results.length).toBeGreaterThanOrEqual(200);
    expect(new Set(all().map((r) => r.mutation)).size).toBeGreaterThanOrEqual(25);
  });

  it('the node accepts every unmutated spend (the generator builds valid transactions)', () => {
    const rejected = all().filter(
      (r) => r.mutation === 'none' && (r.nodePolicy.kind !== 'accepted' || r.nodeBlock.kind !== 'accepted'),
    );
    expect(rejected.map((r) => `${r.id}: ${r.policy.node} / ${r.consensus.node}`)).toEqual([]);
  });

  it('every rejection is about scripts (the transactions are otherwise standard)', () => {
    const other = all().filter((r) => r.nodePolicy.kind === 'other' || r.nodeBlock.kind === 'other');
    expect(other.map((r) => `${r.id}: ${r.policy.node} / ${r.consensus.node}\n  ${r.hex}`)).toEqual([]);
  });

  it('mutations are rejected often enough for the comparison to mean something', () => {
    const mutated = all().filter((r) => r.mutation !== 'none');
    const rejectedByPolicy = mutated.filter((r) => r.nodePolicy.kind !== 'accepted').length;
    const acceptedInBlocks = mutated.filter((r) => r.nodeBlock.kind === 'accepted').length;
    expect(rejectedByPolicy).toBeGreaterThan(mutated.length * 0.8);
    // Some malleations are consensus-valid (high S; lax DER before BIP66): blocks take them.
    expect(acceptedInBlocks).toBeGreaterThan(0);
  });

  it('the engine and the node agree on every policy verdict', () => {
    expect(phases.flatMap((p) => disagreementReport(p, 'policy'))).toEqual([]);
  });

  it('the engine and the node agree on every consensus verdict', () => {
    expect(phases.flatMap((p) => disagreementReport(p, 'consensus'))).toEqual([]);
  });
});
