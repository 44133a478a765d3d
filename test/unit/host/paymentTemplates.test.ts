/**
 * Issue 14 §2: the P2PKH, P2WPKH and P2SH-P2WPKH payment templates, each on a coin of each of
 * the three types. The coin decides how the input unlocks (a scriptSig, a witness, or the redeem
 * script and a witness); the template decides what its outputs pay; a mismatch is said in words.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { NodeView, WorkspaceView } from '../../../shared/contract/views';
import { type Catalogue, en, type MessageKey } from '../../../shared/ui/i18n/en';
import { zhCN } from '../../../shared/ui/i18n/zh-CN';
import { typeNoteText } from '../../../shared/ui/typeNotes';
import type { PayType } from '../../../shared/workspace/payTypes';
import { p2shP2wpkhHex } from '../../../shared/workspace/unlock';
import { type TestBench, testBench } from './helpers';

const TYPES: readonly PayType[] = ['p2pkh', 'p2wpkh', 'p2sh-p2wpkh'];
const TEMPLATE: Record<PayType, string> = {
  p2pkh: 'p2pkh-payment',
  'p2sh-p2wpkh': 'p2sh-p2wpkh-payment',
  p2wpkh: 'p2wpkh-payment',
  p2tr: 'p2tr-payment',
};
const COIN = 100_000_000n;
const FEE = 5_000n;

function nodeOf(view: WorkspaceView, id: string): NodeView {
  const node = view.nodes.find((n) => n.id === id);
  if (!node) throw new Error(`no node ${id}`);
  return node;
}

/** An output's type as the page names it: Core's script type, P2SH refined by `nested`. */
function outputType(o: NodeView['outputs'][number]): string {
  if (o.type === 'scripthash' && o.nested) return 'p2sh-p2wpkh';
  return o.type === 'pubkeyhash' ? 'p2pkh' : o.type === 'witness_v0_keyhash' ? 'p2wpkh' : o.type;
}

const translate =
  (catalogue: Catalogue) =>
  (key: MessageKey, params?: Readonly<Record<string, string | number>>): string =>
    catalogue[key].replace(/\{(\w+)\}/g, (m, name: string) => (params && name in params ? String(params[name]) : m));

describe('payment templates on each coin type', () => {
  let t: TestBench;
  /** Alice's coins of each type, three of each (one per template), confirmed. */
  const coins = new Map<PayType, { node: string; outputs: number[] }>();
  let fundTxid = '';

  beforeAll(async () => {
    t = await testBench();
    const utxos = await t.must('wallet.utxos', { wallet: 'Alice', chain: 'btc' });
    const coinbase = utxos.utxos.find((u) => u.mature)!;
    const src = await t.must('graph.addChainTx', { chain: 'btc', txid: coinbase.txid, position: { x: 0, y: 0 } });
    const fund = await t.must('graph.addNode', { template: 'custom', chain: 'btc', position: { x: 300, y: 0 } });
    await t.must('graph.connect', {
      from: { node: src.created, output: coinbase.vout },
      to: { node: fund.created, input: 0 },
    });
    // Three of each type for the templates, and one more P2SH-P2WPKH coin to spend from the chain.
    const types = [...TYPES.flatMap((type) => [type, type, type]), 'p2sh-p2wpkh' as const];
    await t.must('graph.setOutput', {
      node: fund.created,
      output: 0,
      value: COIN.toString(),
      payTo: { wallet: 'Alice', type: types[0]! },
    });
    for (const type of types.slice(1))
      await t.must('graph.addOutput', { node: fund.created, value: COIN.toString(), payTo: { wallet: 'Alice', type } });
    // The rest back to Alice as change.
    const rest = BigInt(coinbase.value) - COIN * BigInt(types.length) - 20_000n;
    await t.must('graph.addOutput', { node: fund.created, value: rest.toString(), payTo: { wallet: 'Alice' } });
    await t.must('tx.sign', { node: fund.created, wallet: 'Alice' });
    const sent = await t.must('tx.broadcast', { node: fund.created });
    expect(sent.broadcast.accepted).toBe(true);
    const mined = await t.must('chain.mine', { chain: 'btc', count: 1, to: { wallet: 'Carol' } });
    const funded = nodeOf(mined, fund.created);
    expect(funded.status.kind).toBe('confirmed');
    for (const type of TYPES)
      coins.set(type, {
        node: fund.created,
        outputs: types.flatMap((t2, i) => (t2 === type ? [i] : [])),
      });
    fundTxid = funded.txid;
    // A wallet holds P2SH-P2WPKH coins (issue 14 §2.4): they show their owner.
    expect(funded.outputs.filter((o) => o.nested).map((o) => o.owner)).toEqual(['Alice', 'Alice', 'Alice', 'Alice']);
  });

  for (const [ti, template] of TYPES.entries()) {
    for (const coin of TYPES) {
      it(`${template} payment spends a ${coin} coin, pays ${template}, and says so when they differ`, async () => {
        const source = coins.get(coin)!;
        const pay = await t.must('graph.addNode', {
          template: TEMPLATE[template],
          chain: 'btc',
          position: { x: 600, y: 200 * ti },
        });
        await t.must('graph.connect', {
          from: { node: source.node, output: source.outputs[ti]! },
          to: { node: pay.created, input: 0 },
        });
        // Whatever outputs the template starts with, this payment has exactly one: to Bob.
        const start = await t.must('workspace.get', {});
        for (let o = nodeOf(start, pay.created).outputs.length - 1; o > 0; o--)
          await t.must('graph.removeOutput', { node: pay.created, output: o });
        const view = await t.must('graph.setOutput', {
          node: pay.created,
          output: 0,
          value: (COIN - FEE).toString(),
          payTo: { wallet: 'Bob' },
        });
        const draft = nodeOf(view, pay.created);
        // Its output is of its own type, without being told.
        expect(draft.outputs.map(outputType)).toEqual([template]);
        if (template === coin) expect(draft.typeNotes).toBeUndefined();
        else {
          expect(draft.typeNotes).toEqual([{ template, input: 0, coin, outputs: [template] }]);
          const note = draft.typeNotes![0]!;
          const english = typeNoteText(note, translate(en));
          const name = { p2pkh: 'P2PKH', p2wpkh: 'P2WPKH', 'p2sh-p2wpkh': 'P2SH-P2WPKH', p2tr: 'P2TR' };
          expect(english).toContain(`This ${name[template]} payment spends a ${name[coin]} coin`);
          expect(english).toContain(`its outputs are ${name[template]}`);
          expect(english).toContain(
            coin === 'p2pkh' ? 'scriptSig, with no witness' : coin === 'p2wpkh' ? 'with a witness' : 'redeem script',
          );
          const chinese = typeNoteText(note, translate(zhCN));
          expect(chinese).toContain(name[coin]);
          expect(chinese).not.toMatch(/\{\w+\}/);
          expect(chinese).not.toBe(english);
        }

        const signed = await t.must('tx.sign', { node: pay.created, wallet: 'Alice' });
        expect(signed.signed).toBe(1);
        const input = nodeOf(signed, pay.created).inputs[0]!;
        const [sig, pubKey] = input.witness;
        if (coin === 'p2pkh') {
          // <sig> <pubkey> in the scriptSig, nothing in the witness.
          expect(input.witness).toEqual([]);
          const pushes = input.scriptSigAsm.split(' ');
          expect(pushes).toHaveLength(2);
          expect(pushes[1]).toMatch(/^0[23][0-9a-f]{64}$/);
        } else {
          expect(input.witness).toHaveLength(2);
          expect(sig).toMatch(/^30[0-9a-f]+01$/);
          expect(pubKey).toMatch(/^0[23][0-9a-f]{64}$/);
          if (coin === 'p2wpkh') expect(input.scriptSigHex).toBe('');
          else {
            // One push of the redeem script `0 <HASH160(pubkey)>`, which the coin's script hash commits to.
            expect(input.scriptSigHex).toMatch(/^160014[0-9a-f]{40}$/);
            const spent = nodeOf(signed, source.node).outputs[source.outputs[ti]!]!;
            expect(p2shP2wpkhHex(input.scriptSigHex.slice(6))).toBe(spent.scriptPubKeyHex);
          }
        }
        expect(nodeOf(signed, pay.created).status.kind).toBe('signed');

        const sent = await t.must('tx.broadcast', { node: pay.created });
        expect(sent.broadcast).toMatchObject({ accepted: true });
        const mined = await t.must('chain.mine', { chain: 'btc', count: 1, to: { wallet: 'Carol' } });
        const done = nodeOf(mined, pay.created);
        expect(done.status.kind).toBe('confirmed');
        expect(done.typeNotes).toBeUndefined();
        expect(done.outputs[0]!.owner).toBe('Bob');
      });
    }
  }

  it('spends a P2SH-P2WPKH coin of a chain transaction: the wallet knows the key behind the script hash', async () => {
    // No lock descriptor here, only the chain's output script: the unlock comes from Alice's keys.
    const chainTx = await t.must('graph.addChainTx', { chain: 'btc', txid: fundTxid, position: { x: 0, y: 600 } });
    const coin = nodeOf(chainTx, chainTx.created).outputs[9]!;
    expect(coin).toMatchObject({ type: 'scripthash', nested: true, owner: 'Alice' });
    const pay = await t.must('graph.addNode', {
      template: 'p2sh-p2wpkh-payment',
      chain: 'btc',
      position: { x: 300, y: 600 },
    });
    await t.must('graph.connect', { from: { node: chainTx.created, output: 9 }, to: { node: pay.created, input: 0 } });
    await t.must('graph.setOutput', {
      node: pay.created,
      output: 0,
      value: (COIN - FEE).toString(),
      payTo: { wallet: 'Alice' },
    });
    const signed = await t.must('tx.sign', { node: pay.created, wallet: 'Alice' });
    const node = nodeOf(signed, pay.created);
    expect(node.inputs[0]).toMatchObject({ prevoutType: 'scripthash', prevoutNested: true });
    expect(node.inputs[0]!.scriptSigHex).toMatch(/^160014[0-9a-f]{40}$/);
    expect(node.inputs[0]!.witness).toHaveLength(2);
    expect(node.typeNotes).toBeUndefined();
    const sent = await t.must('tx.broadcast', { node: pay.created });
    expect(sent.broadcast).toMatchObject({ accepted: true });
  });

  it('counts P2SH-P2WPKH coins in the balance and lists them', async () => {
    const view = await t.must('workspace.get', {});
    const bob = view.wallets.find((w) => w.name === 'Bob')!;
    // Nine payments of one coin less the fee each, three of them P2SH-P2WPKH.
    expect(bob.balances.btc.confirmed).toBe((9n * (COIN - FEE)).toString());
    const utxos = await t.must('wallet.utxos', { wallet: 'Bob', chain: 'btc' });
    expect(utxos.utxos.filter((u) => u.address?.startsWith('2'))).toHaveLength(3);
  });
});

describe('payment templates in the 2014 era', () => {
  it('build a P2PKH payment and refuse the SegWit ones, saying why', async () => {
    const t = await testBench();
    await t.must('chain.setPolicy', { chain: 'btc', era: '2014' });
    await t.must('graph.addNode', { template: 'p2pkh-payment', chain: 'btc', position: { x: 0, y: 0 } });
    const types = { 'p2wpkh-payment': 'P2WPKH', 'p2sh-p2wpkh-payment': 'P2SH-P2WPKH', 'p2tr-payment': 'P2TR' };
    for (const [template, type] of Object.entries(types)) {
      const r = await t.call('graph.addNode', { template, chain: 'btc', position: { x: 0, y: 0 } });
      expect(r.ok).toBe(false);
      if (!r.ok) {
        expect(r.error.code).toBe('INVALID_STATE');
        expect(r.error.message).toBe(
          `the 2014 era has no SegWit, so there is no ${type} payment: use the P2PKH payment`,
        );
        // Said in the reader's language by the page, from the catalogue.
        expect(r.error.text).toEqual({ key: 'host.template.noSegwit', params: { type } });
      }
    }
  });
});
