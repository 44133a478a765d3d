import { describe, expect, it } from 'vitest';
import { testBench } from './helpers';

describe('building a payment by hand (the e2e flow, headless)', () => {
  it("spends Alice's matured coinbase to Bob, signs, broadcasts, mines", async () => {
    const t = await testBench();
    const start = await t.must('workspace.get', {});
    const alice = start.wallets.find((w) => w.name === 'Alice')!;
    // A new workspace mined 101 blocks to Alice: block 1's coinbase is mature.
    expect(start.chains.find((c) => c.id === 'btc')!.height).toBe(101);
    const utxos = await t.must('wallet.utxos', { wallet: alice.id, chain: 'btc' });
    const coin = utxos.utxos.find((u) => u.mature)!;
    expect(coin.coinbase).toBe(true);

    const src = await t.must('graph.addChainTx', { chain: 'btc', txid: coin.txid, position: { x: 0, y: 0 } });
    const pay = await t.must('graph.addNode', { template: 'p2pkh-payment', chain: 'btc', position: { x: 300, y: 0 } });
    await t.must('graph.connect', {
      from: { node: src.created, output: coin.vout },
      to: { node: pay.created, input: 0 },
    });
    await t.must('graph.setOutput', { node: pay.created, output: 0, value: '1000000000', payTo: { wallet: 'Bob' } });
    let view = await t.must('workspace.get', {});
    let node = view.nodes.find((n) => n.id === pay.created)!;
    expect(node.status.kind).toBe('draft');
    expect(node.fee).toBe((BigInt(coin.value) - 1_000_000_000n).toString());

    // The whole coin minus 10 BTC would be fee: pay the rest back to Alice.
    await t.must('graph.addOutput', {
      node: pay.created,
      value: (BigInt(coin.value) - 1_000_000_000n - 1_000n).toString(),
      payTo: { wallet: 'Alice' },
    });
    const signed = await t.must('tx.sign', { node: pay.created, wallet: 'Alice' });
    expect(signed.signed).toBe(1);
    node = signed.nodes.find((n) => n.id === pay.created)!;
    expect(node.status.kind).toBe('signed');

    const sent = await t.must('tx.broadcast', { node: pay.created });
    expect(sent.broadcast.accepted).toBe(true);
    expect(sent.nodes.find((n) => n.id === pay.created)!.status.kind).toBe('mempool');

    view = await t.must('chain.mine', { chain: 'btc', count: 1, to: { wallet: 'Carol' } });
    node = view.nodes.find((n) => n.id === pay.created)!;
    // In the tip block: one confirmation.
    expect(node.status).toMatchObject({ kind: 'confirmed', height: view.chains.find((c) => c.id === 'btc')!.height });
    const bob = view.wallets.find((w) => w.name === 'Bob')!;
    expect(bob.balances.btc.confirmed).toBe('1000000000');
  });

  it('refuses a bad edit with a typed error and leaves the graph alone', async () => {
    const t = await testBench();
    const before = await t.must('workspace.get', {});
    const r = await t.call('graph.connect', { from: { node: 'nope', output: 0 }, to: { node: 'also-nope', input: 0 } });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe('NOT_FOUND');
    const bad = await t.call('graph.moveNodes', { moves: [{ id: 'x', position: { x: Number.NaN, y: 0 } }] });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error.code).toBe('BAD_REQUEST');
    const after = await t.must('workspace.get', {});
    expect(after.nodes).toEqual(before.nodes);
  });

  it('undoes and redoes graph edits', async () => {
    const t = await testBench();
    const added = await t.must('graph.addNode', { template: 'custom', chain: 'btc', position: { x: 1, y: 2 } });
    expect(added.canUndo).toBe(true);
    const undone = await t.must('workspace.undo', {});
    expect(undone.nodes).toHaveLength(0);
    const redone = await t.must('workspace.redo', {});
    expect(redone.nodes.map((n) => n.id)).toEqual([added.created]);
  });
});
