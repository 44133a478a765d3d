/**
 * Where a chain runs, chosen in its chain panel: a node at an unreachable URL is refused with the
 * host's reason and the chain stays simulated; the `ltc` chain moves to a local litecoind (its
 * history replayed there), mines a block there, and comes back to the simulator. Needs
 * `apt-get install -y litecoind`; without it the second test fails and says so.
 */
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDockTab, openWorkbench, type Workbench } from './helpers/workbench';

function onPath(program: string): boolean {
  return (process.env['PATH'] ?? '').split(delimiter).some((dir) => {
    try {
      accessSync(join(dir, program), constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}

async function height(page: Page, chain: 'btc' | 'ltc'): Promise<number> {
  return Number(await page.getByTestId(`chain-height-${chain}`).textContent());
}

/** Scrolls the chain panel's first column back to its top (clicks further down scrolled it). */
async function scrollToTop(page: Page, chain: 'btc' | 'ltc'): Promise<void> {
  await page.getByTestId(`chain-height-${chain}`).evaluate((el) => {
    let at = el.parentElement;
    while (at && at.scrollHeight <= at.clientHeight) at = at.parentElement;
    if (at) at.scrollTop = 0;
  });
}

const backendOf = (page: Page, chain: 'btc' | 'ltc'): Promise<string | null> =>
  page.getByTestId(`chain-backend-${chain}`).getAttribute('data-backend');

describe('where a chain runs, from the chain panel', () => {
  let wb: Workbench;
  const timings: Record<string, number> = {};

  beforeAll(async () => {
    wb = await openWorkbench({ height: 1200 });
    // A taller dock, so the chain panel's first column shows more at once in the screenshots.
    await wb.page.evaluate(() => localStorage.setItem('txlab.dockHeight', '860'));
    await wb.page.reload();
    await wb.page.locator('[data-testid="graph-canvas"]:not([data-revision="-1"])').waitFor();
  });
  afterAll(async () => {
    console.log(`backend.test timings (ms): ${JSON.stringify(timings)}`);
    await wb?.close();
  });

  it('refuses an unreachable node with the reason, and leaves the chain simulated at its height', async () => {
    const { page } = wb;
    await openDockTab(page, 'btc');
    expect(await backendOf(page, 'btc')).toBe('simulated');
    const before = await height(page, 'btc');
    expect(before).toBeGreaterThan(0);

    await page.getByTestId('backend-btc-kind-rpc').click();
    await page.getByTestId('backend-btc-url').fill('http://127.0.0.1:1');
    await page.getByTestId('backend-btc-auth-password').click();
    await page.getByTestId('backend-btc-user').fill('txlab');
    await page.getByTestId('backend-btc-password').fill('not-a-password');
    const started = Date.now();
    await page.getByTestId('backend-btc-apply').click();

    const error = page.getByTestId('backend-btc-error');
    await error.waitFor({ timeout: 30_000 });
    timings['unreachable'] = Date.now() - started;
    expect(await error.getAttribute('data-code')).toBe('BACKEND_UNAVAILABLE');
    // The host's reason names the node it could not reach.
    expect(await error.textContent()).toContain('127.0.0.1:1');
    expect(await page.getByTestId('backend-btc-progress').count()).toBe(0);
    expect(await backendOf(page, 'btc')).toBe('simulated');
    expect(await height(page, 'btc')).toBe(before);
    expect(await page.getByTestId('policy-btc').getAttribute('data-disabled')).toBe('false');

    await error.evaluate((el) => el.scrollIntoView({ block: 'end' }));
    await wb.shot('backend-error');
  });

  it('moves ltc to a local litecoind with its history, mines there, and moves it back', async () => {
    if (!onPath('litecoind')) {
      throw new Error(
        'litecoind is not installed: run `apt-get install -y litecoind` (Debian) to test a real regtest node from the UI',
      );
    }
    const { page } = wb;
    await openDockTab(page, 'ltc');
    expect(await backendOf(page, 'ltc')).toBe('simulated');
    const simulated = await height(page, 'ltc');
    expect(simulated).toBeGreaterThan(100);

    await page.getByTestId('backend-ltc-kind-local').click();
    await page.getByTestId('backend-ltc-daemon-litecoind').click();
    let started = Date.now();
    await page.getByTestId('backend-ltc-apply').click();
    // The daemon's start and the replay of 100+ blocks take a few seconds: the panel says so meanwhile.
    await page.getByTestId('backend-ltc-progress').waitFor({ timeout: 5_000 });
    await expect.poll(() => backendOf(page, 'ltc'), { timeout: 90_000 }).toBe('real');
    timings['toLocalLitecoind'] = Date.now() - started;

    expect(await page.getByTestId('chain-node-ltc').textContent()).toContain('litecoind');
    expect(await height(page, 'ltc')).toBe(simulated);
    expect(await page.getByTestId('backend-ltc-error').count()).toBe(0);
    // A real node's rules are its own: the switches are off, with the reason shown.
    expect(await page.getByTestId('policy-ltc').getAttribute('data-disabled')).toBe('true');
    await page.getByTestId('policy-ltc-real').waitFor();
    expect(await page.getByTestId('rule-ltc-LOW_S').evaluate((el) => el.classList.contains('Mui-disabled'))).toBe(true);
    await expect.poll(() => page.getByTestId('backend-ltc-progress').count()).toBe(0);
    await scrollToTop(page, 'ltc');
    await wb.shot('backend-real');

    started = Date.now();
    await page.getByTestId('mine-ltc-1').click();
    await expect.poll(() => height(page, 'ltc'), { timeout: 30_000 }).toBe(simulated + 1);
    timings['mine1OnLitecoind'] = Date.now() - started;
    expect(await backendOf(page, 'ltc')).toBe('real');

    await page.getByTestId('backend-ltc-kind-simulated').click();
    started = Date.now();
    await page.getByTestId('backend-ltc-apply').click();
    await expect.poll(() => backendOf(page, 'ltc'), { timeout: 60_000 }).toBe('simulated');
    timings['backToSimulator'] = Date.now() - started;
    // The block mined on the node is part of the history, so the simulator has it too.
    expect(await height(page, 'ltc')).toBe(simulated + 1);
    expect(await page.getByTestId('chain-node-ltc').count()).toBe(0);
    expect(await page.getByTestId('policy-ltc').getAttribute('data-disabled')).toBe('false');
    expect(await page.getByTestId('rule-ltc-LOW_S').evaluate((el) => el.classList.contains('Mui-disabled'))).toBe(
      false,
    );
  });

  it('logged no console errors or warnings, page errors or failed requests', () => {
    expect(wb.problems).toEqual([]);
  });
});
