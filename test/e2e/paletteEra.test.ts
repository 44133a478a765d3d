/**
 * The palette follows the chain's rules: in the Mt.Gox lesson, whose chain has the 2014 rules
 * (no SegWit), the SegWit payment templates are shown greyed and say why, and clicking one adds
 * nothing; the P2PKH payment works. In English and 简体中文, photographed at 1440×900.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadLesson, openWorkbench, type Workbench } from './helpers/workbench';

for (const language of ['en', 'zh-CN'] as const) {
  describe(`the palette in the 2014 era, ${language}`, () => {
    let wb: Workbench;
    beforeAll(async () => {
      wb = await openWorkbench();
      if (language === 'zh-CN') {
        await wb.page.getByTestId('language-toggle').click();
        await wb.page.waitForFunction(() => document.documentElement.lang === 'zh-CN');
      }
      await loadLesson(wb.page, 'malleability-mtgox');
    });
    afterAll(async () => {
      await wb?.close();
    });

    it('greys the SegWit payments out, saying why, and keeps P2PKH', async () => {
      const { page } = wb;
      for (const id of ['p2wpkh-payment', 'p2sh-p2wpkh-payment', 'p2tr-payment']) {
        const template = page.getByTestId(`template-${id}`);
        await expect.poll(() => template.getAttribute('data-unavailable'), { message: id }).toBe('needs-segwit');
        expect(await template.isDisabled(), id).toBe(true);
        expect(await template.textContent()).toContain(language === 'en' ? 'no SegWit' : '无 SegWit');
      }
      const p2pkh = page.getByTestId('template-p2pkh-payment');
      expect(await p2pkh.getAttribute('data-unavailable')).toBeNull();
      expect(await p2pkh.isDisabled()).toBe(false);
      await wb.shot(`palette-2014-${language}`);

      const before = await page.getByTestId('tx-node').count();
      await page.getByTestId('template-p2wpkh-payment').click({ force: true });
      await page.getByTestId('template-p2pkh-payment').click();
      await expect.poll(() => page.getByTestId('tx-node').count()).toBe(before + 1);
    });

    it('logged no console errors or warnings, page errors or failed requests', () => {
      expect(wb.problems).toEqual([]);
    });
  });
}
