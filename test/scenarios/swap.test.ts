/** Tier Nolan's atomic swap: Alice's 1 BTC for Bob's 10 LTC, with Tx2 (48 h) and Tx4 (24 h) refunds. */
import { describe, expect, it } from 'vitest';
import { balance, COIN, fact, node, play, status } from './support';

const FEE = 2_000n;
const HOUR = 3_600;

describe('atomic-swap', () => {
  it('success: Alice ends with 10 LTC, Bob with 1 BTC, less fees; Bob learnt X from the LTC chain', async () => {
    const { view, t } = await play('atomic-swap', 'success');
    expect(balance(view, 'Alice', 'ltc')).toBe(10n * COIN - FEE);
    expect(balance(view, 'Alice', 'btc')).toBe(0n);
    expect(balance(view, 'Bob', 'btc')).toBe(COIN - FEE);
    expect(balance(view, 'Bob', 'ltc')).toBe(0n);
    expect(fact(t, 'secret.X', 'into')).toBe('Tx1-claim');
    // The refunds were signed before the contracts were broadcast, and are now dead.
    expect(status(view, 'Tx2')).toBe('conflicted');
    expect(status(view, 'Tx4')).toBe('conflicted');
  });

  it('Bob walks away before Tx3: both end where they started (Alice refunds with Tx2 after 48 h)', async () => {
    const { view } = await play('atomic-swap', 'bob-walks-away');
    expect(status(view, 'Tx2')).toBe('confirmed');
    expect(status(view, 'Tx3')).toBe('draft');
    expect(balance(view, 'Alice', 'btc')).toBe(COIN - FEE);
    expect(balance(view, 'Bob', 'ltc')).toBe(10n * COIN + FEE);
  });

  it('Alice never claims: Tx4 at 24 h, Tx2 at 48 h', async () => {
    const { view } = await play('atomic-swap', 'alice-never-claims');
    const tx2 = node(view, 'Tx2');
    const tx4 = node(view, 'Tx4');
    expect(tx2.locktime - tx4.locktime).toBe(24 * HOUR);
    expect(status(view, 'Tx4')).toBe('confirmed');
    expect(status(view, 'Tx2')).toBe('confirmed');
    expect(balance(view, 'Alice', 'btc')).toBe(COIN - FEE);
    expect(balance(view, 'Bob', 'ltc')).toBe(10n * COIN - FEE);
    expect(balance(view, 'Alice', 'ltc')).toBe(0n);
    expect(balance(view, 'Bob', 'btc')).toBe(0n);
  });
});
