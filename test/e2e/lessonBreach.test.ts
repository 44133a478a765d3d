/**
 * (b) The RSMC channel's breach, played from the lesson panel: Alice publishes the revoked C1a,
 * Bob answers with BR1a inside the 1000-block window; BR1a ends confirmed and Bob holds the
 * whole channel. Presenter mode shows the narration in large type beside the graph.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  confirmedSats,
  loadLesson,
  nodeByLabel,
  openDockTab,
  openWorkbench,
  playSteps,
  showWholeProtocol,
  type Workbench,
} from './helpers/workbench';

const COIN = 100_000_000n;
/** Each side put 0.5 BTC in the channel and kept 0.1 BTC outside it. */
const CHANNEL = COIN;
const OUTSIDE = COIN / 10n;

describe('(b) rsmc-channel: the breach path from the lesson panel', () => {
  let wb: Workbench;
  beforeAll(async () => {
    wb = await openWorkbench();
  });
  afterAll(async () => {
    await wb?.close();
  });

  it('loads the lesson with its breach path', async () => {
    const { page } = wb;
    await loadLesson(page, 'rsmc-channel', 'breach-punished');
    await expect
      .poll(() => page.getByTestId('lesson-steps').locator('[data-testid^="lesson-step-"]').count())
      .toBeGreaterThan(5);
    // BR1a comes on stage at the revocation step; the whole protocol shows it from the start.
    expect(await nodeByLabel(page, 'BR1a').count()).toBe(0);
    await showWholeProtocol(page);
    await expect.poll(() => nodeByLabel(page, 'BR1a').count()).toBe(1);
    expect(await nodeByLabel(page, 'C1a').getAttribute('data-status')).toBe('draft');
    await wb.shot('b1-rsmc-loaded');
  });

  it('plays step by step with Next until Alice cheats and Bob punishes', async () => {
    const { page } = wb;
    const steps = await page.getByTestId('lesson-steps').locator('[data-testid^="lesson-step-"]').count();
    for (let i = 0; i < steps; i++) {
      await playSteps(page, 1);
      // The moment between the two broadcasts: the revoked C1a is in a block, BR1a not yet.
      const c1a = await nodeByLabel(page, 'C1a').getAttribute('data-status');
      const br1a = await nodeByLabel(page, 'BR1a').getAttribute('data-status');
      if (c1a === 'confirmed' && br1a !== 'confirmed') await wb.shot('b2-breach-published');
    }
    await expect.poll(() => page.getByTestId('lesson-finished').count()).toBe(1);
  });

  it('ends with BR1a confirmed, RD1a out of the game, and the whole channel with Bob', async () => {
    const { page } = wb;
    await expect.poll(() => nodeByLabel(page, 'BR1a').getAttribute('data-status')).toBe('confirmed');
    expect(await nodeByLabel(page, 'C1a').getAttribute('data-status')).toBe('confirmed');
    expect(await nodeByLabel(page, 'RD1a').getAttribute('data-status')).toBe('conflicted');
    await wb.shot('b3-bob-punished');
    await openDockTab(page, 'wallets');
    const bob = await confirmedSats(page, 'Bob', 'btc');
    const alice = await confirmedSats(page, 'Alice', 'btc');
    // Bob: his 0.1 outside plus both deposits, less a few thousand satoshis of fees.
    expect(bob).toBeGreaterThan(OUTSIDE + CHANNEL - 10_000n);
    expect(bob).toBeLessThanOrEqual(OUTSIDE + CHANNEL);
    // Alice kept only what was never in the channel.
    expect(alice).toBeLessThanOrEqual(OUTSIDE);
    await wb.shot('b4-wallets-after-breach');
  });

  it('shows the breach window on the time-lock timeline', async () => {
    const { page } = wb;
    await openDockTab(page, 'timelocks');
    const row = page.getByTestId('timeline-row').filter({ hasText: 'RD1a' });
    await expect.poll(() => row.count()).toBe(1);
    expect(await row.getByTestId('timeline-state').textContent()).toContain('conflicted');
    await wb.shot('b5-timelocks');
  });

  it('presents the lesson in large type beside the canvas, and Esc leaves', async () => {
    const { page } = wb;
    await page.getByTestId('presenter-button').click();
    const stage = page.getByTestId('presenter-stage');
    await stage.waitFor();
    const size = await page
      .getByTestId('presenter-title')
      .evaluate((el) => Number.parseFloat(getComputedStyle(el).fontSize));
    expect(size).toBeGreaterThanOrEqual(24);
    // The stage is beside the canvas, not over it.
    const canvas = (await page.getByTestId('graph-canvas').boundingBox())!;
    const panel = (await stage.boundingBox())!;
    expect(panel.x).toBeGreaterThanOrEqual(canvas.x + canvas.width - 1);
    await wb.shot('b6-presenter');
    await page.keyboard.press('Escape');
    await expect.poll(() => stage.count()).toBe(0);
  });

  it('logged no console errors or warnings, page errors or failed requests', () => {
    expect(wb.problems).toEqual([]);
  });
});
