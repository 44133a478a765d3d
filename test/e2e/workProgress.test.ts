/**
 * Long work shows its progress and can be cancelled from the page (issue 9). A lesson file whose
 * second step mines 60,000 blocks (seconds of work, within the file's budget; the built-in
 * lessons' statistics have become too quick to watch): Next on it brings up the progress panel
 * with a Cancel button while the host keeps answering; Cancel stops it, says so as news (not as
 * an error), and the lesson stays at the step it stood at. In English and in 简体中文, with
 * screenshots.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LessonStep, ScenarioFile } from '../../shared/scenario/schema';
import { loadLesson, openWorkbench, type Workbench } from './helpers/workbench';

/** p2pkh-basics with a long step put second: six calls mining 10,000 blocks each. */
async function longLesson(wb: Workbench): Promise<string> {
  await loadLesson(wb.page, 'p2pkh-basics', 'pay');
  const exported = await wb.host.invoke('workspace.export', {});
  if (!exported.ok) throw new Error(exported.error.message);
  const file = JSON.parse((exported.value as { json: string }).json) as ScenarioFile;
  const lesson = file.lesson!;
  const long: LessonStep = {
    title: { en: 'A long wait: sixty thousand blocks', zh: '漫长的等待：六万个区块' },
    narration: { en: 'The chain grows by sixty thousand blocks.', zh: '链增长六万个区块。' },
    actions: Array.from({ length: 6 }, () => ({
      call: 'chain.mine' as const,
      params: { chain: 'btc', count: 10_000 },
    })),
  };
  const steps = lesson.paths[lesson.path]!;
  return JSON.stringify({
    ...file,
    lesson: { ...lesson, paths: { [lesson.path]: [steps[0]!, long, ...steps.slice(1)] } },
  });
}

async function importFile(page: Page, json: string): Promise<void> {
  await page.getByTestId('menu-file').click();
  await page.getByTestId('menuitem-file.open').click();
  await page
    .getByTestId('file-input')
    .setInputFiles({ name: 'long.txlab.json', mimeType: 'application/json', buffer: Buffer.from(json) });
}

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
      await importFile(page, await longLesson(wb));
      await page.locator('[data-testid="lesson-step-1"]').waitFor();
      await page.getByTestId('lesson-next').click();
      await page.locator('[data-testid="lesson-step-0"][data-done="true"]').waitFor();
      await page.getByTestId('lesson-next').click();
      const panel = page.getByTestId('work-progress');
      await panel.waitFor({ timeout: 10_000 });
      // The host answers while it works: the panel counts up.
      const count = async () =>
        Number(
          (await page.getByTestId('work-progress-count').textContent())?.split(/\s/)[0]?.replace(/[^\d]/g, '') ?? '0',
        );
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
