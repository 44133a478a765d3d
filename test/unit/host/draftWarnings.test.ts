/** The host puts a draft's warnings in its view, and takes them away once the draft is fixed or broadcast. */
import { describe, expect, it } from 'vitest';
import type { WorkspaceView } from '../../../shared/contract/views';
import { testBench } from './helpers';

describe('draft warnings in the view', () => {
  it('follow the draft: a fresh payment, an absurd fee with no change, a fixed one', async () => {
    const t = await testBench();
    const utxos = await t.must('wallet.utxos', { wallet: 'Alice', chain: 'btc' });
    const coin = utxos.utxos.find((u) => u.mature)!;
    const src = await t.must('graph.addChainTx', { chain: 'btc', txid: coin.txid, position: { x: 0, y: 0 } });
    const pay = await t.must('graph.addNode', { template: 'p2pkh-payment', chain: 'btc', position: { x: 300, y: 0 } });
    const connected = await t.must('graph.connect', {
      from: { node: src.created, output: coin.vout },
      to: { node: pay.created, input: 0 },
    });
    const codes = (view: WorkspaceView) =>
      (view.nodes.find((n) => n.id === pay.created)?.warnings ?? []).map((w) => w.code);
    // Whatever the template starts with, something must be said before this is signed.
    expect(codes(connected).length).toBeGreaterThan(0);

    const paysBobOnly = await t.must('graph.setOutput', {
      node: pay.created,
      output: 0,
      value: '100000000',
      payTo: { wallet: 'Bob' },
    });
    const node = paysBobOnly.nodes.find((n) => n.id === pay.created)!;
    if (node.outputs.length === 1) expect(codes(paysBobOnly)).toEqual(['absurd-fee', 'no-change']);
    else expect(codes(paysBobOnly)).toContain('absurd-fee');

    const fixed = await t.must('graph.setOutput', {
      node: pay.created,
      output: 0,
      value: (BigInt(coin.value) - 2_000n - node.outputs.slice(1).reduce((s, o) => s + BigInt(o.value), 0n)).toString(),
      payTo: { wallet: 'Bob' },
    });
    expect(codes(fixed)).toEqual([]);
  });
});
