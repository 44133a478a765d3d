/**
 * (c) The atomic swap's happy path across both chains, played from the lesson panel: Tx1 on
 * Bitcoin, Tx3 on Litecoin, Alice claims the litecoins with X, Bob reads X on the Litecoin chain
 * and claims the bitcoins. The refunds Tx2 (48 h) and Tx4 (24 h) sit on the time-lock timeline.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  confirmedSats,
  loadLesson,
  nodeByLabel,
  openDockTab,
  openWorkbench,
  playSteps,
  showWholeProtocol,
  type Workbench,
} from './helpers/workbench';

const COIN = 100_000_000n;

describe('(c) atomic-swap: the happy path across BTC and LTC', () => {
  let wb: Workbench;
  beforeAll(async () => {
    wb = await openWorkbench();
  });
  afterAll(async () => {
    await wb?.close();
  });

  it('loads the swap: transactions on both chains, each shown once the lesson introduces it', async () => {
    const { page } = wb;
    await loadLesson(page, 'atomic-swap', 'success');
    // Nothing is played yet: only the coins on both chains show; the whole protocol on request.
    await expect.poll(() => nodeByLabel(page, 'Coins (LTC)').count()).toBe(1);
    expect(await nodeByLabel(page, 'Tx4').count()).toBe(0);
    await showWholeProtocol(page);
    await expect.poll(() => nodeByLabel(page, 'Tx4').count()).toBe(1);
    for (const label of ['Tx1', 'Tx2'])
      expect(await nodeByLabel(page, label).locator('text=BTC').first().count()).toBe(1);
    for (const label of ['Tx3', 'Tx4'])
      expect(await nodeByLabel(page, label).locator('text=LTC').first().count()).toBe(1);
    await openDockTab(page, 'timelocks');
    await expect.poll(() => page.getByTestId('timeline-row').count()).toBeGreaterThanOrEqual(2);
    await expect
      .poll(() => page.locator('[data-testid$="-time"][data-testid^="timeline-"]').count())
      .toBeGreaterThanOrEqual(1);
    await wb.shot('c1-swap-loaded-timelocks');
  });

  it('plays every step with Next', async () => {
    const { page } = wb;
    await openDockTab(page, 'lesson');
    const steps = await page.getByTestId('lesson-steps').locator('[data-testid^="lesson-step-"]').count();
    expect(steps).toBeGreaterThanOrEqual(4);
    await playSteps(page, steps);
    await expect.poll(() => page.getByTestId('lesson-finished').count()).toBe(1);
    await wb.shot('c2-swap-done');
  });

  it('ends with both claims confirmed, both refunds conflicted, and the coins swapped', async () => {
    const { page } = wb;
    for (const label of ['Tx1', 'Tx3', 'Tx1-claim', 'Tx3-claim'])
      await expect.poll(() => nodeByLabel(page, label).getAttribute('data-status')).toBe('confirmed');
    for (const label of ['Tx2', 'Tx4'])
      expect(await nodeByLabel(page, label).getAttribute('data-status')).toBe('conflicted');
    await openDockTab(page, 'wallets');
    // Alice: 10 LTC less fees; Bob: 1 BTC less fees.
    expect(await confirmedSats(page, 'Alice', 'ltc')).toBeGreaterThan(10n * COIN - 10_000n);
    expect(await confirmedSats(page, 'Bob', 'btc')).toBeGreaterThan(COIN - 10_000n);
    await wb.shot('c3-swap-wallets');
    await openDockTab(page, 'ltc');
    await expect.poll(() => page.getByTestId('block-row').count()).toBeGreaterThan(3);
    await wb.shot('c4-litecoin-chain');
  });

  it('logged no console errors or warnings, page errors or failed requests', () => {
    expect(wb.problems).toEqual([]);
  });
});
