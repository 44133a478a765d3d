/**
 * The Taproot swap lesson played headlessly: the cooperative key-path claims (MuSig2 signatures
 * by both wallets), the hashlock leaves with their failures (wrong X, wrong control block), and
 * the refund leaf (too early, then after 48 h). Sizes are checked against hand counts.
 */
import { describe, expect, it } from 'vitest';
import { balance, COIN, fact, node, play, status } from './support';

const KEY_PATH_FEE = 1_200n;

describe('taproot-swap', () => {
  it('cooperative: both claims are key-path spends, one 64-byte signature each', async () => {
    const { view, t } = await play('taproot-swap', 'cooperative');
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
});
