/**
 * Issue 15 §3: P2TR wallets. Alice mines to her BIP86 key, pays Bob with the P2TR payment
 * template, Bob pays Carol from his coin in one step (graph.payFromCoin picks the P2TR payment
 * for a P2TR coin); each spend is a key-path Schnorr signature made in the keystore, accepted by
 * the simulated chain (which enforces Taproot) and confirmed. The same seed replays the same
 * bytes; the 2014 era has no Taproot.
 */
import { Psbt } from 'bitcoinjs-lib';
import { describe, expect, it } from 'vitest';
import type { NodeView, WorkspaceView } from '../../../shared/contract/views';
import { type TestBench, testBench } from './helpers';

const COIN = 100_000_000n;

function nodeOf(view: WorkspaceView, id: string): NodeView {
  const node = view.nodes.find((n) => n.id === id);
  if (!node) throw new Error(`no node ${id}`);
  return node;
}

/** The story, returning what it put on chain (raw transactions) for the replay check. */
async function story(t: TestBench): Promise<{ hexes: string[] }> {
  // A block to Alice's P2TR address, then 100 to Carol so its coinbase matures.
  await t.must('chain.mine', { chain: 'btc', count: 1, to: { wallet: 'Alice', type: 'p2tr' } });
  const mined = await t.must('chain.mine', { chain: 'btc', count: 100, to: { wallet: 'Carol' } });
  const alice = mined.wallets.find((w) => w.name === 'Alice')!;
  const taprootKey = alice.keys.find((k) => k.purpose === 'taproot')!;
  expect(taprootKey.path).toBe("m/86'/1'/0'/0/0");

  const utxos = await t.must('wallet.utxos', { wallet: 'Alice', chain: 'btc' });
  const coin = utxos.utxos.find((u) => u.address?.startsWith('bcrt1p'))!;
  expect(coin).toMatchObject({ coinbase: true, mature: true });
  expect(BigInt(alice.balances.btc.confirmed)).toBeGreaterThanOrEqual(BigInt(coin.value));

  // The coin on the canvas: Core's type name, a bcrt1p address, Alice as its owner.
  const chainTx = await t.must('graph.addChainTx', { chain: 'btc', txid: coin.txid, position: { x: 0, y: 0 } });
  const output = nodeOf(chainTx, chainTx.created).outputs[coin.vout]!;
  expect(output).toMatchObject({ type: 'witness_v1_taproot', owner: 'Alice' });
  expect(output.address).toMatch(/^bcrt1p[02-9ac-hj-np-z]{58}$/);

  // Alice pays Bob 1 BTC with the P2TR payment, change back to her; both outputs P2TR by default.
  const pay = await t.must('graph.addNode', { template: 'p2tr-payment', chain: 'btc', position: { x: 300, y: 0 } });
  await t.must('graph.connect', {
    from: { node: chainTx.created, output: coin.vout },
    to: { node: pay.created, input: 0 },
  });
  await t.must('graph.setOutput', { node: pay.created, output: 0, value: COIN.toString(), payTo: { wallet: 'Bob' } });
  const change = BigInt(coin.value) - COIN - 2_000n;
  const drafted = await t.must('graph.addOutput', {
    node: pay.created,
    value: change.toString(),
    payTo: { wallet: 'Alice' },
  });
  const draft = nodeOf(drafted, pay.created);
  expect(draft.outputs.map((o) => [o.type, o.owner])).toEqual([
    ['witness_v1_taproot', 'Bob'],
    ['witness_v1_taproot', 'Alice'],
  ]);
  expect(draft.typeNotes).toBeUndefined();

  const signed = await t.must('tx.sign', { node: pay.created, wallet: 'Alice' });
  expect(signed.signed).toBe(1);
  const input = nodeOf(signed, pay.created).inputs[0]!;
  // SIGHASH_DEFAULT: one 64-byte signature, nothing else, an empty scriptSig.
  expect(input.witness).toHaveLength(1);
  expect(input.witness[0]).toMatch(/^[0-9a-f]{128}$/);
  expect(input.scriptSigHex).toBe('');
  expect(nodeOf(signed, pay.created).status.kind).toBe('signed');
  const first = await t.must('tx.inspect', { node: pay.created });
  // Exported as a PSBT, the signed key-path input comes back finalized (a 0.21 node cannot
  // finalize Taproot itself): the same transaction, and no BIP371 field left over.
  const exported = Psbt.fromBase64((await t.must('tx.exportPsbt', { node: pay.created })).psbt);
  expect(exported.data.inputs[0]!.tapKeySig).toBeUndefined();
  expect(exported.data.inputs[0]!.finalScriptWitness).toBeDefined();
  expect(exported.extractTransaction().toHex()).toBe(first.hex);
  const sent = await t.must('tx.broadcast', { node: pay.created });
  expect(sent.broadcast).toMatchObject({ accepted: true });
  const confirmed = await t.must('chain.mine', { chain: 'btc', count: 1, to: { wallet: 'Carol' } });
  const paid = nodeOf(confirmed, pay.created);
  expect(paid.status.kind).toBe('confirmed');
  const bob = confirmed.wallets.find((w) => w.name === 'Bob')!;
  expect(BigInt(bob.balances.btc.confirmed)).toBeGreaterThanOrEqual(COIN);

  // Bob pays Carol from his P2TR coin in one step: the P2TR payment, change in P2TR to Bob.
  const bobCoin = (await t.must('wallet.utxos', { wallet: 'Bob', chain: 'btc' })).utxos.find(
    (u) => u.txid === paid.txid && u.vout === 0,
  )!;
  expect(bobCoin.address).toBe(paid.outputs[0]!.address);
  const onward = await t.must('graph.payFromCoin', {
    chain: 'btc',
    coin: { txid: bobCoin.txid, vout: bobCoin.vout },
    to: { wallet: 'Carol' },
    position: { x: 600, y: 0 },
  });
  const payment = nodeOf(onward, onward.created);
  expect(payment.template).toBe('p2tr-payment');
  expect(payment.outputs.every((o) => o.type === 'witness_v1_taproot')).toBe(true);
  // An explicit hash type: 65 bytes, the type byte last.
  const bobSigned = await t.must('tx.sign', { node: onward.created, wallet: 'Bob', sighashType: 0x01 });
  expect(nodeOf(bobSigned, onward.created).inputs[0]!.witness).toEqual([expect.stringMatching(/^[0-9a-f]{128}01$/)]);
  const second = await t.must('tx.inspect', { node: onward.created });
  expect((await t.must('tx.broadcast', { node: onward.created })).broadcast).toMatchObject({ accepted: true });
  const done = await t.must('chain.mine', { chain: 'btc', count: 1, to: { wallet: 'Dave' } });
  expect(nodeOf(done, onward.created).status.kind).toBe('confirmed');
  return { hexes: [first.hex, second.hex] };
}

describe('P2TR wallets', () => {
  it('mine to, pay with the P2TR template and from a coin in one step, signed by the key path', async () => {
    const { hexes } = await story(await testBench({ seed: 21 }));
    expect(hexes).toHaveLength(2);
  });

  it('replay byte for byte with the same seed, and sign differently with another', async () => {
    const a = await story(await testBench({ seed: 22 }));
    const b = await story(await testBench({ seed: 22 }));
    expect(b.hexes).toEqual(a.hexes);
    const c = await story(await testBench({ seed: 23 }));
    expect(c.hexes[0]).not.toBe(a.hexes[0]);
  });

  it('a Taproot input whose hash type BIP341 does not define is refused, with no signature made', async () => {
    const t = await testBench({ seed: 24 });
    await t.must('chain.mine', { chain: 'btc', count: 1, to: { wallet: 'Alice', type: 'p2tr' } });
    await t.must('chain.mine', { chain: 'btc', count: 100, to: { wallet: 'Carol' } });
    const coin = (await t.must('wallet.utxos', { wallet: 'Alice', chain: 'btc' })).utxos.find((u) =>
      u.address?.startsWith('bcrt1p'),
    )!;
    const r = await t.must('graph.payFromCoin', {
      chain: 'btc',
      coin: { txid: coin.txid, vout: coin.vout },
      to: { wallet: 'Bob' },
      position: { x: 0, y: 0 },
    });
    const bad = await t.call('tx.sign', { node: r.created, wallet: 'Alice', sighashType: 0x04 });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error.code).toBe('BAD_REQUEST');
    const view = await t.must('workspace.get', {});
    expect(nodeOf(view, r.created).inputs[0]!.witness).toEqual(['']);
  });
});

describe('P2TR in the 2014 era', () => {
  it('is refused: no P2TR payment, no mining to a P2TR address', async () => {
    const t = await testBench();
    await t.must('chain.setPolicy', { chain: 'btc', era: '2014' });
    const template = await t.call('graph.addNode', {
      template: 'p2tr-payment',
      chain: 'btc',
      position: { x: 0, y: 0 },
    });
    expect(template.ok).toBe(false);
    if (!template.ok) expect(template.error.code).toBe('INVALID_STATE');
    const mine = await t.call('chain.mine', { chain: 'btc', count: 1, to: { wallet: 'Alice', type: 'p2tr' } });
    expect(mine.ok).toBe(false);
    if (!mine.ok) expect(mine.error.code).toBe('INVALID_STATE');
  });
});
