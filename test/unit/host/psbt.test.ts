import { Psbt } from 'bitcoinjs-lib';
import { toHex } from '../../../shared/bitcoin/bytes';
import { Transaction } from '../../../shared/bitcoin/transaction';
import { describe, expect, it } from 'vitest';
import type { WorkspaceView } from '../../../shared/contract/views';
import { BuiltinCatalog } from '../../../main/host/catalog';
import { testBench, type TestBench } from './helpers';

/** Alice's coinbase → `payTo` (P2WPKH input); returns the payment node id. */
async function payment(
  t: TestBench,
  payTo: { wallet: string; type?: 'p2pkh' | 'p2wpkh' },
  value = 1_000_000_000n,
): Promise<string> {
  const start = await t.must('workspace.get', {});
  const alice = start.wallets.find((w) => w.name === 'Alice')!;
  const coin = (await t.must('wallet.utxos', { wallet: alice.id, chain: 'btc' })).utxos.find((u) => u.mature)!;
  const src = await t.must('graph.addChainTx', { chain: 'btc', txid: coin.txid, position: { x: 0, y: 0 } });
  const pay = await t.must('graph.addNode', { template: 'p2pkh-payment', chain: 'btc', position: { x: 300, y: 0 } });
  await t.must('graph.connect', {
    from: { node: src.created, output: coin.vout },
    to: { node: pay.created, input: 0 },
  });
  await t.must('graph.setOutput', { node: pay.created, output: 0, value: value.toString(), payTo });
  await t.must('graph.addOutput', {
    node: pay.created,
    value: (BigInt(coin.value) - value - 2_000n).toString(),
    payTo: { wallet: 'Alice' },
  });
  return pay.created;
}

const node = (view: WorkspaceView, id: string) => view.nodes.find((n) => n.id === id)!;

describe('PSBT export and import', () => {
  it('exports a signed P2WPKH draft that an independent finalizer turns into the same transaction', async () => {
    const t = await testBench();
    const pay = await payment(t, { wallet: 'Bob' });
    await t.must('tx.sign', { node: pay, wallet: 'Alice' });
    const { psbt } = await t.must('tx.exportPsbt', { node: pay });
    const decoded = Psbt.fromBase64(psbt);
    expect(decoded.data.inputs[0]!.witnessUtxo).toBeDefined();
    expect(decoded.data.inputs[0]!.partialSig).toHaveLength(1);
    decoded.finalizeAllInputs();
    const ours = await t.must('tx.inspect', { node: pay });
    expect(decoded.extractTransaction().toHex()).toBe(ours.hex);
  });

  it('carries the whole previous transaction for a legacy input', async () => {
    const t = await testBench();
    const pay = await payment(t, { wallet: 'Bob', type: 'p2pkh' });
    await t.must('tx.sign', { node: pay, wallet: 'Alice' });
    await t.must('tx.broadcast', { node: pay });
    await t.must('chain.mine', { chain: 'btc', count: 1 });
    const spend = await t.must('graph.addNode', {
      template: 'p2pkh-payment',
      chain: 'btc',
      position: { x: 600, y: 0 },
    });
    await t.must('graph.connect', { from: { node: pay, output: 0 }, to: { node: spend.created, input: 0 } });
    await t.must('graph.setOutput', { node: spend.created, output: 0, value: '999990000', payTo: { wallet: 'Carol' } });
    await t.must('tx.sign', { node: spend.created, wallet: 'Bob' });
    const { psbt } = await t.must('tx.exportPsbt', { node: spend.created });
    const decoded = Psbt.fromBase64(psbt);
    expect(decoded.data.inputs[0]!.nonWitnessUtxo).toBeDefined();
    decoded.finalizeAllInputs();
    expect(decoded.extractTransaction().toHex()).toBe((await t.must('tx.inspect', { node: spend.created })).hex);
  });

  it('imports a partly signed PSBT into a draft with its signature slots, and a raw transaction as signed', async () => {
    const t = await testBench();
    const pay = await payment(t, { wallet: 'Bob' });
    const unsigned = await t.must('tx.exportPsbt', { node: pay });
    const imported = await t.must('graph.importTx', { chain: 'btc', data: unsigned.psbt, position: { x: 0, y: 300 } });
    const copy = node(imported, imported.created);
    expect(copy.status.kind).toBe('draft');
    expect(copy.inputs[0]!.slots.map((s) => s.owner?.walletName)).toEqual(['Alice']);
    expect(copy.txid).toBe(node(imported, pay).txid);
    // Signing the imported copy gives the same transaction as signing the original.
    const signedCopy = await t.must('tx.sign', { node: imported.created, wallet: 'Alice' });
    await t.must('tx.sign', { node: pay, wallet: 'Alice' });
    const raw = (await t.must('tx.inspect', { node: pay })).hex;
    expect((await t.must('tx.inspect', { node: imported.created })).hex).toBe(raw);
    expect(node(signedCopy, imported.created).status.kind).toBe('signed');

    const fromRaw = await t.must('graph.importTx', { chain: 'btc', data: raw, position: { x: 0, y: 600 } });
    expect(node(fromRaw, fromRaw.created).status.kind).toBe('signed');
    expect(node(fromRaw, fromRaw.created).txid).toBe(node(fromRaw, pay).txid);
  });

  it('refuses what is neither a PSBT nor a transaction, naming the field', async () => {
    const t = await testBench();
    for (const data of ['cHNidP8Bzz==', 'deadbeef', 'hello']) {
      const r = await t.call('graph.importTx', { chain: 'btc', data, position: { x: 0, y: 0 } });
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error).toMatchObject({ code: 'BAD_REQUEST', path: 'data' });
    }
  });
});

describe('money range on import and edit (CheckTransaction: bad-txns-vout-toolarge)', () => {
  it('refuses a raw transaction paying more than 21,000,000 BTC, and an edit that would', async () => {
    const t = await testBench();
    const raw = new Transaction();
    raw.addInput(new Uint8Array(32).fill(3), 0);
    raw.addOutput(Uint8Array.of(0x51), 2_100_000_000_000_001n);
    const r = await t.call('graph.importTx', { chain: 'btc', data: toHex(raw.toBuffer()), position: { x: 0, y: 0 } });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatchObject({ code: 'BAD_REQUEST', path: 'data' });
    if (!r.ok) expect(r.error.message).toMatch(/output 0: 2100000000000001 sat is more than all the BTC there can be/);

    const pay = await payment(t, { wallet: 'Bob' });
    const edit = await t.call('graph.setOutput', { node: pay, output: 0, value: '2100000000000001' });
    expect(edit.ok).toBe(false);
    if (!edit.ok) expect(edit.error).toMatchObject({ code: 'BAD_REQUEST', path: 'value' });
    const added = await t.call('graph.addOutput', { node: pay, value: '2099999999999999' });
    expect(added.ok).toBe(false);
  });
});

describe('PSBT export of an HTLC spend', () => {
  it('finalizes a fully signed HE1b itself (R and the branch have no PSBT field), so any extractor gets the same transaction', async () => {
    const t = await testBench({ catalog: new BuiltinCatalog() });
    const loaded = await t.must('scenario.load', { name: 'htlc', path: 'redeem' });
    const steps = loaded.lesson!.steps;
    // Play until Bob has signed HE1b as well (the step that publishes it).
    const publish = steps.findIndex((s) => s.title.en.startsWith('Bob shows R'));
    expect(publish).toBeGreaterThan(0);
    await t.must('lesson.goto', { position: publish + 1 });
    const view = await t.must('workspace.get', {});
    const he1b = view.nodes.find((n) => n.label === 'HE1b')!;
    const { psbt } = await t.must('tx.exportPsbt', { node: he1b.id });
    const decoded = Psbt.fromBase64(psbt);
    expect(decoded.data.inputs[0]!.finalScriptWitness).toBeDefined();
    expect(decoded.extractTransaction().toHex()).toBe((await t.must('tx.inspect', { node: he1b.id })).hex);
  });
});
