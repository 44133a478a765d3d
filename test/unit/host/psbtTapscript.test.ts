/**
 * BIP371's script-path fields. A P2TR output whose tree holds a 2-of-2 multi_a leaf (Alice and
 * Bob, OP_CHECKSIGADD) and a `<Bob> CHECKSIG` leaf, under Carol's key as internal key: Alice signs
 * the multi_a leaf, the PSBT goes to a fresh workspace, which imports the same draft, lets Bob sign
 * and gets the spend mined. bitcoinjs-lib (with tiny-secp256k1) reads the fields and checks the
 * signature; the tree's root and control block come from its own P2TR payment, not TxLab's.
 */
import { initEccLib, payments, Psbt } from 'bitcoinjs-lib';
import * as ecc from 'tiny-secp256k1';
import { describe, expect, it } from 'vitest';
import { fromAsm } from '../../../shared/bitcoin/asm';
import { fromHex, toHex } from '../../../shared/bitcoin/bytes';
import { TAPROOT_LEAF_TAPSCRIPT, taprootOutput } from '../../../shared/bitcoin/taproot';
import { zhCN } from '../../../shared/ui/i18n/zh-CN';
import type { Unlock } from '../../../shared/workspace/model';
import { taprootKeyPathUnlock, tapscriptSig, tapscriptUnlock, xOnlyHex } from '../../../shared/workspace/taprootUnlock';
import { setUnlock, type TestBench, testBench } from './helpers';

initEccLib(ecc);
const COIN = 100_000_000n;

function script(asm: string): Uint8Array {
  const r = fromAsm(asm);
  if (!r.ok) throw new Error(`bad ASM ${asm}`);
  return r.value;
}

async function keyOf(t: TestBench, wallet: string): Promise<{ publicKey: string; path: string }> {
  const view = await t.must('wallet.deriveKey', { wallet, purpose: 'receive' });
  return view.wallets.find((w) => w.name === wallet)!.keys.find((k) => k.id === view.keyId)!;
}

const draftTx = (t: TestBench, node: string) => {
  const n = t.bench.doc.graph.nodes.find((x) => x.id === node)!;
  if (n.kind !== 'draft') throw new Error(`${node} is not a draft`);
  return n.tx;
};

/** The same seed gives the same wallets, funding and chain: a second call is a fresh workspace. */
async function setup(seed: number) {
  const t = await testBench({ seed });
  await t.must('chain.mine', { chain: 'btc', count: 1, to: { wallet: 'Alice' } });
  await t.must('chain.mine', { chain: 'btc', count: 100, to: { wallet: 'Carol' } });
  const alice = await keyOf(t, 'Alice');
  const bob = await keyOf(t, 'Bob');
  const carol = await keyOf(t, 'Carol');
  const multiA = script(
    `${xOnlyHex(alice.publicKey)} OP_CHECKSIG ${xOnlyHex(bob.publicKey)} OP_CHECKSIGADD 2 OP_NUMEQUAL`,
  );
  const bobOnly = script(`${xOnlyHex(bob.publicKey)} OP_CHECKSIG`);
  const leaves = [multiA, bobOnly].map((s) => ({ script: s, leafVersion: TAPROOT_LEAF_TAPSCRIPT }));
  const output = taprootOutput(fromHex(xOnlyHex(carol.publicKey)), [leaves[0]!, leaves[1]!])!;
  const coin = (await t.must('wallet.utxos', { wallet: 'Alice', chain: 'btc' })).utxos[0]!;
  const funding = await t.must('graph.payFromCoin', {
    chain: 'btc',
    coin: { txid: coin.txid, vout: coin.vout },
    to: { wallet: 'Bob' },
    value: COIN.toString(),
    position: { x: 0, y: 0 },
  });
  const fund = funding.created;
  // Two outputs to the tree's address, then the change back to Alice, less a fee.
  const p2trAsm = `1 ${toHex(output.outputKey)}`;
  await t.must('graph.setOutput', { node: fund, output: 0, scriptPubKeyAsm: p2trAsm });
  await t.must('graph.setOutput', { node: fund, output: 1, value: COIN.toString(), scriptPubKeyAsm: p2trAsm });
  await t.must('graph.addOutput', {
    node: fund,
    value: (BigInt(coin.value) - 2n * COIN - 5_000n).toString(),
    payTo: { wallet: 'Alice' },
  });
  await t.must('tx.sign', { node: fund, wallet: 'Alice' });
  expect((await t.must('tx.broadcast', { node: fund })).broadcast).toMatchObject({ accepted: true });
  await t.must('chain.mine', { chain: 'btc', count: 1, to: { wallet: 'Carol' } });
  const spend = async (unlock: Unlock, vout = 0) => {
    const node = (await t.must('graph.addNode', { template: 'custom', chain: 'btc', position: { x: 300, y: 0 } }))
      .created;
    await t.must('graph.connect', { from: { node: fund, output: vout }, to: { node, input: 0 } });
    await t.must('graph.setOutput', { node, output: 0, value: (COIN - 2_000n).toString(), payTo: { wallet: 'Dave' } });
    setUnlock(t, node, unlock);
    return node;
  };
  return { t, alice, bob, carol, output, multiA, bobOnly, spend };
}

/** The multi_a leaf's unlock: Bob's slot under Alice's, since Alice's key is checked first. */
const multiAUnlock = (s: Awaited<ReturnType<typeof setup>>) =>
  tapscriptUnlock(s.output.leaves[0]!, [tapscriptSig(s.bob.publicKey), tapscriptSig(s.alice.publicKey)]);

describe('BIP371 script-path fields', () => {
  it('a 2-of-2 multi_a leaf signed by Alice goes to a fresh workspace, where Bob signs and it is mined', async () => {
    const a = await setup(41);
    const node = await a.spend(multiAUnlock(a));
    expect((await a.t.must('tx.sign', { node, wallet: 'Alice' })).signed).toBe(1);
    const exported = (await a.t.must('tx.exportPsbt', { node })).psbt;

    // bitcoinjs-lib's reading, against its own P2TR of the same tree.
    const psbt = Psbt.fromBase64(exported);
    const input = psbt.data.inputs[0]!;
    const internalPubkey = fromHex(xOnlyHex(a.carol.publicKey));
    const scriptTree = [{ output: a.multiA }, { output: a.bobOnly }] as const;
    const theirs = payments.p2tr({
      internalPubkey,
      scriptTree: [...scriptTree] as never,
      redeem: { output: a.multiA, redeemVersion: 0xc0 },
    });
    expect(input.finalScriptWitness).toBeUndefined();
    expect(toHex(input.tapInternalKey!)).toBe(toHex(internalPubkey));
    expect(toHex(input.tapMerkleRoot!)).toBe(toHex(theirs.hash!));
    expect(input.tapLeafScript!.map((l) => [l.leafVersion, toHex(l.script), toHex(l.controlBlock)])).toEqual([
      [0xc0, toHex(a.multiA), toHex(theirs.witness!.at(-1)!)],
    ]);
    expect(input.tapScriptSig!.map((s) => toHex(s.pubkey))).toEqual([xOnlyHex(a.alice.publicKey)]);
    expect(psbt.validateSignaturesOfInput(0, (pk, msg, sig) => ecc.verifySchnorr(msg, pk, sig))).toBe(true);
    // Origins: both leaf keys with the leaf's hash, the internal key with none.
    const leafHash = toHex(input.tapScriptSig![0]!.leafHash);
    expect(input.tapBip32Derivation!.map((d) => [toHex(d.pubkey), d.path, d.leafHashes.map(toHex)]).sort()).toEqual(
      [
        [xOnlyHex(a.alice.publicKey), a.alice.path, [leafHash]],
        [xOnlyHex(a.bob.publicKey), a.bob.path, [leafHash]],
        [xOnlyHex(a.carol.publicKey), a.carol.path, []],
      ].sort(),
    );

    const b = await setup(41);
    const view = await b.t.must('graph.importTx', { chain: 'btc', data: exported, position: { x: 0, y: 300 } });
    const imported = view.created;
    // The same draft: the leaf's unlock with Alice's signature, Bob's slot open.
    expect(draftTx(b.t, imported).inputs[0]!.unlock).toEqual(draftTx(a.t, node).inputs[0]!.unlock);
    expect(draftTx(b.t, imported).outputs.map((o) => [o.value, o.scriptPubKey])).toEqual(
      draftTx(a.t, node).outputs.map((o) => [o.value, o.scriptPubKey]),
    );
    expect((await b.t.must('tx.sign', { node: imported, wallet: 'Bob' })).signed).toBe(1);
    expect((await b.t.must('tx.broadcast', { node: imported })).broadcast).toMatchObject({ accepted: true });
    const mined = await b.t.must('chain.mine', { chain: 'btc', count: 1, to: { wallet: 'Carol' } });
    expect(mined.nodes.find((n) => n.id === imported)!.status.kind).toBe('confirmed');
  });

  it('an unsigned leaf spend and a key path with a tree round-trip to the same draft', async () => {
    const s = await setup(42);
    const byLeaf = await s.spend(multiAUnlock(s));
    const leafPsbt = (await s.t.must('tx.exportPsbt', { node: byLeaf })).psbt;
    expect(Psbt.fromBase64(leafPsbt).data.inputs[0]!.tapScriptSig).toBeUndefined();
    const back = await s.t.must('graph.importTx', { chain: 'btc', data: leafPsbt, position: { x: 0, y: 300 } });
    expect(draftTx(s.t, back.created).inputs[0]!.unlock).toEqual(draftTx(s.t, byLeaf).inputs[0]!.unlock);

    const byKey = await s.spend(taprootKeyPathUnlock(s.carol.publicKey, s.output.merkleRoot), 1);
    const keyPsbt = Psbt.fromBase64((await s.t.must('tx.exportPsbt', { node: byKey })).psbt);
    expect(toHex(keyPsbt.data.inputs[0]!.tapMerkleRoot!)).toBe(toHex(s.output.merkleRoot!));
    const keyBack = await s.t.must('graph.importTx', {
      chain: 'btc',
      data: keyPsbt.toBase64(),
      position: { x: 0, y: 600 },
    });
    expect(draftTx(s.t, keyBack.created).inputs[0]!.unlock).toEqual(draftTx(s.t, byKey).inputs[0]!.unlock);
    await s.t.must('tx.sign', { node: keyBack.created, wallet: 'Carol' });
    expect((await s.t.must('tx.broadcast', { node: keyBack.created })).broadcast).toMatchObject({ accepted: true });
  });

  it('several leaves: refused in both languages unless a signature picks one', async () => {
    const s = await setup(43);
    const other = s.output.leaves[1]!;
    const withBoth = (exported: string) => {
      const psbt = Psbt.fromBase64(exported);
      psbt.data.inputs[0]!.tapLeafScript!.push({
        leafVersion: 0xc0,
        script: other.leaf.script,
        controlBlock: other.controlBlock,
      });
      return psbt.toBase64();
    };
    const node = await s.spend(multiAUnlock(s));
    const unsigned = withBoth((await s.t.must('tx.exportPsbt', { node })).psbt);
    const r = await s.t.call('graph.importTx', { chain: 'btc', data: unsigned, position: { x: 0, y: 300 } });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.text).toEqual({ key: 'host.psbt.tap.severalLeaves', params: { index: 0, count: 2 } });
    expect(zhCN['host.psbt.tap.severalLeaves']).toMatch(/[\u4e00-\u9fff]/);

    await s.t.must('tx.sign', { node, wallet: 'Alice' });
    const signed = withBoth((await s.t.must('tx.exportPsbt', { node })).psbt);
    const view = await s.t.must('graph.importTx', { chain: 'btc', data: signed, position: { x: 0, y: 300 } });
    expect(draftTx(s.t, view.created).inputs[0]!.unlock).toEqual(draftTx(s.t, node).inputs[0]!.unlock);
  });

  it('in a workspace whose wallets hold none of the leaf keys, the slots name the x-only keys', async () => {
    const s = await setup(45);
    const node = await s.spend(multiAUnlock(s));
    await s.t.must('tx.sign', { node, wallet: 'Alice' });
    const exported = (await s.t.must('tx.exportPsbt', { node })).psbt;
    const other = await testBench({ seed: 46 });
    const view = await other.must('graph.importTx', { chain: 'btc', data: exported, position: { x: 0, y: 0 } });
    const unlock = draftTx(other, view.created).inputs[0]!.unlock;
    expect(unlock.sigVersion).toBe('TAPSCRIPT');
    expect(unlock.witness.map((i) => (i.kind === 'sig' ? [i.pubKey, i.signature !== undefined] : i.kind))).toEqual([
      [xOnlyHex(s.bob.publicKey), false],
      [xOnlyHex(s.alice.publicKey), true],
      'script',
      'data',
    ]);
    const imported = view.nodes.find((n) => n.id === view.created)!;
    expect(imported.inputs[0]!.slots.map((slot) => slot.owner)).toEqual([undefined, undefined]);
  });

  it('a control block that does not commit to the spent output is refused on export', async () => {
    const s = await setup(44);
    // The multi_a script with the other leaf's control block: its path proves another root.
    const wrong = { leaf: s.output.leaves[0]!.leaf, controlBlock: s.output.leaves[1]!.controlBlock };
    const node = await s.spend(
      tapscriptUnlock(wrong, [tapscriptSig(s.bob.publicKey), tapscriptSig(s.alice.publicKey)]),
    );
    const r = await s.t.call('tx.exportPsbt', { node });
    expect(r.ok).toBe(false);
    if (!r.ok)
      expect(r.error.text, r.error.message).toEqual({ key: 'host.psbt.tap.leafNotCommitted', params: { index: 0 } });
  });
});

describe('an output paying a script tree the draft built', () => {
  it('carries its internal key, its leaves with their depths, and the origins of wallet keys', async () => {
    const t = await testBench({ seed: 47 });
    await t.must('chain.mine', { chain: 'btc', count: 1, to: { wallet: 'Alice' } });
    await t.must('chain.mine', { chain: 'btc', count: 100, to: { wallet: 'Carol' } });
    const coin = (await t.must('wallet.utxos', { wallet: 'Alice', chain: 'btc' })).utxos[0]!;
    const fund = (
      await t.must('graph.payFromCoin', {
        chain: 'btc',
        coin: { txid: coin.txid, vout: coin.vout },
        to: { wallet: 'Bob' },
        value: COIN.toString(),
        position: { x: 0, y: 0 },
      })
    ).created;
    const view = await t.must('graph.setTaprootOutput', {
      node: fund,
      output: 0,
      internal: { wallet: 'Alice' },
      leaves: [
        { kind: 'key', wallet: 'Bob' },
        { kind: 'multi', wallets: ['Alice', 'Bob'], required: 2 },
        { kind: 'asm', asm: 'OP_1' },
      ],
    });
    const keyOfWallet = (name: string) =>
      view.wallets.find((w) => w.name === name)!.keys.find((k) => k.purpose === 'taproot')!;
    const [alice, bob] = [keyOfWallet('Alice'), keyOfWallet('Bob')];
    const [a, b] = [xOnlyHex(alice.publicKey), xOnlyHex(bob.publicKey)];
    const psbt = Psbt.fromBase64((await t.must('tx.exportPsbt', { node: fund })).psbt);
    const output = psbt.data.outputs[0]!;
    // By hand: <Bob> CHECKSIG; <Alice> CHECKSIG <Bob> CHECKSIGADD 2 NUMEQUAL; OP_1. Three leaves
    // balanced: the first two one level deeper than the third.
    const scripts = [`20${b}ac`, `20${a}ac20${b}ba529c`, '51'];
    expect(toHex(output.tapInternalKey!)).toBe(a);
    expect(output.tapTree!.leaves.map((l) => [l.depth, l.leafVersion, toHex(l.script)])).toEqual([
      [2, 0xc0, scripts[0]],
      [2, 0xc0, scripts[1]],
      [1, 0xc0, scripts[2]],
    ]);
    // bitcoinjs-lib's own P2TR of that tree is the output's script.
    const leaf = (i: number) => ({ output: fromHex(scripts[i]!) });
    const theirs = payments.p2tr({ internalPubkey: fromHex(a), scriptTree: [[leaf(0), leaf(1)], leaf(2)] as never });
    expect(toHex(theirs.output!)).toBe(toHex(psbt.txOutputs[0]!.script));
    // The import check of every Taproot field passes it.
    await t.must('graph.importTx', { chain: 'btc', data: psbt.toBase64(), position: { x: 0, y: 300 } });
    // Alice: the internal key and one leaf; Bob: two leaves.
    expect(output.tapBip32Derivation!.map((d) => [toHex(d.pubkey), d.path, d.leafHashes.length]).sort()).toEqual(
      [
        [a, alice.path, 1],
        [b, bob.path, 2],
      ].sort(),
    );
  });
});
