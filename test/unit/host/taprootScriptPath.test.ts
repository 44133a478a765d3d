/**
 * Issue 15 §3: P2TR outputs with a script tree, spent through the keystore. Alice funds four
 * outputs to one P2TR address whose tree holds three leaves; a builder (as a lesson's template
 * does) gives each spend an unlock from shared/workspace/taprootUnlock.ts, tx.sign fills its
 * slots, and the simulated chain (which enforces Taproot) accepts and confirms every spend:
 * - leaf 0, `<Bob> CHECKSIG`, signed by a receive key (any key signs a leaf, untweaked);
 * - leaf 1, a SHA256 hashlock and Carol's `taproot` key (a leaf signs with it untweaked too);
 * - leaf 2, Bob's key, then OP_CODESEPARATOR and Dave's key: Dave's signature commits to the
 *   separator's opcode position (2), Bob's to none; the same spend without the position fails;
 * - the key path, by Alice's receive key as internal key, tweaked by the tree's Merkle root.
 */
import { Transaction } from 'bitcoinjs-lib';
import { describe, expect, it } from 'vitest';
import { fromHex, toHex } from '../../../shared/bitcoin/bytes';
import { sha256 } from '../../../shared/bitcoin/hashes';
import { TAPROOT_LEAF_TAPSCRIPT, taprootOutput } from '../../../shared/bitcoin/taproot';
import type { WorkspaceView } from '../../../shared/contract/views';
import type { Unlock } from '../../../shared/workspace/model';
import { taprootKeyPathUnlock, tapscriptSig, tapscriptUnlock, xOnlyHex } from '../../../shared/workspace/taprootUnlock';
import { fromAsm } from '../../../shared/bitcoin/asm';
import { setUnlock, type TestBench, testBench } from './helpers';

const COIN = 100_000_000n;
const PREIMAGE = '11'.repeat(32);

function script(asm: string): Uint8Array {
  const r = fromAsm(asm);
  if (!r.ok) throw new Error(`bad ASM ${asm}`);
  return r.value;
}

async function keyOf(t: TestBench, wallet: string, purpose: 'receive' | 'taproot'): Promise<string> {
  const view = await t.must('wallet.deriveKey', { wallet, purpose });
  return view.wallets.find((w) => w.name === wallet)!.keys.find((k) => k.id === view.keyId)!.publicKey;
}

function inputOf(view: WorkspaceView, node: string) {
  return view.nodes.find((n) => n.id === node)!.inputs[0]!;
}

async function setup(seed: number) {
  const t = await testBench({ seed });
  await t.must('chain.mine', { chain: 'btc', count: 1, to: { wallet: 'Alice' } });
  await t.must('chain.mine', { chain: 'btc', count: 100, to: { wallet: 'Carol' } });
  const alice = await keyOf(t, 'Alice', 'receive');
  const bob = await keyOf(t, 'Bob', 'receive');
  const carol = await keyOf(t, 'Carol', 'taproot');
  const dave = await keyOf(t, 'Dave', 'receive');
  const hash = toHex(sha256(fromHex(PREIMAGE)));
  const leaf = (asm: string) => ({ script: script(asm), leafVersion: TAPROOT_LEAF_TAPSCRIPT });
  const leaves = [
    leaf(`${xOnlyHex(bob)} OP_CHECKSIG`),
    leaf(`OP_SHA256 ${hash} OP_EQUALVERIFY ${xOnlyHex(carol)} OP_CHECKSIG`),
    leaf(`${xOnlyHex(bob)} OP_CHECKSIGVERIFY OP_CODESEPARATOR ${xOnlyHex(dave)} OP_CHECKSIG`),
  ] as const;
  const output = taprootOutput(fromHex(xOnlyHex(alice)), [leaves[0], [leaves[1], leaves[2]]])!;
  const p2trAsm = `1 ${toHex(output.outputKey)}`;

  // Funding: four outputs of 1 BTC to the tree's address, the rest back to Alice.
  const coin = (await t.must('wallet.utxos', { wallet: 'Alice', chain: 'btc' })).utxos[0]!;
  const funding = await t.must('graph.payFromCoin', {
    chain: 'btc',
    coin: { txid: coin.txid, vout: coin.vout },
    to: { wallet: 'Bob' },
    value: COIN.toString(),
    position: { x: 0, y: 0 },
  });
  const fund = funding.created;
  await t.must('graph.setOutput', { node: fund, output: 0, scriptPubKeyAsm: p2trAsm });
  await t.must('graph.setOutput', { node: fund, output: 1, value: COIN.toString(), scriptPubKeyAsm: p2trAsm });
  for (let i = 0; i < 2; i++) await t.must('graph.addOutput', { node: fund, value: COIN.toString() });
  for (const o of [2, 3]) await t.must('graph.setOutput', { node: fund, output: o, scriptPubKeyAsm: p2trAsm });
  const change = BigInt(coin.value) - 4n * COIN - 5_000n;
  await t.must('graph.addOutput', { node: fund, value: change.toString(), payTo: { wallet: 'Alice' } });
  await t.must('tx.sign', { node: fund, wallet: 'Alice' });
  expect((await t.must('tx.broadcast', { node: fund })).broadcast).toMatchObject({ accepted: true });
  await t.must('chain.mine', { chain: 'btc', count: 1, to: { wallet: 'Carol' } });

  /** A draft spending funding output `vout` to Dave (1 BTC less a fee), with the builder's unlock. */
  const spend = async (vout: number, unlock: Unlock) => {
    const node = (
      await t.must('graph.addNode', { template: 'custom', chain: 'btc', position: { x: 300, y: vout * 200 } })
    ).created;
    await t.must('graph.connect', { from: { node: fund, output: vout }, to: { node, input: 0 } });
    await t.must('graph.setOutput', { node, output: 0, value: (COIN - 2_000n).toString(), payTo: { wallet: 'Dave' } });
    setUnlock(t, node, unlock);
    return node;
  };
  return { t, alice, bob, carol, dave, output, spend };
}

describe('P2TR script-path signing through the keystore', () => {
  it('spends by each leaf and by the tweaked key path; the chain accepts and confirms them all', async () => {
    const { t, alice, bob, carol, dave, output, spend } = await setup(31);
    const [l0, l1, l2] = output.leaves;
    const byBob = await spend(0, tapscriptUnlock(l0!, [tapscriptSig(bob)]));
    const byHash = await spend(
      1,
      tapscriptUnlock(l1!, [tapscriptSig(carol), { kind: 'data', hex: PREIMAGE, label: 'preimage' }]),
    );
    const bySeparator = await spend(
      2,
      tapscriptUnlock(l2!, [tapscriptSig(dave, { codesepPos: 2 }), tapscriptSig(bob)]),
    );
    const byKey = await spend(3, taprootKeyPathUnlock(alice, output.merkleRoot));

    expect((await t.must('tx.sign', { node: byBob, wallet: 'Bob' })).signed).toBe(1);
    expect((await t.must('tx.sign', { node: byHash, wallet: 'Carol' })).signed).toBe(1);
    // An explicit hash type (SINGLE|ANYONECANPAY): the type byte after the 64 bytes.
    expect((await t.must('tx.sign', { node: bySeparator, wallet: 'Bob', sighashType: 0x83 })).signed).toBe(1);
    expect((await t.must('tx.sign', { node: bySeparator, wallet: 'Dave' })).signed).toBe(1);
    const signed = await t.must('tx.sign', { node: byKey, wallet: 'Alice' });

    // Witness: 64-byte signatures (65 with an explicit type), then the leaf and its control block.
    const hashInput = inputOf(signed, byHash);
    expect(hashInput.witness).toEqual([
      expect.stringMatching(/^[0-9a-f]{128}$/),
      PREIMAGE,
      toHex(l1!.leaf.script),
      toHex(l1!.controlBlock),
    ]);
    expect(inputOf(signed, bySeparator).witness[1]).toMatch(/^[0-9a-f]{128}83$/);
    expect(inputOf(signed, byKey).witness).toEqual([expect.stringMatching(/^[0-9a-f]{128}$/)]);

    for (const node of [byBob, byHash, bySeparator, byKey]) {
      const sent = await t.must('tx.broadcast', { node });
      expect(sent.broadcast, node).toMatchObject({ accepted: true });
    }
    const mined = await t.must('chain.mine', { chain: 'btc', count: 1, to: { wallet: 'Carol' } });
    for (const node of [byBob, byHash, bySeparator, byKey])
      expect(mined.nodes.find((n) => n.id === node)!.status.kind).toBe('confirmed');
  });

  it('a signature that ignores the code separator is refused by the chain', async () => {
    const { t, bob, dave, output, spend } = await setup(32);
    const node = await spend(2, tapscriptUnlock(output.leaves[2]!, [tapscriptSig(dave), tapscriptSig(bob)]));
    await t.must('tx.sign', { node, wallet: 'Bob' });
    await t.must('tx.sign', { node, wallet: 'Dave' });
    const sent = await t.must('tx.broadcast', { node });
    expect(sent.broadcast).toMatchObject({ accepted: false });
    // The debugger walks the tapscript and shows Dave's check failing.
    const trace = await t.must('tx.debug', { node, input: 0 });
    expect(trace.phases.map((p) => p.script)).toContain('tapscript');
    const checks = trace.steps.flatMap((s) => s.signatureChecks ?? []);
    expect(checks.map((c) => [c.sigVersion, c.valid])).toEqual([
      ['TAPSCRIPT', true],
      ['TAPSCRIPT', false],
    ]);
  });

  it('the debugger steps through a valid leaf spend, and replays sign byte for byte', async () => {
    const run = async (seed: number) => {
      const { t, carol, output, spend } = await setup(seed);
      const node = await spend(
        1,
        tapscriptUnlock(output.leaves[1]!, [tapscriptSig(carol), { kind: 'data', hex: PREIMAGE, label: 'preimage' }]),
      );
      await t.must('tx.sign', { node, wallet: 'Carol' });
      const trace = await t.must('tx.debug', { node, input: 0 });
      return { trace, hex: (await t.must('tx.inspect', { node })).hex };
    };
    const a = await run(33);
    expect(a.trace.result.ok).toBe(true);
    const tapscript = a.trace.steps.filter((s) => s.script === 'tapscript').map((s) => s.opcode);
    expect(tapscript).toEqual(['OP_SHA256', 'OP_PUSHBYTES_32', 'OP_EQUALVERIFY', 'OP_PUSHBYTES_32', 'OP_CHECKSIG']);
    const steps = a.trace.steps.filter((s) => s.script === 'tapscript');
    // The witness's leaf inputs are the tapscript's first stack: the signature under the preimage.
    const phase = a.trace.phases.find((p) => p.script === 'tapscript')!;
    expect(phase.initialStack).toEqual([expect.stringMatching(/^[0-9a-f]{128}$/), PREIMAGE]);
    expect(steps[0]!.stack[1]).toBe(toHex(sha256(fromHex(PREIMAGE))));
    const check = steps.at(-1)!.signatureChecks!;
    expect(check).toMatchObject([{ sigVersion: 'TAPSCRIPT', valid: true }]);
    // BIP342's budget: 50 + the serialized witness's size, less 50 for the one signature checked.
    // Four items, each under 253 bytes: a count byte, then a length byte and the bytes of each.
    const witness = Transaction.fromHex(a.hex).ins[0]!.witness;
    expect(witness).toHaveLength(4);
    const witnessSize = 1 + witness.reduce((sum, item) => sum + 1 + item.length, 0);
    expect(steps.map((s) => s.validationWeightLeft)).toEqual([...Array<number>(4).fill(50 + witnessSize), witnessSize]);
    expect((await run(33)).hex).toBe(a.hex);
  });

  it('a leaf spend whose witness lacks the control block is refused before signing', async () => {
    const { t, bob, output, spend } = await setup(34);
    const unlock = tapscriptUnlock(output.leaves[0]!, [tapscriptSig(bob)]);
    const node = await spend(0, { ...unlock, witness: unlock.witness.slice(0, -1) });
    const r = await t.call('tx.sign', { node, wallet: 'Bob' });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe('INVALID_STATE');
  });
});
