/**
 * The Taproot swap in presenter mode at 1440×900: the cooperative path up to Alice's key-path
 * claim, whose table sets it beside the seed's claim, in English and in 简体中文; then the
 * leaves path's wrong-X step with the tapscript trace beside it. Photographed for reading
 * (test-results/e2e/t1…t3).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitForStage } from './helpers/stage';
import { loadLesson, nodeByLabel, openWorkbench, type Workbench } from './helpers/workbench';

async function presentUpTo(wb: Workbench, path: string, position: number): Promise<void> {
  const { page } = wb;
  await loadLesson(page, 'taproot-swap', path);
  await page.getByTestId('presenter-button').click();
  await waitForStage(page, 0);
  for (let at = 1; at <= position; at++) {
    await page.keyboard.press('ArrowRight');
    await waitForStage(page, at);
  }
}

describe('taproot-swap in presenter mode', () => {
  let wb: Workbench;
  beforeAll(async () => {
    wb = await openWorkbench();
  });
  afterAll(async () => {
    await wb?.close();
  });

  it('the MuSig2 key-path claim beside the seed’s, in English and in Chinese', async () => {
    const { page } = wb;
    await presentUpTo(wb, 'key-path', 4);
    const stage = page.getByTestId('presenter-stage');
    await expect.poll(() => nodeByLabel(page, 'Tx3-key').getAttribute('data-status')).toBe('confirmed');
    await expect.poll(() => stage.getByText('Tx3-key beside the seed’s version').count()).toBe(1);
    expect(await stage.getByText('the output key only').count()).toBe(1);
    await wb.shot('t1-taproot-key-path-en');
    await page.keyboard.press('l');
    await waitForStage(page, 4);
    await expect.poll(() => stage.getByText('Tx3-key 与种子版并排').count()).toBe(1);
    expect(await stage.getByText('只有输出密钥').count()).toBe(1);
    await wb.shot('t2-taproot-key-path-zh');
    await page.keyboard.press('l');
    await page.keyboard.press('Escape');
  });

  it('the wrong X refused, the leaf’s trace beside it', async () => {
    const { page } = wb;
    await presentUpTo(wb, 'hash-leaves', 4);
    await expect.poll(() => nodeByLabel(page, 'Tx3-badX').getAttribute('data-status')).toBe('invalid');
    const stage = page.getByTestId('presenter-stage');
    await expect.poll(() => stage.getByText('tapscript').count()).toBeGreaterThan(3);
    await wb.shot('t3-taproot-wrong-x-en');
    await page.keyboard.press('Escape');
  });

  it('logged no console errors or warnings, page errors or failed requests', () => {
    expect(wb.problems).toEqual([]);
  });
});
