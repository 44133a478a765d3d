/**
 * Issue 15 §3: a Taproot script tree built in the inspector and spent by one leaf. Alice pays a
 * P2TR output whose internal key is hers and whose two leaves are "Bob signs" and "Carol signs
 * with the preimage of H"; the tree shows its hashes and control blocks. A P2TR payment then
 * spends it by the hashlock leaf: Carol signs, the chain confirms it, and the debugger steps
 * through the tapscript. Switched to the key path, the draft says the block holds its txid with
 * the leaf's witness. Photographed at 1440×900 in English and 简体中文.
 */
import { createHash } from 'node:crypto';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dragBetween, nodeByLabel, openWorkbench, type Workbench } from './helpers/workbench';

const PREIMAGE = '5ec7e7'.repeat(8);
const HASH = createHash('sha256').update(Buffer.from(PREIMAGE, 'hex')).digest('hex');

async function pick(page: Page, select: string, option: string): Promise<void> {
  await page.getByTestId(select).click();
  await page.getByTestId(option).click();
}

for (const language of ['en', 'zh-CN'] as const) {
  describe(`a Taproot script tree in ${language}`, () => {
    let wb: Workbench;
    const shot = (step: string) => wb.shot(`taproot-tree-${language}-${step}`);

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

    it('builds a two-leaf tree on the output of a payment from Alice', async () => {
      const { page } = wb;
      await page.getByTestId('canvas-empty-coins').click();
      await page.getByTestId('wallet-coins-Alice').click();
      await page.locator('[data-testid="coin-row"][data-mature="true"]').first().getByTestId('coin-pay').click();
      await page.getByTestId('coin-pay-to-Bob').click();
      await expect.poll(() => page.getByTestId('tx-node').count()).toBe(2);
      // The inspector gets the window's height: the wallets' dock folds away.
      await page.getByTestId('dock-toggle').click();
      await page.getByTestId('inspector-tab-outputs').click();
      await page.getByTestId('tree-open-0').click();
      await pick(page, 'tree-internal', 'tree-internal-Alice');
      await pick(page, 'leaf-0-kind', 'leaf-0-kind-key');
      await pick(page, 'leaf-0-wallet', 'leaf-0-wallet-Bob');
      await page.getByTestId('tree-add-leaf').click();
      await pick(page, 'leaf-1-kind', 'leaf-1-kind-hash');
      await pick(page, 'leaf-1-wallet', 'leaf-1-wallet-Carol');
      await page.getByTestId('leaf-1-hash').fill(HASH);
      await page.getByTestId('tree-builder-0').evaluate((e) => e.scrollIntoView({ block: 'start' }));
      await shot('1-builder');
      await page.getByTestId('tree-apply').click();
      const tree = page.getByTestId('taproot-tree');
      await expect.poll(() => tree.count()).toBe(1);
      expect(await page.getByTestId('tap-branch').count()).toBe(1);
      expect(await page.getByTestId('tap-leaf-0').textContent()).toContain(
        language === 'en' ? 'Bob signs' : 'Bob 签名',
      );
      expect(await page.getByTestId('tap-leaf-1').textContent()).toContain(`OP_SHA256 ${HASH} OP_EQUALVERIFY`);
      await tree.evaluate((e) => e.scrollIntoView({ block: 'start' }));
      await shot('2-tree');
      await page.getByTestId('tap-leaf-1').evaluate((e) => e.scrollIntoView({ block: 'end' }));
      await shot('2b-hash-leaf');
    });

    it('confirms the payment, then spends the tree by the hashlock leaf with Carol’s signature', async () => {
      const { page } = wb;
      const funding = page.getByTestId('tx-node').nth(1);
      await page.getByTestId('action-sign').click();
      await page.getByTestId('sign-confirm').click();
      await expect.poll(() => funding.getAttribute('data-status')).toBe('signed');
      await page.getByTestId('action-broadcast').click();
      await expect.poll(() => funding.getAttribute('data-status')).toBe('mempool');
      await page.getByTestId('action-mine').click();
      await expect.poll(() => funding.getAttribute('data-status')).toBe('confirmed');

      const canvas = page.getByTestId('graph-canvas');
      const box = (await canvas.boundingBox())!;
      await page
        .getByTestId('template-p2tr-payment')
        .dragTo(canvas, { targetPosition: { x: box.width * 0.8, y: box.height * 0.7 } });
      await expect.poll(() => page.getByTestId('tx-node').count()).toBe(3);
      const spend = nodeByLabel(page, 'P2TR payment');
      await dragBetween(page, funding.locator('[data-handleid="out-0"]'), spend.locator('[data-handleid="in-0"]'));
      await expect.poll(() => page.locator('.react-flow__edge').count()).toBe(2);

      await spend.getByTestId('node-label').click();
      await page.getByTestId('inspector-tab-outputs').click();
      await page.getByTestId('amount-0').fill('19.9999');
      await page.getByTestId('amount-0').press('Enter');
      await pick(page, 'payto-0', 'payto-option-Dave');
      await page.getByTestId('inspector-tab-inputs').click();
      // A fresh input spends the tree by its key path (the internal key is Alice's); choose leaf 1.
      await pick(page, 'spend-path-select-0', 'spend-path-0-leaf-1');
      await page.getByTestId('spend-preimage-0').fill(PREIMAGE);
      await page.getByTestId('spend-preimage-apply-0').click();
      await expect.poll(() => page.getByTestId('inspector-input-0').textContent()).toContain(PREIMAGE);
      await page.getByTestId('action-sign').click();
      await pick(page, 'sign-wallet', 'sign-wallet-Carol');
      await page.getByTestId('sign-confirm').click();
      await expect.poll(() => spend.getAttribute('data-status')).toBe('signed');
      await shot('3-spend-by-leaf');
      await page.getByTestId('action-broadcast').click();
      await expect.poll(() => spend.getAttribute('data-status')).toBe('mempool');
      await page.getByTestId('action-mine').click();
      await expect.poll(() => spend.getAttribute('data-status')).toBe('confirmed');
    });

    it('steps through the tapscript in the debugger', async () => {
      const { page } = wb;
      await page.getByTestId('debug-input-0').click();
      await expect.poll(() => page.getByTestId('dock').isVisible()).toBe(true);
      await expect.poll(() => page.getByTestId('trace-step').count()).toBeGreaterThanOrEqual(5);
      expect((await page.getByTestId('trace-phase').allTextContents()).join(' ')).toMatch(/tapscript/i);
      await page.getByTestId('debug-end').click();
      await expect.poll(() => page.getByTestId('debug-result').textContent()).toMatch(/succeeded|成功/);
      // BIP342's validation budget left after the last opcode (a number the unit tests check).
      expect(await page.getByTestId('debug-position').textContent()).toMatch(
        /(validation budget left|剩余验证权重预算)[:：] ?\d+/,
      );
      await shot('4-debugger');
    });

    it('says so when the draft, switched to the key path, is not the witness the block holds', async () => {
      const { page } = wb;
      const spend = nodeByLabel(page, 'P2TR payment');
      await spend.getByTestId('node-label').click();
      await page.getByTestId('inspector-tab-inputs').click();
      await pick(page, 'spend-path-select-0', 'spend-path-0-key');
      // The same txid is confirmed, with the leaf's witness: a txid does not cover the witness.
      const detail = spend.getByTestId('node-status-detail');
      await expect
        .poll(() => detail.textContent())
        .toMatch(language === 'en' ? /another witness \(wtxid [0-9a-f]{12}…\)/ : /另一个见证（wtxid [0-9a-f]{12}…）/);
      expect(await spend.getAttribute('data-status')).toBe('confirmed');
      await shot('5-other-witness');
    });

    it('logged no console errors or warnings, page errors or failed requests', () => {
      expect(wb.problems).toEqual([]);
    });
  });
}
