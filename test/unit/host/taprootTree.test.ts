/**
 * Issue 15 §3: P2TR outputs with a script tree built by the host (graph.setTaprootOutput), spent
 * by the key path and by each kind of leaf (graph.setSpendPath), signed in the keystore,
 * broadcast and mined on the simulated chain. Leaf scripts are checked against their bytes
 * written out by hand, the output key and control blocks against bitcoinjs-lib's P2TR.
 */
import { initEccLib, payments } from 'bitcoinjs-lib';
import * as ecc from 'tiny-secp256k1';
import { describe, expect, it } from 'vitest';
import { fromHex, toHex } from '../../../shared/bitcoin/bytes';
import { sha256 } from '../../../shared/bitcoin/hashes';
import type { MethodRequest } from '../../../shared/contract/methods';
import type { NodeView, WorkspaceView } from '../../../shared/contract/views';
import { payFrom, type TestBench, testBench } from './helpers';

initEccLib(ecc);

const COIN = 100_000_000n;
const PREIMAGE = '42'.repeat(32);
const HASH = toHex(sha256(fromHex(PREIMAGE)));

const LEAVES: MethodRequest<'graph.setTaprootOutput'>['leaves'] = [
  { kind: 'key', wallet: 'Bob' },
  { kind: 'after', wallet: 'Carol', blocks: 2 },
  { kind: 'hash', wallet: 'Dave', hash: HASH },
  { kind: 'multi', wallets: ['Alice', 'Bob', 'Carol'], required: 2 },
  { kind: 'at', wallet: 'Bob', locktime: 100 },
  { kind: 'asm', asm: 'OP_1' },
];

function nodeOf(view: WorkspaceView, id: string): NodeView {
  return view.nodes.find((n) => n.id === id)!;
}

function taprootKey(view: WorkspaceView, wallet: string): string {
  const key = view.wallets.find((w) => w.name === wallet)!.keys.find((k) => k.purpose === 'taproot')!;
  return key.publicKey.slice(2);
}

/** Seven outputs paying one tree (internal key Alice's), confirmed; `spend` drafts a spend of one. */
async function funded(t: TestBench) {
  await t.must('chain.mine', { chain: 'btc', count: 1, to: { wallet: 'Alice' } });
  await t.must('chain.mine', { chain: 'btc', count: 100, to: { wallet: 'Carol' } });
  const coin = (await t.must('wallet.utxos', { wallet: 'Alice', chain: 'btc' })).utxos[0]!;
  const fund = await payFrom(t, coin, 'Bob', COIN);
  await t.must('graph.setOutput', { node: fund, output: 1, value: COIN.toString() });
  for (let i = 2; i < 7; i++) await t.must('graph.addOutput', { node: fund, value: COIN.toString() });
  let view: WorkspaceView | undefined;
  for (let o = 0; o < 7; o++)
    view = await t.must('graph.setTaprootOutput', {
      node: fund,
      output: o,
      internal: { wallet: 'Alice' },
      leaves: LEAVES,
    });
  const change = BigInt(coin.value) - 7n * COIN - 10_000n;
  await t.must('graph.addOutput', { node: fund, value: change.toString(), payTo: { wallet: 'Alice' } });
  await t.must('tx.sign', { node: fund, wallet: 'Alice' });
  expect((await t.must('tx.broadcast', { node: fund })).broadcast).toMatchObject({ accepted: true });
  await t.must('chain.mine', { chain: 'btc', count: 1, to: { wallet: 'Carol' } });

  const spend = async (vout: number, path: 'key' | number, preimage?: string) => {
    const node = (
      await t.must('graph.addNode', { template: 'custom', chain: 'btc', position: { x: 300, y: vout * 150 } })
    ).created;
    await t.must('graph.connect', { from: { node: fund, output: vout }, to: { node, input: 0 } });
    await t.must('graph.setOutput', {
      node,
      output: 0,
      value: (COIN - 2_000n).toString(),
      payTo: { wallet: 'Dave' },
    });
    await t.must('graph.setSpendPath', { node, input: 0, path, ...(preimage ? { preimage } : {}) });
    return node;
  };
  return { fund, view: view!, spend };
}

describe('P2TR script trees built by the host', () => {
  it('shows the leaves, hashes, output key and control blocks bitcoinjs-lib computes', async () => {
    const t = await testBench({ seed: 41 });
    const { fund, view } = await funded(t);
    const tree = nodeOf(view, fund).outputs[0]!.taprootTree!;
    const [alice, bob, carol, dave] = (['Alice', 'Bob', 'Carol', 'Dave'] as const).map((w) => taprootKey(view, w)) as [
      string,
      string,
      string,
      string,
    ];
    // The scripts, byte by byte: push 32, CHECKSIG ac, CSV b2, DROP 75, CLTV b1, SHA256 a8,
    // EQUALVERIFY 88, CHECKSIGADD ba, NUMEQUAL 9c; small numbers as OP_n, 100 as a 1-byte push.
    expect(tree.leaves.map((l) => l.scriptHex)).toEqual([
      `20${bob}ac`,
      `52b27520${carol}ac`,
      `a820${HASH}8820${dave}ac`,
      `20${alice}ac20${bob}ba20${carol}ba529c`,
      `0164b17520${bob}ac`,
      '51',
    ]);
    expect(tree.leaves[3]!.owners).toEqual(['Alice', 'Bob', 'Carol']);
    expect(tree).toMatchObject({ internalKey: alice, nums: false, internalOwner: 'Alice' });
    // Six leaves, balanced: ((0 1) (2)) ((3 4) (5)) as bitcoinjs-lib's nested arrays.
    const leaf = (i: number) => ({ output: fromHex(tree.leaves[i]!.scriptHex) });
    const scriptTree = [
      [[leaf(0), leaf(1)], leaf(2)],
      [[leaf(3), leaf(4)], leaf(5)],
    ] as const;
    const ours = nodeOf(view, fund).outputs[0]!;
    for (const [i, l] of tree.leaves.entries()) {
      const p2tr = payments.p2tr({
        internalPubkey: fromHex(alice),
        scriptTree: scriptTree as never,
        redeem: { output: fromHex(l.scriptHex) },
      });
      expect(toHex(p2tr.output!)).toBe(ours.scriptPubKeyHex);
      expect(toHex(p2tr.pubkey!)).toBe(tree.outputKey);
      expect(toHex(p2tr.witness!.at(-1)!), `leaf ${i}`).toBe(l.controlBlock);
      expect(toHex(p2tr.hash!)).toBe(tree.merkleRoot);
    }
    expect(tree.root.hash).toBe(tree.merkleRoot);
    expect(ours.owner).toBe('Alice');
  });

  it('spends by the key path and by every kind of leaf; the chain confirms them', async () => {
    const t = await testBench({ seed: 42 });
    const { spend } = await funded(t);
    const byKey = await spend(0, 'key');
    const byBob = await spend(1, 0);
    const byCsv = await spend(2, 1);
    const byHash = await spend(3, 2, PREIMAGE);
    const byMulti = await spend(4, 3);
    const byCltv = await spend(5, 4);
    const byAsm = await spend(6, 5);

    await t.must('tx.sign', { node: byKey, wallet: 'Alice' });
    await t.must('tx.sign', { node: byBob, wallet: 'Bob' });
    await t.must('tx.sign', { node: byCsv, wallet: 'Carol' });
    await t.must('tx.sign', { node: byHash, wallet: 'Dave' });
    // 2 of 3: Alice and Carol; Bob's slot stays empty, which CHECKSIGADD counts as no signature.
    const one = await t.must('tx.sign', { node: byMulti, wallet: 'Alice' });
    expect(nodeOf(one, byMulti).status).toMatchObject({ kind: 'partly-signed', signed: 1, total: 3 });
    await t.must('tx.sign', { node: byMulti, wallet: 'Carol' });
    const signed = await t.must('tx.sign', { node: byCltv, wallet: 'Bob' });

    const input = (node: string) => nodeOf(signed, node).inputs[0]!;
    expect(input(byKey)).toMatchObject({ taprootPath: 'key', witness: [expect.stringMatching(/^[0-9a-f]{128}$/)] });
    expect(input(byHash).taprootPath).toBe(2);
    expect(input(byHash).witness[1]).toBe(PREIMAGE);
    expect(input(byMulti).witness.slice(0, 3)).toEqual([
      expect.stringMatching(/^[0-9a-f]{128}$/),
      '',
      expect.stringMatching(/^[0-9a-f]{128}$/),
    ]);
    // Two signatures are enough: the draft is signed, though one of its three slots is empty.
    expect(nodeOf(signed, byMulti).status.kind).toBe('signed');
    expect(input(byCsv).sequence).toBe(2);
    expect(nodeOf(signed, byCltv)).toMatchObject({ locktime: 100 });
    expect(input(byCltv).sequence).toBe(0xfffffffe);
    expect(input(byAsm).witness).toHaveLength(2);

    // One confirmation: the CSV leaf must wait for its second.
    const early = await t.must('tx.broadcast', { node: byCsv });
    expect(early.broadcast).toMatchObject({ accepted: false });
    for (const node of [byKey, byBob, byHash, byMulti, byCltv, byAsm])
      expect((await t.must('tx.broadcast', { node })).broadcast, node).toMatchObject({ accepted: true });
    await t.must('chain.mine', { chain: 'btc', count: 1, to: { wallet: 'Carol' } });
    expect((await t.must('tx.broadcast', { node: byCsv })).broadcast).toMatchObject({ accepted: true });
    const mined = await t.must('chain.mine', { chain: 'btc', count: 1, to: { wallet: 'Carol' } });
    for (const node of [byKey, byBob, byCsv, byHash, byMulti, byCltv, byAsm])
      expect(nodeOf(mined, node).status.kind === 'confirmed', node).toBe(true);
  });

  it('tells a draft whose txid the chain holds with another witness from the one it holds', async () => {
    const t = await testBench({ seed: 43 });
    const { spend } = await funded(t);
    // One payment, spent by Bob's key leaf and broadcast, then switched to the key path and
    // signed again: a txid does not cover the witness, so the txid stays and the wtxid moves.
    const node = await spend(0, 0);
    const byLeaf = nodeOf(await t.must('tx.sign', { node, wallet: 'Bob' }), node);
    const sent = await t.must('tx.broadcast', { node });
    expect(sent.broadcast).toMatchObject({ accepted: true });
    expect(nodeOf(sent, node).status).toEqual({ kind: 'mempool' });

    await t.must('graph.setSpendPath', { node, input: 0, path: 'key' });
    const byKey = nodeOf(await t.must('tx.sign', { node, wallet: 'Alice' }), node);
    expect(byKey.txid).toBe(byLeaf.txid);
    expect(byKey.wtxid).not.toBe(byLeaf.wtxid);
    expect(byKey.status).toEqual({ kind: 'mempool', otherWitness: byLeaf.wtxid });
    // Core 0.21 looks a transaction up by txid (validation.cpp, MemPoolAccept::PreChecks).
    const again = await t.must('tx.broadcast', { node });
    expect(again.broadcast).toMatchObject({ accepted: false, reason: 'txn-already-in-mempool' });

    const mined = await t.must('chain.mine', { chain: 'btc', count: 1, to: { wallet: 'Carol' } });
    expect(nodeOf(mined, node).status).toMatchObject({ kind: 'confirmed', otherWitness: byLeaf.wtxid });
    // Back to the leaf: the draft is what the block holds.
    await t.must('graph.setSpendPath', { node, input: 0, path: 0 });
    const back = nodeOf(await t.must('tx.sign', { node, wallet: 'Bob' }), node);
    expect(back.wtxid).toBe(byLeaf.wtxid);
    expect(back.status).toMatchObject({ kind: 'confirmed' });
    expect(back.status).not.toHaveProperty('otherWitness');
  });

  it('refuses a wrong preimage, a missing leaf, a key path on NUMS, and a bad leaf', async () => {
    const t = await testBench({ seed: 43 });
    const { fund, spend } = await funded(t);
    const node = await spend(3, 0);
    const wrong = await t.call('graph.setSpendPath', { node, input: 0, path: 2, preimage: '00' });
    expect(wrong.ok || wrong.error).toMatchObject({ code: 'BAD_REQUEST' });
    const missing = await t.call('graph.setSpendPath', { node, input: 0, path: 2 });
    expect(missing.ok || missing.error).toMatchObject({ code: 'BAD_REQUEST' });
    const noLeaf = await t.call('graph.setSpendPath', { node, input: 0, path: 7 });
    expect(noLeaf.ok || noLeaf.error).toMatchObject({ code: 'BAD_REQUEST' });

    // A script-only output: BIP341's H as internal key; no key path, and a new spend starts with none.
    const nums = await t.must('graph.setTaprootOutput', {
      node: fund,
      output: 6,
      internal: { nums: true },
      leaves: [{ kind: 'key', wallet: 'Bob' }],
    });
    // H is the x coordinate of SHA256 of the uncompressed generator G (BIP341).
    const g =
      '0479be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798' +
      '483ada7726a3c4655da4fbfc0e1108a8fd17b448a68554199c47d08ffb10d4b8';
    const tree = nodeOf(nums, fund).outputs[6]!.taprootTree!;
    expect(tree).toMatchObject({ nums: true, internalKey: toHex(sha256(fromHex(g))) });
    expect(tree.internalOwner).toBeUndefined();
    const scriptOnly = await spend(6, 0);
    const keyPath = await t.call('graph.setSpendPath', { node: scriptOnly, input: 0, path: 'key' });
    expect(keyPath.ok || keyPath.error).toMatchObject({ code: 'BAD_REQUEST' });

    const badAsm = await t.call('graph.setTaprootOutput', {
      node: fund,
      output: 0,
      internal: { wallet: 'Alice' },
      leaves: [{ kind: 'asm', asm: 'OP_FROB' }],
    });
    expect(badAsm.ok || badAsm.error).toMatchObject({ code: 'BAD_REQUEST', path: 'leaves[0].asm' });
    const tooMany = await t.call('graph.setTaprootOutput', {
      node: fund,
      output: 0,
      internal: { wallet: 'Alice' },
      leaves: [{ kind: 'multi', wallets: ['Alice'], required: 2 }],
    });
    expect(tooMany.ok).toBe(false);
  });
});
