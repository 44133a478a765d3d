/**
 * Scenario figures (issue 2, part 5): how long each built-in lesson takes to play headlessly,
 * how many channel updates a second one RSMC channel does (bench/channel.ts; issue 11 §4), and,
 * for comparison, the on-chain rate the 2014 throughput simulation reaches with full 1 MB blocks.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BuiltinCatalog } from '../main/host/catalog';
import { nodePlatform } from '../main/host/backends';
import { createHandlers } from '../main/host/handlers';
import { gotoLessonPosition } from '../main/host/lesson';
import { simulateThroughput } from '../shared/lessons/throughputFinality/throughput';
import { MemoryWalletProvider } from '../main/host/walletProviders';
import { Workbench } from '../main/host/workbench';
import { Keystore } from '../main/keystore/keystore';
import { BUILTINS } from '../shared/lessons';
import { channelUpdates, rawSignaturesPerSecond, SIGNATURES_PER_UPDATE } from './channel';
import { type BenchModule, type BenchResult, round, timeMsAsync } from './harness';

const catalog = new BuiltinCatalog();

async function scenarioRunMs(name: string): Promise<number> {
  const bench = await Workbench.open({
    wallets: new MemoryWalletProvider(),
    mode: 'headless',
    version: 'bench',
    seed: 1,
    catalog,
    backends: nodePlatform(),
  });
  const handlers = createHandlers(bench);
  return timeMsAsync(async () => {
    const r = await handlers['scenario.load']({ name });
    if (!r.ok) throw new Error(`${name}: ${r.error.message}`);
    const steps = bench.doc.lesson!.paths[bench.doc.lesson!.path]!.length;
    const played = await gotoLessonPosition(bench, handlers, steps);
    if (!played.ok) throw new Error(`${name}: ${played.error.message}`);
  });
}

/**
 * Channel updates a second through an in-memory keystore (after a warm-up channel, so the figure
 * is the steady rate of a running app), and how its signing compares with signing the same
 * digests directly: the share of a channel's signing rate left after its bookkeeping.
 */
async function channelFigures(): Promise<BenchResult[]> {
  // As long as the measured channel: after only 100 updates the rate was still climbing (code being
  // optimised, the young generation growing) for about a thousand more, so the figure was mostly warm-up.
  await channelUpdates(Keystore.inMemory(), 1000);
  const run = await channelUpdates(Keystore.inMemory(), 1000);
  rawSignaturesPerSecond(run.digests.slice(0, 400));
  const raw = rawSignaturesPerSecond(run.digests);
  const dir = await mkdtemp(join(tmpdir(), 'txlab-bench-keystore-'));
  try {
    const opened = await Keystore.open({ dir });
    if (!opened.ok) throw new Error(opened.error.message);
    const persistent = await channelUpdates(opened.value, 100);
    return [
      {
        key: 'channel_updates_per_s',
        value: round(run.updatesPerSecond, 1),
        unit: 'updates/s',
        target: '≥ 1,000 through the keystore',
      },
      {
        key: 'channel_sign_ratio',
        value: round((SIGNATURES_PER_UPDATE * run.updatesPerSecond) / raw, 3),
        unit: '×',
        target: '≥ 0.4 of raw signDigest',
      },
      { key: 'raw_signs_per_s', value: round(raw, 0), unit: 'sigs/s', target: 'signDigestWith alone' },
      {
        key: 'channel_updates_per_s_persistent',
        value: round(persistent.updatesPerSecond, 1),
        unit: 'updates/s',
        target: 'file keystore, each change on disk',
      },
    ];
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

export const scenariosBench: BenchModule = {
  name: 'scenarios (built-in lessons, channel updates vs on-chain throughput)',
  async run(): Promise<BenchResult[]> {
    const rows: BenchResult[] = [];
    rows.push(...(await channelFigures()));
    const sim = simulateThroughput(1, { arrivalTps: 1, blocks: 1, backlog: 4_600, feeRates: [1, 5, 20] });
    rows.push({
      key: 'onchain_tps_simulated',
      value: round(Math.max(...sim.blocks.map((b) => b.txs)) / 600, 2),
      unit: 'tx/s',
      target: '≈ 7 (1 MB blocks)',
    });
    for (const b of BUILTINS)
      rows.push({
        key: `scenario_run_ms.${b.name}`,
        value: round(await scenarioRunMs(b.name), 0),
        unit: 'ms',
        target: b.name === 'throughput-finality' ? 'longer' : 'a few seconds',
      });
    return rows;
  },
};
