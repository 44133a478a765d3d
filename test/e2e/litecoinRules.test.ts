/**
 * Issue 13 §5: the Litecoin chain's panel says, in words, which rules its node (Litecoin Core
 * 0.21) applies where they differ from Bitcoin Core; the Bitcoin chain's names Bitcoin Core only.
 * In English and in 简体中文, with screenshots of both.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { en } from '../../shared/ui/i18n/en';
import { loadLesson, openDockTab, openWorkbench, type Workbench } from './helpers/workbench';

describe('Litecoin rules in the chain panel', () => {
  let wb: Workbench;
  beforeAll(async () => {
    wb = await openWorkbench();
    await loadLesson(wb.page, 'atomic-swap', 'success');
  });
  afterAll(async () => {
    await wb?.close();
  });

  it('names Bitcoin Core on the Bitcoin chain, without a list of differences', async () => {
    const { page } = wb;
    await openDockTab(page, 'btc');
    const rules = page.getByTestId('node-rules-btc');
    await expect.poll(() => rules.getAttribute('data-follows')).toBe('bitcoin-core');
    expect(await rules.innerText()).toContain('Bitcoin Core');
    expect(await page.getByTestId('node-rules-btc-list').count()).toBe(0);
    await wb.shot('r1-bitcoin-rules-en');
  });

  it("lists Litecoin Core 0.21's differences on the Litecoin chain", async () => {
    const { page } = wb;
    await openDockTab(page, 'ltc');
    const list = page.getByTestId('node-rules-ltc-list');
    await list.waitFor();
    expect(await page.getByTestId('node-rules-ltc').innerText()).toContain('Litecoin Core 0.21');
    // Near the top of the panel: on screen without scrolling, with the 84,000,000 figure.
    expect(await list.isVisible()).toBe(true);
    const box = (await list.boundingBox())!;
    const panel = (await page.getByTestId('chain-panel-ltc').boundingBox())!;
    expect(box.y + box.height).toBeLessThanOrEqual(panel.y + panel.height);
    const text = await list.innerText();
    expect(text).toContain('Litecoin rules:');
    expect(await page.getByTestId('node-rules-ltc-maxMoney').innerText()).toContain('84,000,000 LTC');
    expect(await page.getByTestId('node-rules-ltc-dust').innerText()).toContain('30 sat/vB');
    expect(await page.getByTestId('node-rules-ltc-replacement').innerText()).toContain('BIP125');
    expect(await page.getByTestId('node-rules-ltc-mweb').innerText()).toContain('MWEB');
    expect(await page.getByTestId('node-rules-ltc-emptyIf').innerText()).toContain('UNBALANCED_CONDITIONAL');
    expect(await page.getByTestId('node-rules-ltc-emptyIf').innerText()).toContain('UNKNOWN_ERROR');
    await wb.shot('r2-litecoin-rules-en');
  });

  it('says the same in 简体中文, with no English sentence left', async () => {
    const { page } = wb;
    await page.getByTestId('language-toggle').click();
    await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe('zh-CN');
    const list = page.getByTestId('node-rules-ltc-list');
    const text = await list.innerText();
    expect(text).toContain('莱特币规则');
    expect(text).toContain('84,000,000 LTC');
    expect(text).toContain('UNBALANCED_CONDITIONAL');
    const panel = await page.getByTestId('chain-panel-ltc').innerText();
    const english = Object.entries(en)
      .filter(([key]) => key.startsWith('chain.nodeRules.') && key !== 'chain.nodeRules.litecoinCore')
      .flatMap(([, value]) => value.split(/\{\w+\}/))
      .map((piece) => piece.trim())
      .filter((piece) => /[a-z]{3,}/.test(piece) && piece !== 'Bitcoin Core');
    expect(english.filter((piece) => panel.includes(piece))).toEqual([]);
    await wb.shot('r3-litecoin-rules-zh');
    await openDockTab(page, 'btc');
    await page.getByTestId('node-rules-btc').waitFor();
    await wb.shot('r4-bitcoin-rules-zh');
  });

  it('logged no console errors or warnings, page errors or failed requests', () => {
    expect(wb.problems).toEqual([]);
  });
});
