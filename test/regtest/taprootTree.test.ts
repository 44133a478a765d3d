/**
 * Issue 15 §3 against litecoind (Taproot active from height 0 on regtest): a workspace's chain on
 * the node, a P2TR output with a script tree built by the host (graph.setTaprootOutput), spent by
 * the key path (the internal key tweaked by the Merkle root), by a hashlock leaf and by a 2-of-3
 * CHECKSIGADD leaf with one slot left empty, each signed in the keystore (graph.setSpendPath,
 * tx.sign). The node accepts every spend into its mempool and mines them.
 */
import { describe, expect, it } from 'vitest';
import { fromHex, toHex } from '../../shared/bitcoin/bytes';
import { sha256 } from '../../shared/bitcoin/hashes';
import type { WorkspaceView } from '../../shared/contract/views';
import { testBench } from '../unit/host/helpers';

const COIN = 100_000_000n;
const PREIMAGE = '07'.repeat(32);

const statusOf = (view: WorkspaceView, node: string) => view.nodes.find((n) => n.id === node)!.status.kind;

describe('P2TR script trees on litecoind', () => {
  it('accepts and mines spends by the key path, a hashlock leaf and a 2-of-3 leaf', async () => {
    const t = await testBench({ seed: 51 });
    const moved = await t.call('chain.setBackend', { chain: 'btc', backend: { kind: 'local', daemon: 'litecoind' } });
    expect(moved.ok, moved.ok ? '' : moved.error.message).toBe(true);
    try {
      const chains = (await t.must('workspace.get', {})).chains;
      expect(chains.find((c) => c.id === 'btc')!.backend).toBe('real');
      await t.must('chain.mine', { chain: 'btc', count: 1, to: { wallet: 'Alice' } });
      await t.must('chain.mine', { chain: 'btc', count: 100, to: { wallet: 'Carol' } });
      const coin = (await t.must('wallet.utxos', { wallet: 'Alice', chain: 'btc' })).utxos.find((u) => u.mature)!;
      const fund = (
        await t.must('graph.payFromCoin', {
          chain: 'btc',
          coin: { txid: coin.txid, vout: coin.vout },
          to: { wallet: 'Bob' },
          value: COIN.toString(),
          position: { x: 0, y: 0 },
        })
      ).created;
      await t.must('graph.setOutput', { node: fund, output: 1, value: COIN.toString() });
      await t.must('graph.addOutput', { node: fund, value: COIN.toString() });
      for (let o = 0; o < 3; o++)
        await t.must('graph.setTaprootOutput', {
          node: fund,
          output: o,
          internal: { wallet: 'Alice' },
          leaves: [
            { kind: 'hash', wallet: 'Dave', hash: toHex(sha256(fromHex(PREIMAGE))) },
            { kind: 'multi', wallets: ['Alice', 'Bob', 'Carol'], required: 2 },
          ],
        });
      const change = BigInt(coin.value) - 3n * COIN - 10_000n;
      await t.must('graph.addOutput', { node: fund, value: change.toString(), payTo: { wallet: 'Alice' } });
      await t.must('tx.sign', { node: fund, wallet: 'Alice' });
      expect((await t.must('tx.broadcast', { node: fund })).broadcast).toMatchObject({ accepted: true });
      await t.must('chain.mine', { chain: 'btc', count: 1, to: { wallet: 'Carol' } });

      const spends: string[] = [];
      const paths = [{ path: 'key' as const }, { path: 0, preimage: PREIMAGE }, { path: 1 }];
      for (const [vout, choice] of paths.entries()) {
        const node = (
          await t.must('graph.addNode', { template: 'custom', chain: 'btc', position: { x: 300, y: vout * 150 } })
        ).created;
        await t.must('graph.connect', { from: { node: fund, output: vout }, to: { node, input: 0 } });
        await t.must('graph.setOutput', {
          node,
          output: 0,
          value: (COIN - 5_000n).toString(),
          payTo: { wallet: 'Dave' },
        });
        await t.must('graph.setSpendPath', { node, input: 0, ...choice });
        spends.push(node);
      }
      await t.must('tx.sign', { node: spends[0]!, wallet: 'Alice' });
      await t.must('tx.sign', { node: spends[1]!, wallet: 'Dave' });
      await t.must('tx.sign', { node: spends[2]!, wallet: 'Bob' });
      await t.must('tx.sign', { node: spends[2]!, wallet: 'Carol' });
      for (const node of spends) {
        const sent = await t.must('tx.broadcast', { node });
        expect(sent.broadcast, node).toMatchObject({ accepted: true });
      }
      const mined = await t.must('chain.mine', { chain: 'btc', count: 1, to: { wallet: 'Carol' } });
      for (const node of spends) expect(statusOf(mined, node), node).toBe('confirmed');
    } finally {
      await t.bench.chains.close();
    }
  });
});
