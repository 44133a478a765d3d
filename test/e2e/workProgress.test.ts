/**
 * Long work shows its progress and can be cancelled from the page (issue 9). The throughput
 * lesson's second step simulates thousands of signed payments (seconds of work): Next on it at
 * once brings up the progress panel with a Cancel button while the host keeps answering; Cancel
 * stops it, says so as news (not as an error), and the lesson stays at the step it stood at.
 * In English and in 简体中文, with screenshots.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadLesson, openWorkbench, type Workbench } from './helpers/workbench';

describe('long work, shown and cancelled from the page', () => {
  let wb: Workbench;
  beforeAll(async () => {
    wb = await openWorkbench();
  });
  afterAll(async () => {
    await wb?.close();
  });

  for (const language of ['en', 'zh'] as const) {
    it(`a long lesson step shows its progress and Cancel puts the lesson back (${language})`, async () => {
      const { page } = wb;
      if (language === 'zh') await page.getByTestId('language-toggle').click();
      await loadLesson(page, 'throughput-finality', 'capacity');
      // Step 1 is narration only; step 2 runs the crowd of payments.
      await page.getByTestId('lesson-next').click();
      await page.locator('[data-testid="lesson-step-0"][data-done="true"]').waitFor();
      await page.getByTestId('lesson-next').click();
      const panel = page.getByTestId('work-progress');
      await panel.waitFor({ timeout: 10_000 });
      // The host answers while it works: the panel counts up.
      const count = async () => Number((await page.getByTestId('work-progress-count').textContent())?.split(/\s/)[0]?.replace(/[^\d]/g, '') ?? '0');
      await expect.poll(count, { timeout: 10_000 }).toBeGreaterThan(0);
      await wb.shot(`w1-progress-${language}`);
      await page.getByTestId('work-cancel').click();
      await panel.waitFor({ state: 'detached', timeout: 20_000 });
      await expect.poll(() => page.locator('[data-severity="info"]').count()).toBeGreaterThan(0);
      await page.locator('[data-testid="lesson-step-1"][data-done="false"]').waitFor();
      await page.locator('[data-testid="lesson-step-0"][data-done="true"]').waitFor();
      await wb.shot(`w2-cancelled-${language}`);
      expect(wb.problems).toEqual([]);
    });
  }
});
