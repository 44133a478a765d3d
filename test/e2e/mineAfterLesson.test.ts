/**
 * Mining always has a reward wallet that exists (issue 14 §3): for each built-in lesson, the
 * chain panel is left open while the lesson is loaded, a block is mined to the lesson's wallet,
 * File ▸ New workspace replaces the workspace, and Mine 1 must still work — to the new
 * workspace's default, not to the lesson's miner, which the new workspace does not have.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WorkspaceView } from '../../shared/contract/views';
import { BUILTINS } from '../../shared/lessons';
import { loadLesson, openDockTab, openWorkbench, type Workbench } from './helpers/workbench';

async function workspace(wb: Workbench): Promise<WorkspaceView> {
  const r = await wb.host.invoke('workspace.get', {});
  if (!r.ok) throw new Error(r.error.message);
  return r.value as WorkspaceView;
}

const height = async (wb: Workbench, chain: string): Promise<number> =>
  (await workspace(wb)).chains.find((c) => c.id === chain)?.height ?? -1;

/** Mines one block from the chain panel and waits for the height to move; an error notice fails. */
async function mineOne(wb: Workbench, chain: string): Promise<void> {
  const before = await height(wb, chain);
  await wb.page.getByTestId(`mine-${chain}-1`).click();
  await expect
    .poll(async () => {
      const notice = wb.page.getByTestId('notice');
      if ((await notice.count()) > 0 && (await notice.getAttribute('data-severity')) === 'error')
        return `error: ${await notice.textContent()}`;
      return await height(wb, chain);
    })
    .toBe(before + 1);
}

async function newWorkspace(page: Page): Promise<void> {
  await page.getByTestId('menu-file').click();
  await page.getByTestId('menuitem-file.new').click();
  await page.getByTestId('confirm-new').click();
}

describe('mining after leaving a lesson', () => {
  let wb: Workbench;
  beforeAll(async () => {
    wb = await openWorkbench();
  });
  afterAll(async () => {
    await wb?.close();
  });

  it('has eight lessons to try', () => {
    expect(BUILTINS.length).toBeGreaterThanOrEqual(8);
  });

  it('says the unit of an immature balance and groups its digits (a new workspace: Alice mined 100 blocks)', async () => {
    const { page } = wb;
    await newWorkspace(page);
    await openDockTab(page, 'wallets');
    const alice = page.getByTestId('balance-Alice-btc');
    await expect.poll(() => alice.textContent()).toMatch(/\d{1,3}(,\d{3})+ BTC immature/);
  });

  for (const lesson of BUILTINS) {
    it(`${lesson.name}: mines in the lesson, then after File ▸ New, to a wallet that exists`, async () => {
      const { page } = wb;
      await loadLesson(page, lesson.name);
      const lessonView = await workspace(wb);
      const chain = lessonView.chains.some((c) => c.id === 'btc') ? 'btc' : lessonView.chains[0]!.id;
      // The chain panel stays open from here on: its reward choice must follow the workspace.
      await openDockTab(page, chain);
      await mineOne(wb, chain);
      await newWorkspace(page);
      await expect.poll(async () => (await workspace(wb)).lesson).toBeUndefined();
      await openDockTab(page, chain);
      const rewardBox = page.getByLabel('Block reward to');
      await expect.poll(() => rewardBox.textContent()).toMatch(/\S/);
      await mineOne(wb, chain);
    });
  }
});
