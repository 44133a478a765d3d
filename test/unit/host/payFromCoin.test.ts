/**
 * A first payment in one step (graph.payFromCoin, issue 14 §1): the coin on the canvas, a payment
 * to its right paying a round amount, change back to the coin's owner, a fee of 1,000 sat; it
 * signs, broadcasts and confirms with no warning, and one undo takes it all back.
 */
import { describe, expect, it } from 'vitest';
import type { UtxoView } from '../../../shared/contract/methods';
import type { NodeView } from '../../../shared/contract/views';
import { roundPaymentAmount, splitCoin } from '../../../shared/contract/firstPayment';
import { testBench, type TestBench } from './helpers';

const BTC = 100_000_000n;

async function withCoins(): Promise<{ t: TestBench; alice: string; bob: string; coins: readonly UtxoView[] }> {
  const t = await testBench({ seed: 5 });
  const wallets = (await t.must('workspace.get', {})).wallets;
  const alice = wallets.find((w) => w.name === 'Alice')!.id;
  const bob = wallets.find((w) => w.name === 'Bob')!.id;
  await t.must('chain.mine', { chain: 'btc', count: 3, to: { wallet: alice } });
  await t.must('chain.mine', { chain: 'btc', count: 100 });
  const { utxos } = await t.must('wallet.utxos', { wallet: alice, chain: 'btc' });
  return { t, alice, bob, coins: utxos.filter((u) => u.mature) };
}

const node = (nodes: readonly NodeView[], id: string): NodeView => nodes.find((n) => n.id === id)!;

describe('the round amount a payment starts with', () => {
  it('is the largest 1, 2 or 5 × 10ⁿ satoshis not above half the coin', () => {
    expect(roundPaymentAmount(50n * BTC)).toBe(20n * BTC);
    expect(roundPaymentAmount(1n * BTC)).toBe(BTC / 2n);
    expect(roundPaymentAmount(12_345n)).toBe(5_000n);
    expect(roundPaymentAmount(3n)).toBe(1n);
    expect(roundPaymentAmount(1n)).toBe(0n);
  });

  it('sends the change back unless it would be dust; too small a coin pays nothing', () => {
    expect(splitCoin(50n * BTC, 294n)).toEqual({ pay: 20n * BTC, change: 30n * BTC - 1_000n });
    // 50 BTC less 500 sat: 499 sat would come back, below dust, so it goes to the payee.
    expect(splitCoin(50n * BTC, 294n, 50n * BTC - 500n)).toBeUndefined();
    expect(splitCoin(50n * BTC, 294n, 50n * BTC - 1_200n)).toEqual({ pay: 50n * BTC - 1_000n });
    expect(splitCoin(1_200n, 294n)).toBeUndefined();
  });
});

describe('graph.payFromCoin', () => {
  it('places the coin, a payment to its right to Bob with change to Alice, and one undo removes both', async () => {
    const { t, bob, coins } = await withCoins();
    const coin = coins[0]!;
    const r = await t.must('graph.payFromCoin', {
      chain: 'btc',
      coin: { txid: coin.txid, vout: coin.vout },
      to: { wallet: bob },
      position: { x: 100, y: 200 },
    });
    expect(r.nodes).toHaveLength(2);
    const source = node(r.nodes, r.coinNode);
    const payment = node(r.nodes, r.created);
    expect(source.kind).toBe('chain');
    expect(source.txid).toBe(coin.txid);
    expect(payment.position.x).toBeGreaterThan(source.position.x);
    expect(payment.inputs[0]!.prevout).toMatchObject({ txid: coin.txid, vout: coin.vout });
    expect(payment.outputs.map((o) => [o.owner, o.value])).toEqual([
      ['Bob', (20n * BTC).toString()],
      ['Alice', (30n * BTC - 1_000n).toString()],
    ]);
    expect(payment.fee).toBe('1000');
    expect(payment.warnings ?? []).toEqual([]);
    expect(r.canUndo).toBe(true);
    await t.must('workspace.undo', {});
    expect((await t.must('workspace.get', {})).nodes).toHaveLength(0);
  });

  it('signs as Alice, broadcasts and confirms', async () => {
    const { t, alice, bob, coins } = await withCoins();
    const coin = coins[0]!;
    const { created } = await t.must('graph.payFromCoin', {
      chain: 'btc',
      coin: { txid: coin.txid, vout: coin.vout },
      to: { wallet: bob },
      value: '1234500000',
      position: { x: 0, y: 0 },
    });
    expect((await t.must('tx.sign', { node: created, wallet: alice })).signed).toBe(1);
    expect((await t.must('tx.broadcast', { node: created })).broadcast.accepted).toBe(true);
    await t.must('chain.mine', { chain: 'btc', count: 1 });
    const done = node((await t.must('workspace.get', {})).nodes, created);
    const tip = (await t.must('workspace.get', {})).chains.find((c) => c.id === 'btc')!.height;
    expect(done.status).toMatchObject({ kind: 'confirmed', height: tip });
    const bobCoins = (await t.must('wallet.utxos', { wallet: bob, chain: 'btc' })).utxos;
    expect(bobCoins.map((u) => u.value)).toContain('1234500000');
  });

  it('builds the payment of the coin’s own type: P2WPKH from a P2WPKH coin, P2PKH from a P2PKH one', async () => {
    const { t, alice, bob, coins } = await withCoins();
    const segwit = await t.must('graph.payFromCoin', {
      chain: 'btc',
      coin: { txid: coins[0]!.txid, vout: coins[0]!.vout },
      to: { wallet: bob },
      position: { x: 0, y: 0 },
    });
    expect(t.bench.doc.graph.nodes.find((n) => n.id === segwit.created)).toMatchObject({ template: 'p2wpkh-payment' });
    expect(node(segwit.nodes, segwit.created).outputs.map((o) => o.type)).toEqual([
      'witness_v0_keyhash',
      'witness_v0_keyhash',
    ]);
    // A P2PKH coin of Alice's, matured.
    await t.must('chain.mine', { chain: 'btc', count: 1, to: { wallet: alice, type: 'p2pkh' } });
    await t.must('chain.mine', { chain: 'btc', count: 100 });
    const { utxos } = await t.must('wallet.utxos', { wallet: alice, chain: 'btc' });
    const legacy = utxos.find((u) => u.mature && u.address && !u.address.startsWith('bcrt1'))!;
    const r = await t.must('graph.payFromCoin', {
      chain: 'btc',
      coin: { txid: legacy.txid, vout: legacy.vout },
      to: { wallet: bob },
      position: { x: 0, y: 600 },
    });
    expect(t.bench.doc.graph.nodes.find((n) => n.id === r.created)).toMatchObject({ template: 'p2pkh-payment' });
    expect(node(r.nodes, r.created).outputs.map((o) => o.type)).toEqual(['pubkeyhash', 'pubkeyhash']);
    expect(node(r.nodes, r.created).typeNotes ?? []).toEqual([]);
    await t.must('tx.sign', { node: r.created, wallet: alice });
    expect((await t.must('tx.broadcast', { node: r.created })).broadcast.accepted).toBe(true);
  });

  it('spends a coin already on the canvas from where it is', async () => {
    const { t, bob, coins } = await withCoins();
    const coin = coins[1]!;
    const placed = await t.must('graph.addChainTx', { chain: 'btc', txid: coin.txid, position: { x: -300, y: 40 } });
    const r = await t.must('graph.payFromCoin', {
      chain: 'btc',
      coin: { txid: coin.txid, vout: coin.vout },
      to: { wallet: bob },
      position: { x: 900, y: 900 },
    });
    expect(r.coinNode).toBe(placed.created);
    expect(r.nodes).toHaveLength(2);
    expect(node(r.nodes, r.created).position).toEqual({ x: 120, y: 40 });
  });

  it('refuses, saying why, an amount the coin cannot pay, a spent coin and an unknown one', async () => {
    const { t, alice, bob, coins } = await withCoins();
    const coin = coins[0]!;
    const tooMuch = await t.call('graph.payFromCoin', {
      chain: 'btc',
      coin: { txid: coin.txid, vout: coin.vout },
      to: { wallet: bob },
      value: (50n * BTC).toString(),
      position: { x: 0, y: 0 },
    });
    expect(tooMuch.ok || tooMuch.error).toMatchObject({ code: 'BAD_REQUEST', path: 'value' });
    expect(tooMuch.ok ? '' : tooMuch.error.message).toContain('cannot pay 5,000,000,000 sat');

    const { created } = await t.must('graph.payFromCoin', {
      chain: 'btc',
      coin: { txid: coin.txid, vout: coin.vout },
      to: { wallet: bob },
      position: { x: 0, y: 0 },
    });
    await t.must('tx.sign', { node: created, wallet: alice });
    await t.must('tx.broadcast', { node: created });
    const again = await t.call('graph.payFromCoin', {
      chain: 'btc',
      coin: { txid: coin.txid, vout: coin.vout },
      to: { wallet: bob },
      position: { x: 0, y: 300 },
    });
    expect(again.ok ? '' : again.error.message).toMatch(/already spent/);

    const unknown = await t.call('graph.payFromCoin', {
      chain: 'btc',
      coin: { txid: 'ab'.repeat(32), vout: 0 },
      to: { wallet: bob },
      position: { x: 0, y: 0 },
    });
    expect(unknown.ok || unknown.error.code).toBe('NOT_FOUND');
  });
});
