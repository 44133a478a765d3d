/**
 * Built-in lessons played the way `txlab run` plays them — its own headless runner and report —
 * on the simulator or on real regtest nodes, with the figures a comparison needs: the fees each
 * chain's miners collected and the transactions handed to the real nodes.
 */
import { RealChain } from '../../../main/backends/realChain';
import { findDaemonBinary } from '../../../main/backends/localDaemon';
import { type BackendOption, parseBackendOption } from '../../../main/cli/flags';
import { openScenario } from '../../../main/cli/headless';
import { playLesson, type RunReport } from '../../../main/cli/run';
import type { Workbench } from '../../../main/host/workbench';
import { blockSubsidy } from '../../../shared/chain/profiles';

export interface LessonRun {
  readonly report: RunReport;
  /** Per chain: fees in the blocks (coinbase value over the subsidy) and in the mempool, in satoshis. */
  readonly fees: Readonly<Record<string, bigint>>;
  readonly heights: Readonly<Record<string, number>>;
  /** sendrawtransaction calls on the real nodes that played the lesson (history replay + steps). */
  readonly broadcasts: { readonly sent: number; readonly accepted: number };
  readonly ms: number;
}

/**
 * `--backend local-litecoind` (or every chain on TXLAB_REGTEST_DAEMON when set). Throws — the
 * suite must fail, never skip — when litecoind is not installed.
 */
export async function litecoindBackend(): Promise<{ option: BackendOption; daemonPath?: string }> {
  const binary = process.env['TXLAB_REGTEST_DAEMON'];
  if (binary) return { option: { every: { kind: 'local' }, chains: {} }, daemonPath: binary };
  const found = await findDaemonBinary(undefined, 'litecoind');
  if (!found.ok || found.value.kind !== 'litecoind') {
    throw new Error(
      'the regtest suite plays the lessons on litecoind, which is not on PATH: apt-get update && apt-get install -y litecoind',
    );
  }
  return { option: parseBackendOption('local-litecoind', {})! };
}

function chainFigures(bench: Workbench): Pick<LessonRun, 'fees' | 'heights' | 'broadcasts'> {
  const fees: Record<string, bigint> = {};
  const heights: Record<string, number> = {};
  let sent = 0;
  let accepted = 0;
  for (const [id, chain] of bench.chains.chains) {
    const node = chain.primary;
    let total = 0n;
    for (let h = 1; h <= node.height; h++) {
      const coinbase = node.blockAt(h)!.block.txs[0]!.tx;
      total += coinbase.outs.reduce((s, o) => s + o.value, 0n) - blockSubsidy(node.profile, h);
    }
    for (const entry of node.mempool.all()) total += entry.fee;
    fees[id] = total;
    heights[id] = node.height;
    if (chain instanceof RealChain) {
      sent += chain.broadcasts.sent;
      accepted += chain.broadcasts.accepted;
    }
  }
  return { fees, heights, broadcasts: { sent, accepted } };
}

/** Opens a built-in path as `txlab run` does, plays it to the end, and stops any daemons. */
export type RegtestBackend = Awaited<ReturnType<typeof litecoindBackend>>;

export async function runLesson(name: string, path: string | undefined, backend?: RegtestBackend): Promise<LessonRun> {
  const start = performance.now();
  const opened = await openScenario(name, path, undefined, backend?.option, backend?.daemonPath);
  try {
    const report = await playLesson(opened);
    return { report, ...chainFigures(opened.bench), ms: performance.now() - start };
  } finally {
    await opened.bench.chains.close();
  }
}
