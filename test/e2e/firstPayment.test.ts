/**
 * Issue 14 §1: a first payment in at most 10 clicks, with nothing to read first. From the empty
 * canvas: open the coins, pick one of Alice's, pay Bob, sign, broadcast, mine, and see it
 * confirmed. Every click is counted, no key is typed, and each step is photographed, in English
 * and in 简体中文 (the language switch before the count starts is not part of the payment).
 */
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openWorkbench, type Workbench } from './helpers/workbench';

const MOST_CLICKS = 10;

for (const language of ['en', 'zh-CN'] as const) {
  describe(`the first payment in ${language}`, () => {
    let wb: Workbench;
    let clicks = 0;
    const click = async (target: Locator): Promise<void> => {
      clicks += 1;
      await target.click();
    };
    const shot = (step: string): Promise<void> => wb.shot(`first-payment-${language}-${clicks}-${step}`);
    const payment = (page: Page): Locator => page.getByTestId('tx-node').nth(1);

    beforeAll(async () => {
      wb = await openWorkbench();
      if (language === 'zh-CN') {
        await wb.page.getByTestId('language-toggle').click();
        await wb.page.waitForFunction(() => document.documentElement.lang === 'zh-CN');
      }
    });
    afterAll(async () => {
      await wb?.close();
    });

    it('opens the coins from the empty canvas and picks one of Alice’s', async () => {
      const { page } = wb;
      await expect.poll(() => page.getByTestId('canvas-empty').count()).toBe(1);
      await shot('empty');
      await click(page.getByTestId('canvas-empty-coins'));
      await click(page.getByTestId('wallet-coins-Alice'));
      const coin = page.locator('[data-testid="coin-row"][data-mature="true"]').first();
      await click(coin.getByTestId('coin-pay'));
      await expect.poll(() => page.getByTestId('coin-pay-to-Bob').count()).toBe(1);
      await shot('pay-menu');
    });

    it('pays Bob: the coin on the left, the payment on the right, change back to Alice, no warning', async () => {
      const { page } = wb;
      await click(page.getByTestId('coin-pay-to-Bob'));
      await expect.poll(() => page.getByTestId('tx-node').count()).toBe(2);
      const [coinBox, paymentBox] = await Promise.all([
        page.getByTestId('tx-node').nth(0).boundingBox(),
        payment(page).boundingBox(),
      ]);
      expect(coinBox!.x + coinBox!.width).toBeLessThan(paymentBox!.x);
      await expect.poll(() => page.locator('.react-flow__edge').count()).toBe(1);
      expect(await payment(page).getByTestId('output-row-0').textContent()).toContain('Bob');
      expect(await payment(page).getByTestId('output-row-1').textContent()).toContain('Alice');
      expect(await payment(page).getByTestId('node-fee').textContent()).toMatch(/1,000/);
      expect(await payment(page).getByTestId('node-warnings').count()).toBe(0);
      // The new payment is selected: its inspector offers the next step.
      await expect.poll(() => page.getByTestId('action-sign').isEnabled()).toBe(true);
      await shot('drafted');
    });

    it('signs as Alice and broadcasts', async () => {
      const { page } = wb;
      await click(page.getByTestId('action-sign'));
      await expect.poll(() => page.getByTestId('sign-wallet').textContent()).toContain('Alice');
      await shot('sign-dialog');
      await click(page.getByTestId('sign-confirm'));
      await expect.poll(() => payment(page).getAttribute('data-status')).toBe('signed');
      await click(page.getByTestId('action-broadcast'));
      await expect.poll(() => payment(page).getAttribute('data-status')).toBe('mempool');
      await shot('in-mempool');
    });

    it('mines one block from the inspector and the payment is confirmed', async () => {
      const { page } = wb;
      await click(page.getByTestId('action-mine'));
      await expect.poll(() => payment(page).getAttribute('data-status')).toBe('confirmed');
      expect(await payment(page).getByTestId('status-badge').textContent()).toMatch(
        language === 'en' ? /^confirmed \(1\)$/ : /1/,
      );
      await shot('confirmed');
      expect(clicks).toBeLessThanOrEqual(MOST_CLICKS);
      expect(clicks).toBe(8);
      const bob = await wb.host.invoke('wallet.utxos', { wallet: 'Bob', chain: 'btc' });
      expect(bob.ok && (bob.value as { utxos: { value: string; confirmations: number }[] }).utxos).toEqual([
        expect.objectContaining({ value: '2000000000', confirmations: 1 }),
      ]);
    });

    it('logged no console errors or warnings, page errors or failed requests', () => {
      expect(wb.problems).toEqual([]);
    });
  });
}
