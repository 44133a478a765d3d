/** The seed's multi-hop payment: Alice → Bob → Carol → Dave, 0.052 / 0.051 / 0.05, 3 / 2 / 1 days. */
import { describe, expect, it } from 'vitest';
import { balance, COIN, confirmedAt, fact, node, play, status } from './support';

const start = COIN / 10n;
const FEE = 1_000n;
const DAY = 86_400;

describe('multihop', () => {
  it('success: R travels back from Dave, every middle hop keeps 0.001', async () => {
    const { view, t } = await play('multihop', 'success');
    expect(node(view, 'HTLC-Alice-Bob').outputs[0]!.value).toBe('5200000');
    expect(node(view, 'HTLC-Bob-Carol').outputs[0]!.value).toBe('5100000');
    expect(node(view, 'HTLC-Carol-Dave').outputs[0]!.value).toBe('5000000');
    // R is redeemed downstream first, then read from the chain upstream.
    expect(confirmedAt(view, 'Redeem-Carol-Dave')).toBeLessThan(confirmedAt(view, 'Redeem-Bob-Carol'));
    expect(confirmedAt(view, 'Redeem-Bob-Carol')).toBeLessThan(confirmedAt(view, 'Redeem-Alice-Bob'));
    expect(String(fact(t, 'secret.R', 'into'))).toBe('Redeem-Alice-Bob');
    expect(balance(view, 'Alice', 'btc')).toBe(start - 5_200_000n - FEE);
    expect(balance(view, 'Bob', 'btc')).toBe(start + 100_000n - 2n * FEE);
    expect(balance(view, 'Carol', 'btc')).toBe(start + 100_000n - 2n * FEE);
    expect(balance(view, 'Dave', 'btc')).toBe(5_000_000n - FEE);
  });

  it('failure: Dave never reveals R; the HTLCs time out in order after 1, 2 and 3 days', async () => {
    const { view } = await play('multihop', 'dave-silent');
    const carol = node(view, 'Timeout-Carol-Dave').locktime;
    const bob = node(view, 'Timeout-Bob-Carol').locktime;
    const alice = node(view, 'Timeout-Alice-Bob').locktime;
    expect([bob - carol, alice - bob]).toEqual([DAY, DAY]);
    expect(confirmedAt(view, 'Timeout-Carol-Dave')).toBeLessThan(confirmedAt(view, 'Timeout-Bob-Carol'));
    expect(confirmedAt(view, 'Timeout-Bob-Carol')).toBeLessThan(confirmedAt(view, 'Timeout-Alice-Bob'));
    for (const hop of ['Alice-Bob', 'Bob-Carol', 'Carol-Dave'])
      expect(status(view, `Redeem-${hop}`)).toBe('conflicted');
    for (const who of ['Alice', 'Bob', 'Carol']) expect(balance(view, who, 'btc')).toBe(start - 2n * FEE);
    expect(balance(view, 'Dave', 'btc')).toBe(0n);
  });
});
