/**
 * Moving a chain of the open workspace to a real node, as the chain panel does (chain.setBackend),
 * and loading a lesson with a chain on a node at a URL (scenario.load): what a node cannot hold is
 * refused in words, and the workspace stays as it was.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BuiltinCatalog } from '../../main/host/catalog';
import { testBench } from '../unit/host/helpers';
import { startNode } from './support/node';

const btc = (view: { chains: readonly { id: string; backend: string; realNode?: string; height: number }[] }) =>
  view.chains.find((c) => c.id === 'btc')!;

describe('a workspace chain moved to a real node', () => {
  it('moves a fresh workspace (only mined blocks) and keeps its height and balances', async () => {
    const t = await testBench({ seed: 11 });
    const before = await t.must('workspace.get', {});
    const moved = await t.call('chain.setBackend', { chain: 'btc', backend: { kind: 'local', daemon: 'litecoind' } });
    expect(moved.ok, moved.ok ? '' : moved.error.message).toBe(true);
    try {
      const after = await t.must('workspace.get', {});
      expect(btc(after).backend).toBe('real');
      expect(btc(after).realNode).toBe('local');
      expect(btc(after).height).toBe(btc(before).height);
      const alice = (v: typeof before) => v.wallets.find((w) => w.name === 'Alice')!.balances;
      expect(alice(after)).toEqual(alice(before));
    } finally {
      await t.bench.chains.close();
    }
  });

  it('refuses a lesson made on the simulator, naming what the node lacks, and leaves the chain simulated', async () => {
    const t = await testBench({ seed: 11, catalog: new BuiltinCatalog() });
    await t.must('scenario.load', { name: 'segwit' });
    await t.must('lesson.goto', { position: 2 });
    const before = await t.must('workspace.get', {});
    const moved = await t.call('chain.setBackend', { chain: 'btc', backend: { kind: 'local', daemon: 'litecoind' } });
    expect(moved.ok).toBe(false);
    if (moved.ok) return;
    expect(moved.error.code).toBe('IMPORT_FAILED');
    expect(moved.error.message).toMatch(/not on the real btc node|the real node refused it/);
    const after = await t.must('workspace.get', {});
    expect(btc(after).backend).toBe('simulated');
    expect(after.nodes.map((n) => [n.label, n.status.kind])).toEqual(before.nodes.map((n) => [n.label, n.status.kind]));
  });

  it('loads a lesson with its chain on a fresh node at a URL, set up there and followed, not replayed', async () => {
    const node = await startNode();
    const t = await testBench({ seed: 11, catalog: new BuiltinCatalog() });
    try {
      const spec = {
        kind: 'rpc' as const,
        url: `http://127.0.0.1:${node.rpcPort}`,
        auth: { kind: 'cookie' as const, cookieFile: join(node.datadir, 'regtest', '.cookie') },
      };
      t.bench.backends = { btc: spec };
      const loaded = await t.call('scenario.load', { name: 'segwit' });
      expect(loaded.ok, loaded.ok ? '' : loaded.error.message).toBe(true);
      const steps = (await t.must('workspace.get', {})).lesson!.steps.length;
      const done = await t.must('lesson.goto', { position: steps });
      expect(btc(done).backend).toBe('real');
      expect(btc(done).realNode).toBe('rpc');
      expect(done.nodes.filter((n) => n.status.kind === 'confirmed').length).toBeGreaterThan(1);
      // The node now holds blocks: loading again would replay on top of them, so it is refused.
      const again = await t.call('scenario.load', { name: 'segwit' });
      expect(again.ok).toBe(false);
      if (!again.ok) expect(again.error.message).toMatch(/already has \d+ blocks/);
    } finally {
      await t.bench.chains.close();
      await node.stop();
    }
  });
});
