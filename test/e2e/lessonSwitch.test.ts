/**
 * Safe switching and the scenario file's step focus, through the page: a lesson loaded over a
 * workspace the person changed asks first (Export first / Discard / Cancel) and Undo brings the
 * workspace back, chains and wallets; a v1 file whose steps name no focus loads and frames what
 * each step changed; a lesson exported and imported again keeps each step's focus.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WorkspaceView } from '../../shared/contract/views';
import type { ScenarioFile } from '../../shared/scenario/schema';
import { readStage, waitForStage } from './helpers/stage';
import {
  loadLesson,
  nodeByLabel,
  openDockTab,
  openWorkbench,
  SCREENSHOT_DIR,
  type Workbench,
} from './helpers/workbench';

async function workspace(wb: Workbench): Promise<WorkspaceView> {
  const r = await wb.host.invoke('workspace.get', {});
  if (!r.ok) throw new Error(r.error.message);
  return r.value as WorkspaceView;
}

/** What must come back: the graph, the chains' tips, the wallets and their keys. */
const essence = (v: WorkspaceView) => ({
  nodes: v.nodes.map((n) => [n.id, n.txid, n.status.kind]),
  chains: v.chains.map((c) => [c.id, c.height, c.tipHash]),
  wallets: v.wallets.map((w) => [w.name, w.keys.map((k) => k.publicKey)]),
  lesson: v.lesson?.scenario,
});

async function chooseLesson(page: Page, scenario: string): Promise<void> {
  await openDockTab(page, 'lesson');
  if ((await page.getByTestId('scenario-picker').count()) === 0) await page.getByTestId('lesson-change').click();
  await page.getByTestId(`scenario-${scenario}`).click();
  await page.getByTestId('lesson-load').click();
}

async function runMenu(page: Page, menu: string, item: string): Promise<void> {
  await page.getByTestId(`menu-${menu}`).click();
  await page.getByTestId(`menuitem-${item}`).click();
}

describe('safe switching, and step focus in scenario files', () => {
  let wb: Workbench;
  beforeAll(async () => {
    wb = await openWorkbench();
  });
  afterAll(async () => {
    await wb?.close();
  });

  it('a lesson over a changed workspace asks first; Cancel keeps it; Export first saves it', async () => {
    const { page } = wb;
    expect((await workspace(wb)).modified).toBe(false);
    // Changed by hand: a transaction from the palette, a block mined, a wallet of one's own.
    await page.getByTestId('template-p2pkh-payment').click();
    await expect.poll(() => page.getByTestId('tx-node').count()).toBe(1);
    await page.keyboard.press('m');
    await expect.poll(async () => (await workspace(wb)).chains.find((c) => c.id === 'btc')!.height).toBe(102);
    const created = await wb.host.invoke('wallet.create', { name: 'Eve' });
    expect(created.ok).toBe(true);
    await expect.poll(async () => (await workspace(wb)).modified).toBe(true);

    await chooseLesson(page, 'segwit');
    const dialog = page.getByTestId('confirm-replace');
    await dialog.waitFor();
    await wb.shot('s1-asks-before-replacing');
    await page.getByTestId('confirm-replace-cancel').click();
    await expect.poll(() => dialog.count()).toBe(0);
    expect((await workspace(wb)).lesson).toBeUndefined();

    await page.getByTestId('lesson-load').click();
    await dialog.waitFor();
    const download = page.waitForEvent('download');
    await page.getByTestId('confirm-replace-export').click();
    const file = await download;
    const saved = join(SCREENSHOT_DIR, 's-kept.txlab.json');
    await file.saveAs(saved);
    expect((JSON.parse(readFileSync(saved, 'utf8')) as ScenarioFile).graph.nodes).toHaveLength(1);
  });

  it('Discard loads the lesson; Undo brings the workspace back, chains and wallets; Redo the lesson', async () => {
    const { page } = wb;
    const before = essence(await workspace(wb));
    await page.getByTestId('confirm-replace-discard').click();
    await page.locator('[data-testid="lesson-step-0"][data-done="false"]').waitFor();
    await page.getByTestId('lesson-next').click();
    await waitForStage(page, 1);
    const lesson = essence(await workspace(wb));
    expect(lesson.lesson).toBe('segwit');
    expect(lesson.wallets.some(([name]) => name === 'Eve')).toBe(false);

    await page.getByTestId('undo').click();
    await expect.poll(async () => essence(await workspace(wb))).toEqual(before);
    expect((await workspace(wb)).modified).toBe(true);
    await expect.poll(() => page.getByTestId('tx-node').count()).toBe(1);
    await expect.poll(() => page.getByTestId('scenario-picker').count()).toBe(1);
    await wb.shot('s2-undo-brings-it-back');

    await page.getByTestId('redo').click();
    await expect.poll(async () => essence(await workspace(wb))).toEqual(lesson);
    await waitForStage(page, 1);
  });

  it('a v1 file without step focus loads and frames what each step changed', async () => {
    const { page } = wb;
    await loadLesson(page, 'p2pkh-basics', 'pay');
    const exported = await wb.host.invoke('workspace.export', {});
    if (!exported.ok) throw new Error(exported.error.message);
    const file = JSON.parse((exported.value as { json: string }).json) as ScenarioFile;
    const paths = Object.fromEntries(
      Object.entries(file.lesson!.paths).map(([p, steps]) => [p, steps.map(({ focus: _focus, ...rest }) => rest)]),
    );
    const plain = JSON.stringify({ ...file, lesson: { ...file.lesson!, paths } });
    expect(plain).not.toContain('"focus"');
    await runMenu(page, 'file', 'file.open');
    await page
      .getByTestId('file-input')
      .setInputFiles({ name: 'no-focus.txlab.json', mimeType: 'application/json', buffer: Buffer.from(plain) });
    await waitForStage(page, 0);
    // Nothing has happened yet: the coins on the chain show, the lesson's drafts wait their turn.
    await expect.poll(() => nodeByLabel(page, 'Payment').count()).toBe(0);
    expect(await nodeByLabel(page, 'Coins').count()).toBe(1);

    await page.getByTestId('lesson-next').click();
    await waitForStage(page, 1);
    await page.getByTestId('lesson-next').click();
    await waitForStage(page, 2);
    // Step 2 signed Payment: it is the focus, inside the canvas, readable; Forgery is not introduced.
    const stage = await readStage(page);
    expect(stage.focus.map((n) => n.id)).toEqual(['Payment']);
    expect(stage.focus[0]).toMatchObject({ inside: true, uncovered: true });
    expect(stage.focus[0]!.titlePx).toBeGreaterThanOrEqual(14);
    expect(await nodeByLabel(page, 'Payment').getAttribute('data-marks')).toBe('signed');
    expect(await nodeByLabel(page, 'Forgery').count()).toBe(0);
    await wb.shot('s3-v1-without-focus');
    await page.getByTestId('stage-whole').click();
    await expect.poll(() => nodeByLabel(page, 'Forgery').count()).toBe(1);
    await page.getByTestId('stage-whole').click();
  });

  it('a lesson exported and imported again keeps each step’s focus', async () => {
    const { page } = wb;
    await loadLesson(page, 'atomic-swap', 'success');
    const download = page.waitForEvent('download');
    await runMenu(page, 'file', 'file.save');
    const path = join(SCREENSHOT_DIR, 's-focus.txlab.json');
    await (await download).saveAs(path);
    const text = readFileSync(path, 'utf8');
    const steps = (JSON.parse(text) as ScenarioFile).lesson!.paths['success']!;
    expect(steps[1]!.focus).toEqual({ nodes: ['Tx1', 'Tx2'] });
    await page.getByTestId('file-input').setInputFiles(path);
    await waitForStage(page, 0);
    await page.getByTestId('lesson-next').click();
    await waitForStage(page, 1);
    await page.getByTestId('lesson-next').click();
    await waitForStage(page, 2);
    expect((await readStage(page)).focus.map((n) => n.id)).toEqual(['Tx1', 'Tx2']);
    const again = await wb.host.invoke('workspace.export', {});
    if (!again.ok) throw new Error(again.error.message);
    const reexported = JSON.parse((again.value as { json: string }).json) as ScenarioFile;
    expect(reexported.lesson!.paths).toEqual((JSON.parse(text) as ScenarioFile).lesson!.paths);
  });

  it('logged no console errors or warnings, page errors or failed requests', () => {
    expect(wb.problems).toEqual([]);
  });
});
