/**
 * Every built-in lesson's happy path — then its other paths — on real litecoind nodes (one daemon
 * per chain; the swap uses two), played by `txlab run`'s own headless runner, against the same
 * path on the simulator: the same statuses for every graph node after every step, the same
 * heights, and the same final balances — exactly when the fees are equal, else within their
 * difference. The Bitcoin chain is played on litecoind, which shares Bitcoin Core 0.21's
 * interpreter, policy and issuance (main/backends/realChain.ts). Lessons and paths that need the
 * simulator are listed with the reason, and the host must refuse them for it: none is dropped
 * quietly. Then `txlab run --backend` itself: a local daemon, a node at a URL, a refused file.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { coinOfGenesis, RealChain, shadowProfile } from '../../main/backends/realChain';
import type { RpcClient } from '../../main/backends/rpcClient';
import { realNodeObstacle } from '../../main/host/backendChoice';
import { BTC_REGTEST, LTC_REGTEST } from '../../shared/chain/profiles';
import { ok } from '../../shared/contract/result';
import { BUILTINS } from '../../shared/lessons';
import { txlab } from '../unit/cli/run';
import { type LessonRun, litecoindBackend, type RegtestBackend, runLesson } from './support/lessons';
import { startNode } from './support/node';

/** Lessons that only the simulator can play, and why (checked against the host's own rule below). */
const NEEDS_SIMULATOR: Readonly<Record<string, string>> = {
  'p2pkh-basics': 'its chain is set to the 2014 era',
  'malleability-mtgox': 'the 2014 era, and a simulated network of nodes racing the malleated copy',
  'throughput-finality': 'the 2014 era (1 MB blocks), and a simulated network of miners for forks',
};

const playable = BUILTINS.filter((b) => !(b.name in NEEDS_SIMULATOR));
let backend: RegtestBackend;
const compared: {
  name: string;
  path: string;
  kind: 'happy' | 'other';
  real: LessonRun;
  sim: LessonRun;
  exact: boolean;
}[] = [];
const started = performance.now();

beforeAll(async () => {
  backend = await litecoindBackend();
});

afterAll(() => {
  const happy = compared.filter((c) => c.kind === 'happy');
  const sent = compared.reduce((s, c) => s + c.real.broadcasts.sent, 0);
  const accepted = compared.reduce((s, c) => s + c.real.broadcasts.accepted, 0);
  const lines = [
    `real nodes vs simulator: ${happy.length} of ${BUILTINS.length} built-in lessons compared on their happy path, plus ${compared.length - happy.length} other paths; ${Object.keys(NEEDS_SIMULATOR).length} lessons not applicable:`,
    ...Object.entries(NEEDS_SIMULATOR).map(([name, why]) => `  ${name}: ${why}`),
    ...Object.entries(OTHER_PATHS_NEED_SIMULATOR).map(([path, why]) => `  path ${path}: ${why}`),
    `transactions broadcast on the real nodes of the compared runs (history replay + lesson steps): ${sent}, ${accepted} accepted, ${sent - accepted} refused as the lessons expect`,
    ...compared.map(
      (c) =>
        `  ${c.name}/${c.path}: ${c.real.broadcasts.sent} sent, balances ${c.exact ? 'equal to the satoshi (same fees)' : 'within the fee difference'}, real ${Math.round(c.real.ms)} ms, simulated ${Math.round(c.sim.ms)} ms`,
    ),
    `total ${Math.round((performance.now() - started) / 1000)} s`,
  ];
  console.log(lines.join('\n'));
});

describe('which coin a node runs', () => {
  it('is told by its genesis block; the shadow chain takes that genesis and rules, and keeps the rest of the profile', () => {
    // The regtest genesis hashes Bitcoin Core and Litecoin Core report for getblockhash 0.
    expect(coinOfGenesis('0f9188f13cb7b2c71f2a335e3a4fc328bf5beb436012afca590b1a11466e2206')).toBe('btc');
    expect(coinOfGenesis('530827f38f93b43ed12af0b3ad25a288dc02ed74d6d7857862df51fc56c416f9')).toBe('ltc');
    const shadow = shadowProfile(BTC_REGTEST, 'ltc');
    expect(shadow.genesis).toEqual(LTC_REGTEST.genesis);
    expect(shadow.rules).toEqual(LTC_REGTEST.rules);
    expect({ ...shadow, genesis: undefined, rules: undefined }).toEqual({
      ...BTC_REGTEST,
      genesis: undefined,
      rules: undefined,
    });
    expect(shadowProfile(LTC_REGTEST, 'ltc')).toBe(LTC_REGTEST);
  });

  it('refuses a node whose genesis is neither regtest’s, as BACKEND_UNAVAILABLE', async () => {
    const mainnet: RpcClient = {
      url: 'http://127.0.0.1:8332/',
      call: <T>(method: string, _params: readonly unknown[], schema: z.ZodType<T>) =>
        Promise.resolve(
          method === 'getblockhash'
            ? ok(schema.parse('000000000019d6689c085ae165831e934ff763ae46a2a6c172b3f1b60a8ce26f'))
            : ok(schema.parse(0)),
        ),
      close: () => undefined,
    };
    const connected = await RealChain.connect({
      profile: BTC_REGTEST,
      rpc: mainnet,
      startTime: 1_767_225_600,
      name: 'mainnet',
    });
    expect(connected.ok ? 'connected' : connected.error.code).toBe('BACKEND_UNAVAILABLE');
  });
});

describe('lessons that need the simulator', () => {
  it('are exactly those the host refuses to put on a real node, each for its reason', () => {
    const refused = BUILTINS.filter((b) => b.chains.some((c) => realNodeObstacle(c) !== undefined)).map((b) => b.name);
    expect(refused.sort()).toEqual(Object.keys(NEEDS_SIMULATOR).sort());
    expect(playable.length + refused.length).toBe(BUILTINS.length);
    // `txlab run` refuses them with one line naming the reason (test/unit/cli/backendOption.test.ts).
  });
});

/** Plays a path on the simulator and on litecoind, and asserts they agree. */
async function compare(name: string, path: string, kind: 'happy' | 'other'): Promise<void> {
  const sim = await runLesson(name, path);
  const real = await runLesson(name, path, backend);
  const exact = Object.keys(sim.fees).every((chain) => real.fees[chain] === sim.fees[chain]);
  compared.push({ name, path, kind, real, sim, exact });
  const failed = real.report.steps.find((s) => !s.ok);
  expect(failed?.error?.message ?? 'every step passed', `${name}/${path} on the real node`).toBe('every step passed');
  expect(sim.report.ok).toBe(true);

  for (const [chain, b] of Object.entries(real.report.backends)) {
    expect(b.kind, `${chain} played on a real node`).toBe('real');
    if (!process.env['TXLAB_REGTEST_DAEMON'])
      expect(b.name).toBe(chain === 'btc' ? 'litecoind playing Bitcoin regtest (local)' : 'litecoind (local)');
  }
  expect(real.broadcasts.accepted).toBeGreaterThan(0);

  // Statuses of every graph node after every step, confirmations included.
  expect(real.report.steps.map((s) => s.statuses)).toEqual(sim.report.steps.map((s) => s.statuses));
  expect(real.heights).toEqual(sim.heights);

  for (const chain of Object.keys(sim.fees)) {
    const feeDiff = real.fees[chain]! - sim.fees[chain]!;
    const tolerance = feeDiff < 0n ? -feeDiff : feeDiff;
    for (const [wallet, balances] of Object.entries(sim.report.balances)) {
      const want = BigInt(balances[chain]!);
      const got = BigInt(real.report.balances[wallet]![chain]!);
      const gap = got > want ? got - want : want - got;
      const how =
        tolerance === 0n
          ? `exactly (the fees on ${chain} are equal: ${sim.fees[chain]} sat)`
          : `within the difference of fees on ${chain} (${real.fees[chain]} vs ${sim.fees[chain]} sat)`;
      expect(gap <= tolerance, `${wallet} on ${chain}: real ${got} vs simulated ${want} sat, compared ${how}`).toBe(
        true,
      );
    }
  }
}

describe('happy paths on litecoind agree with the simulator', () => {
  it.each(playable.map((b) => [b.name, b.paths[0]!] as const))('%s / %s', (name, path) => compare(name, path, 'happy'));
});

/** Other paths of the playable lessons that only the simulator can play, and why. */
const OTHER_PATHS_NEED_SIMULATOR: Readonly<Record<string, string>> = {
  'segwit/malleated':
    'it switches the LOW_S relay rule off to let the flipped signature through; a real node keeps its own policy',
};
const otherPaths = playable
  .flatMap((b) => b.paths.slice(1).map((p) => [b.name, p] as const))
  .filter(([n, p]) => !(`${n}/${p}` in OTHER_PATHS_NEED_SIMULATOR));

describe('the other paths (breaches, refunds, time-outs) agree too', () => {
  it('leave out only the paths listed as needing the simulator', () => {
    const all = playable.flatMap((b) => b.paths.slice(1).map((p) => `${b.name}/${p}`));
    for (const path of Object.keys(OTHER_PATHS_NEED_SIMULATOR)) expect(all).toContain(path);
    expect(otherPaths.length + Object.keys(OTHER_PATHS_NEED_SIMULATOR).length).toBe(all.length);
  });

  it.each(otherPaths)('%s / %s', (name, path) => compare(name, path, 'other'));
});

const lastJson = (stdout: string) =>
  JSON.parse(stdout.trim().split('\n').at(-1)!) as {
    ok: boolean;
    backends: Record<string, { kind: string; name: string }>;
    balances: unknown;
    steps: { statuses: unknown }[];
  };

describe('txlab run --backend … --json (the command itself)', () => {
  it('plays a lesson on a daemon it starts, says so per chain, and ends where the simulator does', () => {
    const args = ['run', 'multihop', '--json'];
    const daemon = process.env['TXLAB_REGTEST_DAEMON'];
    const real = txlab([
      ...args,
      '--backend',
      daemon ? 'local' : 'local-litecoind',
      ...(daemon ? ['--daemon', daemon] : []),
    ]);
    expect(real.code, real.stderr).toBe(0);
    const sim = txlab(args);
    expect(sim.code, sim.stderr).toBe(0);
    const r = lastJson(real.stdout);
    const s = lastJson(sim.stdout);
    expect(r.ok).toBe(true);
    expect(r.backends['btc']!.kind).toBe('real');
    expect(r.backends['btc']!.name).toMatch(/^(litecoind playing Bitcoin regtest|bitcoind) \(local\)$/);
    expect(s.backends).toEqual({ btc: { kind: 'simulated', name: 'simulator' } });
    // The lesson's own fees are fixed by its builders, so the balances agree to the satoshi.
    expect(r.balances).toEqual(s.balances);
    expect(r.steps.at(-1)!.statuses).toEqual(s.steps.at(-1)!.statuses);
  });

  it('plays a lesson on a node at a URL (cookie auth), which must be fresh', async () => {
    const node = await startNode();
    try {
      const args = ['run', 'segwit', '--json'];
      const url = [
        '--backend',
        `http://127.0.0.1:${node.rpcPort}`,
        '--rpc-cookie',
        join(node.datadir, 'regtest', '.cookie'),
      ];
      const real = txlab([...args, ...url]);
      expect(real.code, real.stderr).toBe(0);
      const sim = txlab(args);
      const r = lastJson(real.stdout);
      const s = lastJson(sim.stdout);
      expect(r.ok).toBe(true);
      expect(r.backends['btc']).toEqual({
        kind: 'real',
        name: `127.0.0.1:${node.rpcPort}${node.kind === 'litecoind' ? ' playing Bitcoin regtest' : ''}`,
      });
      expect(r.balances).toEqual(s.balances);
      expect(r.steps.at(-1)!.statuses).toEqual(s.steps.at(-1)!.statuses);
      // The node now holds that lesson's blocks: a second run would start from them, so it is refused.
      const again = txlab([...args, ...url]);
      expect(again.code).toBe(2);
      expect(again.stderr.trim().split('\n')).toHaveLength(1);
      expect(again.stderr).toMatch(/already has \d+ blocks.*needs a fresh regtest node/);
    } finally {
      await node.stop();
    }
  });

  it('refuses, in one line, a scenario file whose history was made on the simulator', () => {
    const dir = mkdtempSync(join(tmpdir(), 'txlab-real-'));
    const file = join(dir, 'segwit.json');
    expect(txlab(['export', 'segwit', '--out', file]).code).toBe(0);
    const r = txlab(['run', file, '--backend', 'local-litecoind']);
    rmSync(dir, { recursive: true, force: true });
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/Coins \([0-9a-f]{16}…\) is not on the real btc node .* made on the simulator/);
  });
});
