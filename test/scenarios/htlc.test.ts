/** The seed's HTLC in a channel: 0.1 BTC for R within three days; breaches of the revoked HTLC state punished. */
import { describe, expect, it } from 'vitest';
import { balance, COIN, confirmedAt, node, play, status } from './support';

const change = COIN / 10n - 1_000n;
const DAY = 86_400;

describe('htlc', () => {
  it('redeem with R: Bob publishes C2b and HE1b, then HERD1b and RD2b 1000 blocks later (0.4 / 0.6)', async () => {
    const { view } = await play('htlc', 'redeem');
    expect(confirmedAt(view, 'HERD1b') - confirmedAt(view, 'HE1b')).toBe(1000);
    expect(balance(view, 'Alice', 'btc')).toBe(change + (4n * COIN) / 10n);
    expect(balance(view, 'Bob', 'btc')).toBe(change + (6n * COIN) / 10n - 8_000n);
  });

  it('timeout after three days: HT1a is refused before its nLockTime and Alice gets 0.5 back', async () => {
    const { view, reports } = await play('htlc', 'timeout');
    const ht1a = node(view, 'HT1a');
    // Three days after the HTLC was offered: the lesson starts after 102 setup blocks of ten minutes.
    expect(ht1a.locktime).toBe(1_767_225_600 + 102 * 600 + 3 * DAY);
    // The refused broadcast of step "HT1a is locked for three days".
    const refused = reports
      .flatMap((r) => r.calls)
      .find((c) => c.method === 'tx.broadcast' && c.detail === 'non-final');
    expect(refused).toBeDefined();
    expect(confirmedAt(view, 'HTRD1a') - confirmedAt(view, 'HT1a')).toBe(1000);
    expect(balance(view, 'Alice', 'btc')).toBe(change + COIN / 2n - 8_000n);
    expect(balance(view, 'Bob', 'btc')).toBe(change + COIN / 2n);
    expect(view.chains[0]!.medianTimePast).toBeGreaterThan(ht1a.locktime);
  });

  it('breach with HT1a withheld: HBR1a and BR2a give Bob the whole channel', async () => {
    const { view } = await play('htlc', 'breach-withheld');
    expect(status(view, 'HBR1a')).toBe('confirmed');
    expect(status(view, 'HT1a')).toBe('conflicted');
    expect(balance(view, 'Alice', 'btc')).toBe(change);
    expect(balance(view, 'Bob', 'btc')).toBe(change + COIN - 6_000n);
  });

  it('breach racing HT1a in after the timeout: HBR1a is too late, HTBR1a and BR2a punish it', async () => {
    const { view } = await play('htlc', 'breach-timeout');
    expect(status(view, 'HT1a')).toBe('confirmed');
    expect(status(view, 'HBR1a')).toBe('conflicted');
    expect(confirmedAt(view, 'HTBR1a') - confirmedAt(view, 'HT1a')).toBeLessThan(1000);
    expect(balance(view, 'Alice', 'btc')).toBe(change);
    expect(balance(view, 'Bob', 'btc')).toBe(change + COIN - 8_000n);
  });
});
