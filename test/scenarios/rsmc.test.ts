/**
 * The seed's RSMC channel: Alice and Bob put in 0.5 each, Alice pays Bob 0.1, state 1 is revoked
 * by handing over Alice2 and Bob2, and the channel ends four ways. Balances are what each holds
 * outside the channel at the end (their change from Funding is 0.1 − 1,000 sat).
 */
import { describe, expect, it } from 'vitest';
import { balance, COIN, confirmedAt, play, status } from './support';

const change = COIN / 10n - 1_000n;

describe('rsmc-channel', () => {
  it('cooperative: one closing transaction pays 0.4 / 0.6, each paying half its fee', async () => {
    const { view } = await play('rsmc-channel', 'cooperative');
    expect(status(view, 'Close')).toBe('confirmed');
    expect(status(view, 'C1a')).toBe('conflicted');
    expect(balance(view, 'Alice', 'btc')).toBe(change + (4n * COIN) / 10n - 1_000n);
    expect(balance(view, 'Bob', 'btc')).toBe(change + (6n * COIN) / 10n - 1_000n);
    expect(view.handovers.map((h) => `${h.keyLabel}:${h.from}→${h.to}`)).toEqual([
      'Alice2:Alice→Bob',
      'Bob2:Bob→Alice',
    ]);
  });

  it('unilateral: Bob is paid at once, Alice (the closer) waits exactly 1000 blocks for RD2a', async () => {
    const { view } = await play('rsmc-channel', 'unilateral');
    expect(confirmedAt(view, 'RD2a') - confirmedAt(view, 'C2a')).toBe(1000);
    expect(balance(view, 'Bob', 'btc')).toBe(change + (6n * COIN) / 10n);
    // The closer pays C2a's and RD2a's fees.
    expect(balance(view, 'Alice', 'btc')).toBe(change + (4n * COIN) / 10n - 4_000n);
  });

  it('breach punished inside the window: Bob takes all of the channel with BR1a', async () => {
    const { view } = await play('rsmc-channel', 'breach-punished');
    expect(confirmedAt(view, 'BR1a') - confirmedAt(view, 'C1a')).toBe(1);
    expect(status(view, 'RD1a')).toBe('conflicted');
    expect(balance(view, 'Alice', 'btc')).toBe(change);
    expect(balance(view, 'Bob', 'btc')).toBe(change + COIN - 4_000n);
  });

  it('breach unpunished: Bob stays offline past 1000 blocks, RD1a confirms and BR1a is too late', async () => {
    const { view } = await play('rsmc-channel', 'breach-unpunished');
    expect(confirmedAt(view, 'RD1a') - confirmedAt(view, 'C1a')).toBe(1000);
    expect(status(view, 'BR1a')).toBe('conflicted');
    // Alice got back the 0.1 she had paid.
    expect(balance(view, 'Alice', 'btc')).toBe(change + COIN / 2n - 4_000n);
    expect(balance(view, 'Bob', 'btc')).toBe(change + COIN / 2n);
  });
});
