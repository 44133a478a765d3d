/**
 * One differential phase on a running node: generate the cases for the chain as it is, fund them
 * (one output per case, mined and buried deep enough for the CSV locks), then for each spend ask
 * both sides twice: policy (engine with the node's policy flags vs testmempoolaccept) and consensus
 * (engine with the block's flags at its height vs generateblock with that one transaction).
 */
import { z } from 'zod';
import type { LocalDaemon } from '../../../main/backends/localDaemon';
import { toHex, utf8 } from '../../../shared/bitcoin/bytes';
import { sha256 } from '../../../shared/bitcoin/hashes';
import { type BuiltSpend, buildSpend, type CaseSpec, generateCases, type Outpoint } from '../generators/cases';
import type { TestKey } from '../generators/keys';
import { p2wpkhScript } from '../generators/spend';
import { chainView, type Miner, rpc, testMempoolAccept } from './node';
import {
  compare,
  type Comparison,
  consensusFlagsAt,
  ENGINE_POLICY_FLAGS,
  engineVerdict,
  type ForkHeights,
  nodeVerdict,
  type NodeVerdict,
} from './verdicts';

export interface CaseResult {
  readonly id: string;
  readonly mutation: string;
  /** Height of the block generateblock tried to make. */
  readonly blockHeight: number;
  readonly hex: string;
  readonly policy: Comparison;
  readonly consensus: Comparison;
  readonly nodePolicy: NodeVerdict;
  readonly nodeBlock: NodeVerdict;
}

export interface PhaseResult {
  readonly name: string;
  readonly firstBlockHeight: number;
  readonly lastBlockHeight: number;
  readonly results: readonly CaseResult[];
}

export interface PhaseSetup {
  readonly node: LocalDaemon;
  readonly miner: Miner;
  readonly forks: ForkHeights;
  readonly sink: TestKey;
  readonly seed: number;
  readonly name: string;
  /** Keeps some of the cases (all by default). */
  readonly keep?: (spec: CaseSpec, index: number) => boolean;
}

/** The largest CSV delays the generator uses: 10 blocks, 8 × 512 s. */
const BURY_BLOCKS = 12;
const CLOCK_STEP_SECONDS = 20_000;

export async function runPhase(setup: PhaseSetup): Promise<PhaseResult> {
  const { node, miner, forks, sink, keep = () => true } = setup;
  const chain = await chainView(node);
  const cases = generateCases(setup.seed, chain).filter(keep);

  // One funding output per case input, then one per helper input.
  const outputs = cases.flatMap((c) => [
    { scriptPubKey: c.locking.scriptPubKey, amount: c.amount },
    ...(c.helper ? [{ scriptPubKey: p2wpkhScript(c.helper.key.publicKey), amount: c.helper.amount }] : []),
  ]);
  const outpoints = await miner.fund(outputs);
  await miner.mine(1);
  // Move the clock so time-based relative locks (BIP68/CSV) are satisfied, and bury for height-based ones.
  await rpc(node, 'setmocktime', [chain.medianTime + CLOCK_STEP_SECONDS], z.null());
  await miner.mine(BURY_BLOCKS);

  let next = 0;
  const funding = cases.map((c) => {
    const own: Outpoint = outpoints[next++]!;
    return c.helper ? { case: own, helper: outpoints[next++]! } : { case: own };
  });

  let tip = (await chainView(node)).height;
  const firstBlockHeight = tip + 1;
  const results: CaseResult[] = [];
  for (const [i, spec] of cases.entries()) {
    const built: BuiltSpend = buildSpend(spec, chain, funding[i]!, sink);
    const hex = built.tx.toHex();

    const engineP = engineVerdict(built.tx, built.prevouts, ENGINE_POLICY_FLAGS);
    const mempool = await testMempoolAccept(node, hex);
    const nodePolicy = nodeVerdict(mempool.allowed, mempool.reason);

    const blockHeight = tip + 1;
    const engineC = engineVerdict(built.tx, built.prevouts, consensusFlagsAt(blockHeight, forks));
    const block = await miner.generateBlock([hex]);
    if (block.ok) tip++;
    else if (block.error.code !== 'REJECTED') throw new Error(`generateblock: ${block.error.message}`);
    const nodeBlock = block.ok
      ? nodeVerdict(true, undefined)
      : nodeVerdict(false, blockReason(block.error.detail ?? ''));

    results.push({
      id: spec.id,
      mutation: spec.mutation.name,
      blockHeight,
      hex,
      policy: compare(engineP, nodePolicy),
      consensus: compare(engineC, nodeBlock),
      nodePolicy,
      nodeBlock,
    });
  }
  return { name: setup.name, firstBlockHeight, lastBlockHeight: tip + 1, results };
}

/** "TestBlockValidity failed: <reject reason>[, <debug message>]" → the reject reason. */
function blockReason(message: string): string {
  return message.replace(/^TestBlockValidity failed: /, '');
}

export function disagreementReport(phase: PhaseResult, which: 'policy' | 'consensus'): string[] {
  return phase.results
    .filter((r) => !r[which].verdictAgrees || r[which].reasonAgrees === false)
    .map(
      (r) =>
        `[${phase.name}/${which}] ${r.id} @${r.blockHeight}\n  engine: ${r[which].engine}\n  node:   ${r[which].node}\n  tx: ${r.hex}`,
    );
}

export function summary(phase: PhaseResult): string {
  const count = (which: 'policy' | 'consensus') => {
    const rs = phase.results.map((r) => r[which]);
    const withReason = rs.filter((c) => c.reasonAgrees !== undefined);
    return (
      `${which}: ${rs.filter((c) => c.verdictAgrees).length}/${rs.length} verdicts agree, ` +
      `${withReason.filter((c) => c.reasonAgrees).length}/${withReason.length} reasons agree ` +
      `(${rs.filter((c) => c.node === 'accepted').length} accepted by the node)`
    );
  };
  // The same seed and mock time give the same transactions: the digest shows it across runs.
  const digest = toHex(sha256(utf8(phase.results.map((r) => r.hex).join(',')))).slice(0, 16);
  return (
    `${phase.name} (blocks ${phase.firstBlockHeight}–${phase.lastBlockHeight}, transactions digest ${digest}): ` +
    `${phase.results.length} transactions; ${count('policy')}; ${count('consensus')}`
  );
}
