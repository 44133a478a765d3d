/**
 * Coins and templates agree (issue 14 §2): a coin's node shows its address type in large type,
 * and a P2PKH payment put on a P2WPKH coin says what it builds — its input signs with a witness,
 * its outputs are P2PKH — on the node and in the inspector, in English and in 简体中文.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dragBetween, nodeByLabel, openDockTab, openWorkbench, type Workbench } from './helpers/workbench';

describe('a payment template on a coin of another type', () => {
  let wb: Workbench;
  beforeAll(async () => {
    wb = await openWorkbench();
  });
  afterAll(async () => {
    await wb?.close();
  });

  it("shows Alice's coinbase as a P2WPKH coin", async () => {
    const { page } = wb;
    await expect.poll(() => page.getByTestId('canvas-empty').count()).toBe(1);
    await openDockTab(page, 'wallets');
    await page.getByTestId('wallet-coins-Alice').click();
    const mature = page.locator('[data-testid="coin-row"][data-mature="true"][data-coinbase="true"]').first();
    await mature.getByTestId('coin-place').click();
    await expect.poll(() => page.getByTestId('tx-node').count()).toBe(1);
    const coin = page.getByTestId('tx-node').first();
    // The coinbase's witness commitment (OP_RETURN) holds no coin: only the reward's type is shown.
    await expect.poll(() => coin.getByTestId('node-coin-type').allTextContents()).toEqual(['P2WPKH']);
  });

  it('puts a P2PKH payment on it: the node says its input signs with a witness, its outputs are P2PKH', async () => {
    const { page } = wb;
    const canvas = page.getByTestId('graph-canvas');
    const box = (await canvas.boundingBox())!;
    await page
      .getByTestId('template-p2pkh-payment')
      .dragTo(canvas, { targetPosition: { x: box.width * 0.62, y: box.height * 0.3 } });
    await expect.poll(() => page.getByTestId('tx-node').count()).toBe(2);
    const coin = page.locator('[data-testid="tx-node"][data-status="confirmed"]').first();
    const payment = nodeByLabel(page, 'Payment');
    // Nothing to say before it spends anything.
    expect(await payment.getByTestId('node-type-note').count()).toBe(0);
    await dragBetween(page, coin.locator('[data-handleid="out-0"]'), payment.locator('[data-handleid="in-0"]'));
    await expect.poll(() => page.locator('.react-flow__edge').count()).toBe(1);
    await expect
      .poll(() => payment.getByTestId('node-type-note').textContent())
      .toBe('ⓘ Spends a P2WPKH coin: signs with a witness; outputs P2PKH');

    // 49.9999 BTC to Bob from the inspector (a fee of 10,000 sat): the output is P2PKH, as the
    // template's name says, and nothing else needs saying before signing.
    await payment.getByTestId('node-label').click();
    await page.getByTestId('inspector-tab-outputs').click();
    const amount = page.getByTestId('amount-0');
    await amount.fill('49.9999');
    await amount.press('Enter');
    await page.getByTestId('payto-0').click();
    await page.getByTestId('payto-option-Bob').click();
    await expect.poll(() => payment.getByTestId('output-row-0').textContent()).toContain('→ Bob · P2PKH');
    // Pay to offers the three types, starting at the template's own.
    expect(await page.getByTestId('paytype-p2pkh-0').getAttribute('aria-pressed')).toBe('true');
    expect(await page.getByTestId('paytype-p2sh-p2wpkh-0').textContent()).toBe('P2SH-P2WPKH');
    await wb.shot('t0-pay-to-en');
    await page.getByTestId('inspector-tab-overview').click();
    await expect.poll(() => payment.getByTestId('node-warnings').count()).toBe(0);
    await expect
      .poll(() => page.getByTestId('type-note-0').textContent())
      .toBe(
        'This P2PKH payment spends a P2WPKH coin (input 0): its input signs with a witness and leaves the scriptSig empty; its outputs are P2PKH.',
      );
    await wb.shot('t1-type-note-en');
  });

  it('says the same in 简体中文', async () => {
    const { page } = wb;
    await page.getByTestId('language-toggle').click();
    await expect
      .poll(() => page.getByTestId('type-note-0').textContent())
      .toBe('这笔 P2PKH 支付花费的是一枚 P2WPKH 币（输入 0）：输入用见证签名，scriptSig 留空；它的输出是 P2PKH。');
    expect(await nodeByLabel(page, 'Payment').getByTestId('node-type-note').textContent()).toBe(
      'ⓘ 花费 P2WPKH 币：用见证签名；输出为 P2PKH',
    );
    await wb.shot('t2-type-note-zh');
    await page.getByTestId('language-toggle').click();
  });

  it('logged no console errors or warnings, page errors or failed requests', () => {
    expect(wb.problems).toEqual([]);
  });
});
