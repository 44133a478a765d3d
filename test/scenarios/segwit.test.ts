/** SegWit: txid vs wtxid, weight and vsize, and a malleated witness that leaves the txid alone. */
import { describe, expect, it } from 'vitest';
import { balance, COIN, fact, node, play, status } from './support';

describe('segwit', () => {
  it('witness: the SegWit payment has a wtxid of its own and pays for fewer virtual bytes', async () => {
    const { view, t } = await play('segwit', 'witness');
    const legacy = node(view, 'Legacy');
    const segwit = node(view, 'SegWit');
    expect(legacy.txid).toBe(legacy.wtxid);
    expect(segwit.txid).not.toBe(segwit.wtxid);
    // Weight: non-witness bytes count four times, witness bytes once; vsize = weight / 4 rounded up.
    expect(legacy.weight).toBe(4 * legacy.size);
    expect(segwit.weight).toBeLessThan(4 * segwit.size);
    expect(segwit.vsize).toBe(Math.ceil(segwit.weight / 4));
    expect(segwit.vsize).toBeLessThan(legacy.vsize);
    expect(fact(t, 'segwit.sizes.facts', 'SegWit-discountPercent')).toBeGreaterThan(30);
    for (const id of ['Legacy', 'SegWit', 'Legacy-child', 'SegWit-child']) expect(status(view, id)).toBe('confirmed');
    expect(balance(view, 'Bob', 'btc')).toBe(COIN - 10_000n);
  });

  it('malleated: the legacy txid changes and strands its child; the SegWit txid does not', async () => {
    const { view, t } = await play('segwit', 'malleated');
    expect(fact(t, 'malleability.copies', 'Legacy-txidChanged')).toBe(true);
    expect(fact(t, 'malleability.copies', 'SegWit-txidChanged')).toBe(false);
    expect(fact(t, 'malleability.copies', 'SegWit-copyTxid')).toBe(node(view, 'SegWit').txid);
    expect(status(view, 'Legacy')).toBe('conflicted');
    expect(status(view, 'Legacy-copy')).toBe('confirmed');
    expect(status(view, 'SegWit')).toBe('confirmed');
    expect(status(view, 'SegWit-child')).toBe('confirmed');
    expect(status(view, 'Legacy-child')).not.toBe('confirmed');
  });
});
