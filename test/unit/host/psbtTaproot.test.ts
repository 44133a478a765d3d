/**
 * BIP371 (Taproot fields for PSBT) in export and import. Import: every test vector of the BIP
 * (test/fixtures/bip371, the BIP's text unchanged) — the invalid ones refused in catalogue words
 * naming the field, the valid ones accepted — and hand-made breaches of rules the vectors do not
 * cover. Export: a P2TR payment carries the internal keys and BIP32 origins the wallets know,
 * checked against bip32/bip39 and bitcoinjs-lib's own P2TR, and its key-path signature comes back.
 */
import { readFileSync } from 'node:fs';
import { BIP32Factory } from 'bip32';
import { mnemonicToSeedSync } from 'bip39';
import { initEccLib, networks, payments, Psbt, Transaction } from 'bitcoinjs-lib';
import * as ecc from 'tiny-secp256k1';
import { describe, expect, it } from 'vitest';
import { concat, fromHex, toHex } from '../../../shared/bitcoin/bytes';
import type { NodeView, WorkspaceView } from '../../../shared/contract/views';
import { zhCN } from '../../../shared/ui/i18n/zh-CN';
import { taprootFieldProblem } from '../../../shared/workspace/psbtTaprootCheck';
import { type TestBench, testBench } from './helpers';

initEccLib(ecc);
const bip32 = BIP32Factory(ecc);

interface Vector {
  readonly title: string;
  readonly valid: boolean;
  readonly base64: string;
}

/** The BIP's "Test Vectors" section: each case's title and its base64 string. */
function bip371Vectors(): Vector[] {
  const text = readFileSync('test/fixtures/bip371/bip-0371.mediawiki', 'utf8');
  const section = text.slice(text.indexOf('==Test Vectors=='), text.indexOf('==Rationale=='));
  const validFrom = section.indexOf('The following are valid PSBTs');
  const cases = /\* Case: (.*)\n(?:.*\n)*?\*\* Base64 String: <pre>([A-Za-z0-9+/=]+)<\/pre>/g;
  return [...section.matchAll(cases)].map((m) => ({
    title: m[1]!.replace(/<\/?tt>/g, ''),
    valid: m.index >= validFrom,
    base64: m[2]!,
  }));
}

const VECTORS = bip371Vectors();

function nodeOf(view: WorkspaceView, id: string): NodeView {
  const node = view.nodes.find((n) => n.id === id);
  if (!node) throw new Error(`no node ${id}`);
  return node;
}

describe('BIP371 test vectors on import', () => {
  it('are all read from the BIP: 11 invalid, 6 valid', () => {
    expect(VECTORS.filter((v) => !v.valid)).toHaveLength(11);
    expect(VECTORS.filter((v) => v.valid)).toHaveLength(6);
  });

  const field = (title: string) => /PSBT_(IN|OUT)_TAP_[A-Z0-9_]+/.exec(title)![0];

  for (const vector of VECTORS.filter((v) => !v.valid)) {
    it(`refuses: ${vector.title}`, async () => {
      const t = await testBench();
      const r = await t.call('graph.importTx', { chain: 'btc', data: vector.base64, position: { x: 0, y: 0 } });
      expect(r.ok).toBe(false);
      if (r.ok) return;
      expect(r.error).toMatchObject({ code: 'BAD_REQUEST', path: 'data' });
      expect(r.error.text?.key).toMatch(/^host\.psbt\.tap\./);
      // The refusal names the field the BIP's case is about, in both languages.
      expect(r.error.message).toContain(field(vector.title));
      expect(zhCN[r.error.text!.key]).toMatch(/[\u4e00-\u9fff]/);
      // The same bytes as hex are refused alike.
      const hex = toHex(Uint8Array.from(Buffer.from(vector.base64, 'base64')));
      expect(taprootFieldProblem(fromHex(hex))).toEqual(r.error.text);
    });
  }

  // The two script-path vectors offer three leaves, and no signature (or signatures in every
  // leaf) to pick one: a draft spends by one path, so TxLab says so rather than drop the others.
  const severalLeaves = (v: Vector) => v.title.includes('script path only input');
  it('two valid vectors offer several leaves', () => {
    expect(VECTORS.filter((v) => v.valid && severalLeaves(v))).toHaveLength(2);
  });

  for (const vector of VECTORS.filter((v) => v.valid && severalLeaves(v))) {
    it(`refuses to pick a leaf for: ${vector.title}`, async () => {
      const t = await testBench();
      const r = await t.call('graph.importTx', { chain: 'btc', data: vector.base64, position: { x: 0, y: 0 } });
      expect(r.ok).toBe(false);
      if (r.ok) return;
      expect(Psbt.fromBase64(vector.base64).data.inputs[0]!.tapLeafScript).toHaveLength(3);
      expect(r.error.text).toEqual({ key: 'host.psbt.tap.severalLeaves', params: { index: 0, count: 3 } });
    });
  }

  for (const vector of VECTORS.filter((v) => v.valid && !severalLeaves(v))) {
    it(`accepts: ${vector.title}`, async () => {
      const t = await testBench();
      const view = await t.must('graph.importTx', { chain: 'btc', data: vector.base64, position: { x: 0, y: 0 } });
      const imported = nodeOf(view, view.created);
      expect(imported.inputs).toHaveLength(Psbt.fromBase64(vector.base64).txInputs.length);
    });
  }
});

/** A PSBT of the first valid vector's unsigned transaction with one input map and one output map. */
function psbtWith(input: [Uint8Array, Uint8Array][], output: [Uint8Array, Uint8Array][] = []): Uint8Array {
  const unsignedTx = Psbt.fromBase64(VECTORS.find((v) => v.valid)!.base64).data.globalMap.unsignedTx.toBuffer();
  const map = (entries: [Uint8Array, Uint8Array][]) =>
    concat(...entries.flatMap(([k, v]) => [varLen(k), k, varLen(v), v]), Uint8Array.of(0));
  return concat(fromHex('70736274ff'), map([[Uint8Array.of(0), unsignedTx]]), map(input), map(output));
}

const varLen = (v: Uint8Array) =>
  v.length < 0xfd ? Uint8Array.of(v.length) : Uint8Array.of(0xfd, v.length & 0xff, v.length >> 8);
const bytes = (n: number, fill = 7) => new Uint8Array(n).fill(fill);
const key = (...b: number[]) => Uint8Array.from(b);

describe('BIP371 rules beyond the vectors', () => {
  it('accepts well-formed fields, including a three-leaf tap tree', () => {
    const leaf = (depth: number) => [depth, 0xc0, 1, 0x51];
    const psbt = psbtWith(
      [
        [key(0x13), bytes(65, 1).fill(0x83, 64)],
        [key(0x17), bytes(32)],
        [key(0x18), bytes(32)],
        [concat(key(0x15, 0xc1), bytes(64)), Uint8Array.of(0x51, 0xc0)],
      ],
      [[key(0x06), Uint8Array.from([...leaf(1), ...leaf(2), ...leaf(2)])]],
    );
    expect(taprootFieldProblem(psbt)).toBeUndefined();
  });

  it.each([
    ['a 65-byte key-path signature with hash type 0x00', [[key(0x13), bytes(65, 0)]], [], 'host.psbt.tap.sighashType'],
    [
      'a 65-byte script-path signature with hash type 0x84',
      [[concat(key(0x14), bytes(64)), bytes(65, 0x84)]],
      [],
      'host.psbt.tap.sighashType',
    ],
    ['a 31-byte Merkle root', [[key(0x18), bytes(31)]], [], 'host.psbt.tap.merkleRoot'],
    [
      'a control block of 33 + 32·129 bytes',
      [[concat(key(0x15, 0xc0), bytes(32 * 130)), key(0x51, 0xc0)]],
      [],
      'host.psbt.tap.controlBlock',
    ],
    [
      'a leaf version unlike its control block',
      [[concat(key(0x15, 0xc0), bytes(32)), key(0x51, 0xc2)]],
      [],
      'host.psbt.tap.leafVersion',
    ],
    [
      'a derivation whose leaf count claims more hashes than follow',
      [[concat(key(0x16), bytes(32)), key(0x05, 1, 2, 3, 4)]],
      [],
      'host.psbt.tap.inDerivation',
    ],
    [
      'a derivation path cut mid-step',
      [[concat(key(0x16), bytes(32)), key(0x00, 1, 2, 3, 4, 5, 6)]],
      [],
      'host.psbt.tap.inDerivation',
    ],
    ['an internal-key field with key data', [[key(0x17, 0), bytes(32)]], [], 'host.psbt.tap.inKeyData'],
    ['a tap tree of one leaf at depth 1', [], [[key(0x06), key(1, 0xc0, 1, 0x51)]], 'host.psbt.tap.tree'],
    ['a tap tree with an odd leaf version', [], [[key(0x06), key(0, 0xc1, 1, 0x51)]], 'host.psbt.tap.tree'],
    [
      'a tap tree deeper than 128',
      [],
      [[key(0x06), key(129, 0xc0, 1, 0x51, 129, 0xc0, 1, 0x51)]],
      'host.psbt.tap.tree',
    ],
    ['a tap tree whose script runs past the end', [], [[key(0x06), key(0, 0xc0, 5, 0x51)]], 'host.psbt.tap.tree'],
    [
      'a tap tree with a leaf after the root closed',
      [],
      [[key(0x06), key(0, 0xc0, 1, 0x51, 0, 0xc0, 1, 0x51)]],
      'host.psbt.tap.tree',
    ],
    ['an empty tap tree', [], [[key(0x06), new Uint8Array(0)]], 'host.psbt.tap.tree'],
  ] as const)('refuses %s', (_name, input, output, expected) => {
    const problem = taprootFieldProblem(
      psbtWith(input as unknown as [Uint8Array, Uint8Array][], output as unknown as [Uint8Array, Uint8Array][]),
    );
    expect(problem?.key).toBe(expected);
  });

  it('stops at once on counts the bytes cannot hold (bounded work on hostile input)', () => {
    // An unsigned transaction claiming 2^64 − 1 inputs, then nothing.
    const tx = concat(fromHex('02000000ff'), bytes(8, 0xff));
    const psbt = concat(fromHex('70736274ff'), key(1, 0), varLen(tx), tx, key(0));
    expect(taprootFieldProblem(psbt)).toBeUndefined();
    // A map whose key claims 2^32 bytes.
    expect(taprootFieldProblem(concat(fromHex('70736274ff'), key(0xfe, 0xff, 0xff, 0xff, 0xff)))).toBeUndefined();
  });

  it('leaves a file that is not framed as a PSBT to the parser', () => {
    expect(taprootFieldProblem(fromHex('70736274ff01'))).toBeUndefined();
    expect(taprootFieldProblem(fromHex('deadbeef'))).toBeUndefined();
  });
});

/** Alice mines to her BIP86 key, then drafts a P2TR payment to Bob with change to herself. */
async function taprootDraft(t: TestBench): Promise<string> {
  await t.must('chain.mine', { chain: 'btc', count: 1, to: { wallet: 'Alice', type: 'p2tr' } });
  await t.must('chain.mine', { chain: 'btc', count: 100, to: { wallet: 'Carol' } });
  const coin = (await t.must('wallet.utxos', { wallet: 'Alice', chain: 'btc' })).utxos.find((u) =>
    u.address?.startsWith('bcrt1p'),
  )!;
  const src = await t.must('graph.addChainTx', { chain: 'btc', txid: coin.txid, position: { x: 0, y: 0 } });
  const pay = await t.must('graph.addNode', { template: 'p2tr-payment', chain: 'btc', position: { x: 300, y: 0 } });
  await t.must('graph.connect', {
    from: { node: src.created, output: coin.vout },
    to: { node: pay.created, input: 0 },
  });
  await t.must('graph.setOutput', { node: pay.created, output: 0, value: '100000000', payTo: { wallet: 'Bob' } });
  await t.must('graph.addOutput', {
    node: pay.created,
    value: (BigInt(coin.value) - 100_000_000n - 2_000n).toString(),
    payTo: { wallet: 'Alice' },
  });
  return pay.created;
}

describe('BIP371 fields on export', () => {
  it('name the internal keys and BIP86 origins of a P2TR input and of outputs paying wallets', async () => {
    const t = await testBench({ seed: 31 });
    const pay = await taprootDraft(t);
    const psbt = Psbt.fromBase64((await t.must('tx.exportPsbt', { node: pay })).psbt);
    const mnemonics = t.bench.wallets.exportMnemonicsDangerously();
    const view = await t.must('workspace.get', {});
    const walletOf = (name: string) => view.wallets.find((w) => w.name === name)!;
    // bip39 + bip32, not the keystore: the master fingerprint and the key at m/86'/1'/0'/0/0.
    const expectedOrigin = (name: string) => {
      const root = bip32.fromSeed(mnemonicToSeedSync(mnemonics.get(walletOf(name).id)!));
      const node = root.derivePath("m/86'/1'/0'/0/0");
      return { masterFingerprint: toHex(root.fingerprint), pubkey: toHex(node.publicKey.subarray(1)) };
    };
    const input = psbt.data.inputs[0]!;
    const alice = expectedOrigin('Alice');
    expect(toHex(input.tapInternalKey!)).toBe(alice.pubkey);
    expect(input.tapKeySig).toBeUndefined();
    expect(
      input.tapBip32Derivation!.map((d) => [toHex(d.masterFingerprint), toHex(d.pubkey), d.path, d.leafHashes]),
    ).toEqual([[alice.masterFingerprint, alice.pubkey, "m/86'/1'/0'/0/0", []]]);
    for (const [i, name] of [
      [0, 'Bob'],
      [1, 'Alice'],
    ] as const) {
      const output = psbt.data.outputs[i]!;
      const expected = expectedOrigin(name);
      expect(toHex(output.tapInternalKey!)).toBe(expected.pubkey);
      // bitcoinjs-lib's BIP86 tweak of that internal key is the output's script.
      expect(toHex(payments.p2tr({ internalPubkey: output.tapInternalKey! }).output!)).toBe(
        toHex(psbt.txOutputs[i]!.script),
      );
      expect(output.tapBip32Derivation!.map((d) => [toHex(d.masterFingerprint), d.path])).toEqual([
        [expected.masterFingerprint, "m/86'/1'/0'/0/0"],
      ]);
    }
  });

  it('reads a key-path signature from PSBT_IN_TAP_KEY_SIG, and exports a signed input finalized', async () => {
    const t = await testBench({ seed: 32 });
    const pay = await taprootDraft(t);
    const unsigned = (await t.must('tx.exportPsbt', { node: pay })).psbt;
    await t.must('tx.sign', { node: pay, wallet: 'Alice', sighashType: 0x81 });
    const signedHex = (await t.must('tx.inspect', { node: pay })).hex;
    // TxLab's own export of the signed input is final: a 0.21 node cannot finalize Taproot.
    const own = Psbt.fromBase64((await t.must('tx.exportPsbt', { node: pay })).psbt);
    expect(own.data.inputs[0]!.tapKeySig).toBeUndefined();
    expect(own.extractTransaction().toHex()).toBe(signedHex);
    // A signer that leaves finalizing to others (Core 22+) puts the signature in PSBT_IN_TAP_KEY_SIG.
    const sig = Transaction.fromHex(signedHex).ins[0]!.witness[0]!;
    expect(sig).toHaveLength(65);
    expect(sig[64]).toBe(0x81);
    const partly = Psbt.fromBase64(unsigned);
    partly.data.updateInput(0, { tapKeySig: sig });
    const psbt = partly.toBase64();

    const imported = await t.must('graph.importTx', { chain: 'btc', data: psbt, position: { x: 0, y: 300 } });
    expect(nodeOf(imported, imported.created).status.kind).toBe('signed');
    expect((await t.must('tx.inspect', { node: imported.created })).hex).toBe(signedHex);
    // The unsigned export imports as a draft with Alice's key-path slot open.
    const open = await t.must('graph.importTx', { chain: 'btc', data: unsigned, position: { x: 0, y: 600 } });
    const draft = nodeOf(open, open.created);
    expect(draft.status.kind).toBe('draft');
    expect(draft.inputs[0]!.slots.map((s) => s.owner?.walletName)).toEqual(['Alice']);
  });
});

describe('a P2TR address typed as text', () => {
  it('pays the wallet whose BIP86 key it encodes, exported with that key as the output internal key', async () => {
    const t = await testBench({ seed: 33 });
    const pay = await taprootDraft(t);
    const view = await t.must('workspace.get', {});
    const bobKey = view.wallets.find((w) => w.name === 'Bob')!.keys.find((k) => k.purpose === 'taproot')!;
    // BIP86 and BIP350 by bitcoinjs-lib, from Bob's internal key: bech32m, witness version 1.
    const internalPubkey = fromHex(bobKey.publicKey).subarray(1);
    const bobAddress = payments.p2tr({ internalPubkey, network: networks.regtest }).address!;
    expect(bobAddress).toMatch(/^bcrt1p/);
    const edited = await t.must('graph.setOutput', {
      node: pay,
      output: 0,
      value: '100000000',
      payTo: { address: bobAddress },
    });
    expect(nodeOf(edited, pay).outputs[0]).toMatchObject({
      type: 'witness_v1_taproot',
      owner: 'Bob',
      address: bobAddress,
    });
    const psbt = Psbt.fromBase64((await t.must('tx.exportPsbt', { node: pay })).psbt);
    expect(toHex(psbt.data.outputs[0]!.tapInternalKey!)).toBe(bobKey.publicKey.slice(2));
  });
});
