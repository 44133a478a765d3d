/**
 * (a) A payment built by hand, as a new user would: Alice's matured coinbase onto the canvas, a
 * P2PKH payment from the palette, the output dragged onto the input, 10 BTC to Bob (change back
 * to Alice), signed as Alice, broadcast, one block mined; Bob's balance shows the 10 BTC and
 * the node says "confirmed (1)".
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  confirmedSats,
  dragBetween,
  nodeByLabel,
  openDockTab,
  openWorkbench,
  type Workbench,
} from './helpers/workbench';

describe('(a) a payment by hand in the workbench', () => {
  let wb: Workbench;
  beforeAll(async () => {
    wb = await openWorkbench();
  });
  afterAll(async () => {
    await wb?.close();
  });

  it('puts a matured coinbase of Alice on the canvas', async () => {
    const { page } = wb;
    await expect.poll(() => page.getByTestId('canvas-empty').count()).toBe(1);
    await openDockTab(page, 'wallets');
    await page.getByTestId('wallet-coins-Alice').click();
    const mature = page.locator('[data-testid="coin-row"][data-mature="true"][data-coinbase="true"]').first();
    await mature.getByTestId('coin-place').click();
    await expect.poll(() => page.getByTestId('tx-node').count()).toBe(1);
    await wb.shot('a1-coin-on-canvas');
  });

  it('adds a P2PKH payment from the palette and spends the coin by dragging output to input', async () => {
    const { page } = wb;
    const canvas = page.getByTestId('graph-canvas');
    const box = (await canvas.boundingBox())!;
    await page
      .getByTestId('template-p2pkh-payment')
      .dragTo(canvas, { targetPosition: { x: box.width * 0.62, y: box.height * 0.3 } });
    await expect.poll(() => page.getByTestId('tx-node').count()).toBe(2);
    const coin = page.locator('[data-testid="tx-node"]').nth(0);
    const payment = nodeByLabel(page, 'Payment');
    await expect.poll(() => payment.getAttribute('data-status')).toBe('draft');
    // The coinbase pays Alice on output 0.
    await dragBetween(page, coin.locator('[data-handleid="out-0"]'), payment.locator('[data-handleid="in-0"]'));
    await expect.poll(() => page.locator('.react-flow__edge').count()).toBe(1);
    await expect.poll(() => payment.getByTestId('input-row-0').textContent()).toContain('50 BTC');
  });

  it('sets 10 BTC to Bob and the change back to Alice in the inspector', async () => {
    const { page } = wb;
    await nodeByLabel(page, 'Payment').getByTestId('node-label').click();
    await page.getByTestId('inspector-tab-outputs').click();
    const amount = page.getByTestId('amount-0');
    await amount.fill('10');
    await amount.press('Enter');
    await page.getByTestId('payto-0').click();
    await page.getByTestId('payto-option-Bob').click();
    await expect.poll(() => nodeByLabel(page, 'Payment').getByTestId('output-row-0').textContent()).toContain('→ Bob');
    await page.getByTestId('add-change').click();
    await page.getByTestId('change-to-Alice').click();
    await expect
      .poll(() => nodeByLabel(page, 'Payment').getByTestId('node-fee').textContent())
      .toContain('fee 1,000 sat');
    await wb.shot('a2-payment-draft');
  });

  it('signs as Alice and broadcasts: the node is in the mempool', async () => {
    const { page } = wb;
    await page.getByTestId('action-sign').click();
    await expect.poll(() => page.getByTestId('sign-wallet').textContent()).toContain('Alice');
    await page.getByTestId('sign-confirm').click();
    const payment = nodeByLabel(page, 'Payment');
    await expect.poll(() => payment.getAttribute('data-status')).toBe('signed');
    await page.getByTestId('action-broadcast').click();
    await expect.poll(() => payment.getAttribute('data-status')).toBe('mempool');
    await openDockTab(page, 'btc');
    await expect.poll(() => page.getByTestId('chain-mempool-btc').textContent()).toBe('1');
    await expect.poll(() => page.getByTestId('mempool-row').count()).toBe(1);
    await wb.shot('a3-in-mempool');
  });

  it('mines one block: "confirmed (1)" on the node, 10 BTC in Bob\'s wallet', async () => {
    const { page } = wb;
    await page.getByTestId('mine-btc-1').click();
    const payment = nodeByLabel(page, 'Payment');
    await expect.poll(() => payment.getAttribute('data-status')).toBe('confirmed');
    expect(await payment.getByTestId('status-badge').textContent()).toBe('confirmed (1)');
    await expect.poll(() => page.getByTestId('chain-height-btc').textContent()).toBe('102');
    await openDockTab(page, 'wallets');
    await expect.poll(() => confirmedSats(page, 'Bob', 'btc')).toBe(1_000_000_000n);
    expect(await page.getByTestId('balance-confirmed-Bob-btc').textContent()).toBe('10');
    await wb.shot('a4-confirmed');
  });

  it('deletes a selected node and a selected edge in one step, and one Undo brings both back', async () => {
    const { page } = wb;
    const canvas = page.getByTestId('graph-canvas');
    const box = (await canvas.boundingBox())!;
    await page
      .getByTestId('template-p2pkh-payment')
      .dragTo(canvas, { targetPosition: { x: box.width * 0.62, y: box.height * 0.75 } });
    await expect.poll(() => page.getByTestId('tx-node').count()).toBe(3);
    const spender = page.locator('[data-testid="tx-node"]').nth(2);
    await dragBetween(
      page,
      nodeByLabel(page, 'Payment').first().locator('[data-handleid="out-0"]'),
      spender.locator('[data-handleid="in-0"]'),
    );
    await expect.poll(() => page.locator('.react-flow__edge').count()).toBe(2);
    // The coin's edge and the new payment, selected together (Ctrl adds to a selection).
    await page.locator('.react-flow__edge').first().click({ force: true });
    await spender.getByTestId('node-label').click({ modifiers: ['Control'] });
    await page.keyboard.press('Delete');
    await expect.poll(() => page.getByTestId('tx-node').count()).toBe(2);
    await expect.poll(() => page.locator('.react-flow__edge').count()).toBe(0);
    await page.keyboard.press('Control+z');
    await expect.poll(() => page.getByTestId('tx-node').count()).toBe(3);
    await expect.poll(() => page.locator('.react-flow__edge').count()).toBe(2);
  });

  it('logged no console errors or warnings, page errors or failed requests', () => {
    expect(wb.problems).toEqual([]);
  });
});
