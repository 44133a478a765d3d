import { describe, expect, it } from 'vitest';
import { Harness, reason } from './harness';

const COIN = 100_000_000n;

describe('mempool policy, with Core’s reject reasons', () => {
  it('first seen wins without RBF signalling; an opt-in replacement needs a higher fee', () => {
    const h = new Harness();
    const coin = h.coinbase(1);
    const original = h.spend([coin], [coin.value - 10_000n], { sequence: 0xffffffff });
    expect(reason(h.node.acceptToMempool(original))).toBe('accepted');
    const conflict = h.spend([coin], [coin.value - 50_000n], { sequence: 0xffffffff });
    expect(reason(h.node.acceptToMempool(conflict))).toBe('txn-mempool-conflict');

    const signalling = h.spend([h.coinbase(2)], [COIN * 50n - 10_000n]);
    expect(reason(h.node.acceptToMempool(signalling))).toBe('accepted');
    const cheaper = h.spend([h.coinbase(2)], [COIN * 50n - 10_001n]);
    expect(reason(h.node.acceptToMempool(cheaper))).toBe('insufficient fee');
    const better = h.spend([h.coinbase(2)], [COIN * 50n - 20_000n]);
    const replaced = h.node.acceptToMempool(better);
    expect(replaced.ok && replaced.replaced).toEqual([signalling.txid]);
    expect(h.node.mempool.has(signalling.txid)).toBe(false);
  });

  it('judges nLockTime by height against the next block, and by time against median time past', () => {
    const h = new Harness();
    const tip = h.node.height;
    const locked = h.spend([h.coinbase(1)], [COIN * 49n], { locktime: tip + 1 });
    expect(reason(h.node.acceptToMempool(locked, { testOnly: true }))).toBe('non-final');
    const open = h.spend([h.coinbase(1)], [COIN * 49n], { locktime: tip });
    expect(reason(h.node.acceptToMempool(open, { testOnly: true }))).toBe('accepted');

    const mtp = h.node.tip.mtp;
    expect(
      reason(h.node.acceptToMempool(h.spend([h.coinbase(2)], [COIN * 49n], { locktime: mtp }), { testOnly: true })),
    ).toBe('non-final');
    expect(
      reason(h.node.acceptToMempool(h.spend([h.coinbase(2)], [COIN * 49n], { locktime: mtp - 1 }), { testOnly: true })),
    ).toBe('accepted');
    // A final sequence on every input disables the lock altogether.
    const disabled = h.spend([h.coinbase(3)], [COIN * 49n], { locktime: tip + 100, sequence: 0xffffffff });
    expect(reason(h.node.acceptToMempool(disabled, { testOnly: true }))).toBe('accepted');
  });

  it('enforces BIP68 relative locks: blocks, time in 512 s units, and the disable bit', () => {
    const h = new Harness();
    const parent = h.spend([h.coinbase(1)], [COIN * 10n, COIN * 10n, COIN * 10n, COIN * 19n]);
    h.node.acceptToMempool(parent);
    h.mine(1);
    const confirmedAt = h.node.locateTx(parent.txid)!.height;
    const byBlocks = h.spend([Harness.out(parent, 0)], [COIN * 10n - 1_000n], { sequence: 5 });
    expect(reason(h.node.acceptToMempool(byBlocks, { testOnly: true }))).toBe('non-BIP68-final');
    h.mine(3); // tip = confirmedAt + 3: the next block is confirmedAt + 4, one short
    expect(h.node.height).toBe(confirmedAt + 3);
    expect(reason(h.node.acceptToMempool(byBlocks, { testOnly: true }))).toBe('non-BIP68-final');
    h.mine(1);
    expect(reason(h.node.acceptToMempool(byBlocks, { testOnly: true }))).toBe('accepted');

    const typeFlag = 1 << 22;
    const byTime = h.spend([Harness.out(parent, 1)], [COIN * 10n - 1_000n], { sequence: typeFlag | 20 }); // 20 × 512 s ≈ 2.8 h
    expect(reason(h.node.acceptToMempool(byTime, { testOnly: true }))).toBe('non-BIP68-final');
    h.mine(20); // 20 blocks × 10 min moves median time past well past 10,240 s
    expect(reason(h.node.acceptToMempool(byTime, { testOnly: true }))).toBe('accepted');

    const disabled = h.spend([Harness.out(parent, 2)], [COIN * 10n - 1_000n], {
      sequence: (0x80000000 | 60_000) >>> 0,
    });
    expect(reason(h.node.acceptToMempool(disabled, { testOnly: true }))).toBe('accepted');
    // Version 1 transactions are not subject to BIP68 at all.
    const v1 = h.spend([Harness.out(parent, 3)], [COIN * 19n - 1_000n], { sequence: 60_000, version: 1 });
    expect(reason(h.node.acceptToMempool(v1, { testOnly: true }))).toBe('accepted');
  });

  it('refuses dust, missing inputs, immature coinbases, low fees and overspending', () => {
    const h = new Harness();
    expect(reason(h.node.acceptToMempool(h.spend([h.coinbase(1)], [293n, COIN * 49n]), { testOnly: true }))).toBe(
      'dust',
    );
    expect(
      reason(
        h.node.acceptToMempool(h.spend([{ txid: 'ab'.repeat(32), vout: 0, value: COIN }], [COIN / 2n]), {
          testOnly: true,
        }),
      ),
    ).toBe('missing-inputs');
    expect(reason(h.node.acceptToMempool(h.spend([h.coinbase(h.node.height)], [COIN]), { testOnly: true }))).toBe(
      'bad-txns-premature-spend-of-coinbase',
    );
    expect(reason(h.node.acceptToMempool(h.spend([h.coinbase(1)], [COIN * 50n - 50n]), { testOnly: true }))).toBe(
      'min relay fee not met',
    );
    expect(reason(h.node.acceptToMempool(h.spend([h.coinbase(1)], [COIN * 51n]), { testOnly: true }))).toBe(
      'bad-txns-in-belowout',
    );
  });

  it('evicts the lowest fee rates when full and then asks more of newcomers', () => {
    const h = new Harness({ maxMempoolVsize: 250 }, 112);
    const cheap = h.spend([h.coinbase(1)], [COIN * 50n - 200n]);
    const rich = h.spend([h.coinbase(2)], [COIN * 50n - 5_000n]);
    expect(reason(h.node.acceptToMempool(cheap))).toBe('accepted');
    expect(reason(h.node.acceptToMempool(rich))).toBe('accepted');
    const third = h.spend([h.coinbase(3)], [COIN * 50n - 3_000n]);
    expect(reason(h.node.acceptToMempool(third))).toBe('accepted');
    expect(h.node.mempool.has(cheap.txid)).toBe(false);
    expect(h.node.mempoolMinFeeRate()).toBeGreaterThan(1);
    const tooCheap = h.spend([h.coinbase(4)], [COIN * 50n - 250n]);
    expect(reason(h.node.acceptToMempool(tooCheap))).toBe('mempool min fee not met');
  });

  it('mines a low-fee parent ahead of a mid-fee stranger when its child pays for both (CPFP)', () => {
    const h = new Harness();
    const parent = h.spend([h.coinbase(1)], [COIN * 50n - 150n]); // ~1 sat/vB
    h.node.acceptToMempool(parent);
    const child = h.spend([Harness.out(parent)], [COIN * 50n - 150n - 60_000n]);
    const stranger = h.spend([h.coinbase(2)], [COIN * 50n - 3_000n]);
    h.node.acceptToMempool(child);
    h.node.acceptToMempool(stranger);
    h.mine(1);
    const included = h.node.tip.block.txs.map((t) => t.txid);
    expect(included.indexOf(parent.txid)).toBeLessThan(included.indexOf(child.txid));
    expect(included.indexOf(child.txid)).toBeLessThan(included.indexOf(stranger.txid));
  });

  it('does not verify a block’s mempool transactions again (script cache)', () => {
    const h = new Harness();
    for (let i = 1; i <= 5; i++) h.node.acceptToMempool(h.spend([h.coinbase(i)], [COIN * 50n - 1_000n]));
    const before = { ...h.node.sigCache.stats };
    h.mine(1);
    expect(h.node.tip.block.txs).toHaveLength(6);
    expect(h.node.sigCache.stats.scriptHits - before.scriptHits).toBe(5);
    expect(h.node.sigCache.stats.signatureMisses).toBe(before.signatureMisses);
  });

  it('refuses SegWit transactions in the 2014 era', () => {
    const h = new Harness({ ...{ era: '2014' as const } });
    expect(reason(h.node.acceptToMempool(h.spend([h.coinbase(1)], [COIN * 49n]), { testOnly: true }))).toBe(
      'no-witness-yet',
    );
  });
});
