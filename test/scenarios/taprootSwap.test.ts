/**
 * The Taproot swap lesson played headlessly: the cooperative key-path claims (MuSig2 signatures
 * by both wallets), the hashlock leaves with their failures (wrong X, wrong control block), and
 * the refund leaf (too early, then after 48 h). Sizes are checked against hand counts.
 */
import { describe, expect, it } from 'vitest';
import { balance, COIN, fact, node, play, status } from './support';

const FEE = 2_000n;
const KEY_PATH_FEE = 1_200n;

describe('taproot-swap', () => {
  it('key path: both claims are key-path spends, one 64-byte signature each', async () => {
    const { view, t } = await play('taproot-swap', 'key-path');
    expect(balance(view, 'Alice', 'ltc')).toBe(10n * COIN - KEY_PATH_FEE);
    expect(balance(view, 'Bob', 'btc')).toBe(COIN - KEY_PATH_FEE);
    expect(balance(view, 'Alice', 'btc')).toBe(0n);
    expect(balance(view, 'Bob', 'ltc')).toBe(0n);
    for (const id of ['Tx1-key', 'Tx3-key']) {
      expect(status(view, id)).toBe('confirmed');
      const tx = t.bench.assembled().get(id)!.record.tx;
      // The whole witness: one BIP340 signature (SIGHASH_DEFAULT, no hash-type byte).
      expect(tx.ins[0]!.witness.map((w) => w.length)).toEqual([64]);
    }
    // Hand count of a 1-in 1-out key-path spend paying P2WPKH: 4 + 1 + 41 + 1 + 31 + 4 = 82 base
    // bytes; witness 2 (marker, flag) + 1 (count) + 1 (length) + 64 = 68; weight 82·4 + 68 = 396.
    expect(node(view, 'Tx3-key').weight).toBe(396);
    expect(fact(t, 'taproot.Tx3-key.facts', 'taprootVsize')).toBe(99);
    expect(fact(t, 'taproot.Tx1-key.facts', 'taprootVsize')).toBe(99);
    expect(fact(t, 'taproot.Tx1-key.facts', 'seedVsize') as number).toBeGreaterThan(99);
    // Tx1 pays a P2TR output like any other: OP_1 <32-byte output key>.
    const spent = t.bench.assembled().get('Tx1')!.record.tx.outs[0]!.script;
    expect(spent.length).toBe(34);
    expect(spent[0]).toBe(0x51);
  });

  it('hash leaves: a wrong X and a wrong control block are refused, then both claim on the hashlock leaves', async () => {
    const { view, t, reports } = await play('taproot-swap', 'hash-leaves');
    const refusals = reports.flatMap((r) =>
      r.calls.filter((c) => c.method === 'tx.broadcast' && c.detail !== undefined).map((c) => [r.step, c.detail]),
    );
    // Steps 4 and 5 (0-based 3, 4): each refusal for the reason the lesson says. Core 0.21 does not
    // count TAPROOT among the mandatory flags, hence "non-mandatory" for a failing tapscript.
    expect(refusals).toEqual([
      [3, 'non-mandatory-script-verify-flag (Script failed an OP_EQUALVERIFY operation)'],
      [4, 'non-mandatory-script-verify-flag (Witness program hash mismatch)'],
    ]);
    // The trace beside the wrong-X step ends in the leaf's OP_EQUALVERIFY.
    expect(fact(t, 'trace.Tx3-badX.result', 'valid')).toBe(false);
    expect(fact(t, 'trace.Tx3-badX.result', 'error')).toBe('EQUALVERIFY');
    expect(status(view, 'Tx3-badX')).toBe('conflicted');
    expect(status(view, 'Tx3-badCB')).toBe('conflicted');
    expect(status(view, 'Tx3-leaf')).toBe('confirmed');
    expect(status(view, 'Tx1-leaf')).toBe('confirmed');
    expect(fact(t, 'secret.X', 'into')).toBe('Tx1-leaf');
    expect(balance(view, 'Alice', 'ltc')).toBe(10n * COIN - FEE);
    expect(balance(view, 'Bob', 'btc')).toBe(COIN - FEE);
    // Witness of a hashlock claim: signature 64, X 32, leaf script, control block 33 + one 32-byte sibling.
    const tx = t.bench.assembled().get('Tx3-leaf')!.record.tx;
    const lengths = tx.ins[0]!.witness.map((w) => w.length);
    // The leaf: OP_SIZE, 0x01 0x20 (32), OP_EQUALVERIFY, OP_SHA256, push(32) hash, OP_EQUALVERIFY, push(32) key, OP_CHECKSIG.
    expect(lengths).toEqual([64, 32, 1 + 2 + 1 + 1 + 33 + 1 + 33 + 1, 65]);
    expect(fact(t, 'taproot.Tx3-leaf.facts', 'taprootVsize') as number).toBeLessThan(
      fact(t, 'taproot.Tx3-leaf.facts', 'seedVsize') as number,
    );
  });

  it('refund leaf: too early it is non-final; after 48 h the refund leaf returns Alice’s bitcoin', async () => {
    const { view, t, reports } = await play('taproot-swap', 'refund-leaf');
    const refusals = reports.flatMap((r) =>
      r.calls.filter((c) => c.method === 'tx.broadcast' && c.detail !== undefined).map((c) => [r.step, c.detail]),
    );
    expect(refusals).toEqual([[2, 'non-final']]);
    expect(status(view, 'Tx1-refund')).toBe('confirmed');
    expect(status(view, 'Tx3')).toBe('draft');
    expect(balance(view, 'Alice', 'btc')).toBe(COIN - FEE);
    expect(balance(view, 'Bob', 'ltc')).toBe(10n * COIN + FEE);
    const witness = t.bench.assembled().get('Tx1-refund')!.record.tx.ins[0]!.witness;
    // Signature, the refund leaf (push 4-byte time, CLTV, DROP, push(32) key, CHECKSIG), control block.
    expect(witness.map((w) => w.length)).toEqual([64, 1 + 4 + 1 + 1 + 33 + 1, 65]);
    // The time the leaf's CHECKLOCKTIMEVERIFY checks is the refund's nLockTime.
    const leafTime = Buffer.from(witness[1]!.subarray(1, 5)).readUInt32LE(0);
    expect(leafTime).toBe(node(view, 'Tx1-refund').locktime);
  });
});
