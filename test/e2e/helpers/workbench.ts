/**
 * The whole workbench in Chromium for an end-to-end test: the real host in its worker thread
 * (fresh data folder, fixed seed), browser mode's server, a page, screenshots, and every console
 * error, page error or failed request collected (each test asserts there were none).
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { expect } from 'vitest';
import { type ServedPage, startWorkerHost, type WorkerHost } from '../../../main/host/workerHost';
import { DEFAULT_RENDERER_DIR, REPO_ROOT } from '../../../main/web';
import { CHROMIUM_ARGS, findChromium } from './chromium';

export const SCREENSHOT_DIR = join(REPO_ROOT, 'test-results', 'e2e');

export interface Workbench {
  readonly page: Page;
  readonly context: BrowserContext;
  readonly host: WorkerHost;
  readonly web: ServedPage;
  /** Console errors and warnings, page errors, failed requests: expected to stay empty. */
  readonly problems: string[];
  shot(name: string): Promise<void>;
  close(): Promise<void>;
}

export interface WorkbenchOptions {
  readonly seed?: number;
  readonly colorScheme?: 'light' | 'dark';
  readonly width?: number;
  readonly height?: number;
}

export async function openWorkbench(options: WorkbenchOptions = {}): Promise<Workbench> {
  const dataDir = mkdtempSync(join(tmpdir(), 'txlab-e2e-'));
  // As `npm run web` does: the worker serves the page and its socket.
  const started = await startWorkerHost({
    dataDir,
    mode: 'browser',
    version: '0.0.0-e2e',
    seed: options.seed ?? 7,
    web: { rendererDir: DEFAULT_RENDERER_DIR },
  });
  if (!started.ok) throw new Error(`the host did not start: ${started.error.message}`);
  const host = started.value;
  const web = host.web;
  if (!web) throw new Error('the host started without its web server');
  const browser: Browser = await chromium.launch({ executablePath: findChromium(), args: CHROMIUM_ARGS });
  const context = await browser.newContext({
    viewport: { width: options.width ?? 1440, height: options.height ?? 900 },
    colorScheme: options.colorScheme ?? 'light',
    locale: 'en-US',
    acceptDownloads: true,
  });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning')
      problems.push(`console.${message.type()}: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
  page.on('requestfailed', (request) =>
    problems.push(`request failed: ${request.url()} ${request.failure()?.errorText ?? ''}`),
  );
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.goto(web.url);
  await page.locator('[data-testid="host-status"][data-state="connected"]').waitFor({ timeout: 15_000 });
  await page.locator('[data-testid="graph-canvas"]:not([data-revision="-1"])').waitFor({ timeout: 15_000 });
  return {
    page,
    context,
    host,
    web,
    problems,
    async shot(name) {
      await page.mouse.move(2, 2); // no tooltip over the picture
      await page.waitForTimeout(150);
      await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`), animations: 'disabled' });
    },
    async close() {
      await browser.close();
      await host.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A transaction node on the canvas by its label. */
export function nodeByLabel(page: Page, label: string): Locator {
  return page
    .locator('[data-testid="tx-node"]')
    .filter({ has: page.locator(`[data-testid="node-label"][data-label="${label.replace(/["\\]/g, '\\$&')}"]`) });
}

/** Where an element is once it has stopped moving (the canvas animates when it frames new nodes). */
export async function settledBox(
  page: Page,
  locator: Locator,
): Promise<{ x: number; y: number; width: number; height: number }> {
  let last = await locator.boundingBox();
  for (let i = 0; i < 40; i++) {
    await page.waitForTimeout(60);
    const now = await locator.boundingBox();
    if (now && last && now.x === last.x && now.y === last.y && now.width === last.width) return now;
    last = now;
  }
  if (!last) throw new Error('the element is not on screen');
  return last;
}

/** Drags from one element to another with real mouse events (React Flow's connections need them). */
export async function dragBetween(page: Page, from: Locator, to: Locator): Promise<void> {
  const a = await settledBox(page, from);
  const b = await settledBox(page, to);
  await page.mouse.move(a.x + a.width / 2, a.y + a.height / 2);
  await page.mouse.down();
  await page.mouse.move((a.x + b.x) / 2, (a.y + b.y) / 2, { steps: 8 });
  await page.mouse.move(b.x + b.width / 2, b.y + b.height / 2, { steps: 8 });
  await page.mouse.up();
}

export async function openDockTab(page: Page, tab: string): Promise<void> {
  await page.getByTestId(`dock-tab-${tab}`).click();
}

/** A wallet's confirmed balance in satoshis, as the Wallets panel shows it. */
export async function confirmedSats(page: Page, wallet: string, chain: 'btc' | 'ltc'): Promise<bigint> {
  const value = await page.getByTestId(`balance-${wallet}-${chain}`).getAttribute('data-confirmed');
  return BigInt(value ?? '0');
}

/** Loads a built-in lesson from the Lesson panel, on one of its paths. */
export async function loadLesson(page: Page, scenario: string, path?: string): Promise<void> {
  await openDockTab(page, 'lesson');
  // With a lesson open, the lessons are behind "Other lesson…".
  if ((await page.getByTestId('scenario-picker').count()) === 0) await page.getByTestId('lesson-change').click();
  await page.getByTestId(`scenario-${scenario}`).click();
  if (path) {
    await page.getByTestId('lesson-path').click();
    await page.getByTestId(`lesson-path-${path}`).click();
  }
  const before = await page.getByTestId('graph-canvas').getAttribute('data-revision');
  await page.getByTestId('lesson-load').click();
  // Over a workspace the person changed, loading asks first (tests of that answer it themselves).
  // isVisible answers at once (Playwright ignores a timeout there), as it always has here.
  if (
    await page
      .getByTestId('confirm-replace-discard')
      .isVisible()
      .catch(() => false)
  )
    await page.getByTestId('confirm-replace-discard').click();
  await page.locator(`[data-testid="graph-canvas"]:not([data-revision="${before ?? ''}"])`).waitFor();
  await page.locator('[data-testid="lesson-step-0"][data-done="false"]').waitFor();
}

/** Plays the next `count` steps with the Next button, each one finished before the next click. */
export async function playSteps(page: Page, count: number): Promise<void> {
  for (let i = 0; i < count; i++) {
    const next = await page
      .locator('[data-testid^="lesson-step-"][data-done="false"]')
      .first()
      .getAttribute('data-testid');
    if (!next) throw new Error('the lesson has no step left to play');
    await page.getByTestId('lesson-next').click();
    await page.locator(`[data-testid="${next}"][data-done="true"]`).waitFor({ timeout: 30_000 });
  }
}

/** In a lesson: show every transaction, also those the narration has not introduced yet (remembered by the page). */
export async function showWholeProtocol(page: Page): Promise<void> {
  const toggle = page.getByTestId('stage-whole').locator('input');
  if (!(await toggle.isChecked())) await page.getByTestId('stage-whole').click();
  await expect.poll(() => toggle.isChecked()).toBe(true);
}
