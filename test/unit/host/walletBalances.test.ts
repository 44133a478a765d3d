/**
 * Wallet balances in the workspace view (issue 11: edits cost what they change). Unconfirmed is
 * what the mempool pays a wallet and does not spend again; a coin being spent no longer counts as
 * confirmed; a block settles both. Balances are counted again only for a chain that moved, and a
 * wallet nothing touched keeps its view object.
 */
import { describe, expect, it } from 'vitest';
import type { BalanceView, WalletView, WorkspaceView } from '../../../shared/contract/views';
import { payFrom, testBench } from './helpers';

const COIN = 100_000_000n;
const FEE = 2_000n;

function balanceOf(view: WorkspaceView, wallet: string): BalanceView {
  return view.wallets.find((w) => w.name === wallet)!.balances.btc;
}
function walletOf(view: WorkspaceView, wallet: string): WalletView {
  return view.wallets.find((w) => w.name === wallet)!;
}
const amounts = (b: BalanceView): [bigint, bigint, bigint] => [
  BigInt(b.confirmed),
  BigInt(b.unconfirmed),
  BigInt(b.immature),
];

describe('wallet balances', () => {
  it('count the mempool as unconfirmed, less what it spends again, and settle with a block', async () => {
    const t = await testBench({ seed: 21 });
    await t.must('chain.mine', { chain: 'btc', count: 1, to: { wallet: 'Alice' } });
    const start = await t.must('chain.mine', { chain: 'btc', count: 100, to: { wallet: 'Carol' } });
    const coin = (await t.must('wallet.utxos', { wallet: 'Alice', chain: 'btc' })).utxos[0]!;
    const [alice0, ,] = amounts(balanceOf(start, 'Alice'));
    const [bob0, bobPending0] = amounts(balanceOf(start, 'Bob'));
    const [carol0, carolPending0, carolImmature0] = amounts(balanceOf(start, 'Carol'));
    expect(bobPending0).toBe(0n);
    expect(carolPending0).toBe(0n);

    // Alice pays Bob one coin from her 50 BTC coinbase, her change back to her.
    const pay = await payFrom(t, coin, 'Bob', COIN);
    await t.must('tx.sign', { node: pay, wallet: 'Alice' });
    const sent = await t.must('tx.broadcast', { node: pay });
    expect(sent.broadcast).toMatchObject({ accepted: true });
    const outs = sent.nodes.find((n) => n.id === pay)!.outputs;
    expect(outs.map((o) => o.owner)).toEqual(['Bob', 'Alice']);
    const change = BigInt(outs[1]!.value);
    expect(BigInt(coin.value) - COIN - change).toBeGreaterThan(0n); // the fee

    expect(amounts(balanceOf(sent, 'Alice'))).toEqual([alice0 - BigInt(coin.value), change, 0n]);
    expect(amounts(balanceOf(sent, 'Bob'))).toEqual([bob0, COIN, 0n]);

    // Bob spends that unconfirmed coin at once, to Carol: it is no longer his, pending or not.
    const onward = (
      await t.must('graph.addNode', { template: 'p2wpkh-payment', chain: 'btc', position: { x: 300, y: 0 } })
    ).created;
    await t.must('graph.connect', { from: { node: pay, output: 0 }, to: { node: onward, input: 0 } });
    await t.must('graph.setOutput', {
      node: onward,
      output: 0,
      value: (COIN - FEE).toString(),
      payTo: { wallet: 'Carol' },
    });
    await t.must('tx.sign', { node: onward, wallet: 'Bob' });
    const child = await t.must('tx.broadcast', { node: onward });
    expect(child.broadcast).toMatchObject({ accepted: true });
    expect(amounts(balanceOf(child, 'Bob'))).toEqual([bob0, 0n, 0n]);
    expect(amounts(balanceOf(child, 'Carol'))).toEqual([carol0, COIN - FEE, carolImmature0]);

    // Dave mines them: nothing pending; Alice's change and Carol's payment confirmed.
    const mined = await t.must('chain.mine', { chain: 'btc', count: 1, to: { wallet: 'Dave' } });
    expect(amounts(balanceOf(mined, 'Alice'))).toEqual([alice0 - BigInt(coin.value) + change, 0n, 0n]);
    expect(amounts(balanceOf(mined, 'Bob'))).toEqual([bob0, 0n, 0n]);
    // One more of Carol's 100 coinbases matured with the block.
    const [carol1, carolPending1, carolImmature1] = amounts(balanceOf(mined, 'Carol'));
    expect(carolPending1).toBe(0n);
    expect(carol1 - carol0 - (COIN - FEE)).toBe(carolImmature0 - carolImmature1);
    expect(carolImmature0 - carolImmature1).toBeGreaterThan(0n);
  });

  it('keeps a wallet’s view while nothing it shows changed, and its keys when only balances did', async () => {
    const t = await testBench({ seed: 22 });
    const before = await t.must('chain.mine', { chain: 'btc', count: 101, to: { wallet: 'Alice' } });
    // An edit that touches no chain and no wallet: every wallet view is the same object.
    const node = (await t.must('graph.addNode', { template: 'p2wpkh-payment', chain: 'btc', position: { x: 0, y: 0 } }))
      .created;
    const edited = await t.must('graph.moveNodes', { moves: [{ id: node, position: { x: 50, y: 50 } }] });
    for (const w of before.wallets) expect(walletOf(edited, w.name), w.name).toBe(w);

    // A block paying Alice: her balances change, her keys keep their objects; Bob's view stays.
    const mined = await t.must('chain.mine', { chain: 'btc', count: 1, to: { wallet: 'Alice' } });
    expect(walletOf(mined, 'Alice')).not.toBe(walletOf(edited, 'Alice'));
    expect(walletOf(mined, 'Alice').keys).toBe(walletOf(edited, 'Alice').keys);
    expect(walletOf(mined, 'Alice').balances.ltc).toBe(walletOf(edited, 'Alice').balances.ltc);
    expect(walletOf(mined, 'Bob')).toBe(walletOf(edited, 'Bob'));

    // A new key for Bob: his view is new, with the key; Alice's view is kept.
    const derived = await t.must('wallet.deriveKey', { wallet: walletOf(mined, 'Bob').id, purpose: 'receive' });
    expect(walletOf(derived, 'Bob').keys.length).toBe(walletOf(mined, 'Bob').keys.length + 1);
    expect(walletOf(derived, 'Alice')).toBe(walletOf(mined, 'Alice'));
  });
});
