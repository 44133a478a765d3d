/**
 * The built renderer in Debian's Chromium, through browser mode started in-process: the shell
 * renders, the host answers over the WebSocket, the page logs no errors, and the theme and
 * language toggles work. Needs `npm run build` (npm run test:e2e does it) and `apt-get install -y chromium`.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser, type Page } from 'playwright-core';
import { createStubHost } from '../support/stubHost';
import { startWebServer, type WebServer } from '../../main/browserMode/server';
import { DEFAULT_RENDERER_DIR, REPO_ROOT } from '../../main/web';
import { CHROMIUM_ARGS, findChromium } from './helpers/chromium';

const SCREENSHOT_DIR = join(REPO_ROOT, 'test-results', 'e2e');

describe('browser mode shell in Chromium', () => {
  let web: WebServer;
  let browser: Browser;
  let page: Page;
  const problems: string[] = [];

  beforeAll(async () => {
    if (!existsSync(join(DEFAULT_RENDERER_DIR, 'index.html'))) {
      throw new Error(
        `${DEFAULT_RENDERER_DIR}/index.html is missing: run \`npm run build\` first (npm run test:e2e does).`,
      );
    }
    const executablePath = findChromium();
    web = await startWebServer({
      host: createStubHost({ version: '0.0.0-e2e', mode: 'browser' }),
      rendererDir: DEFAULT_RENDERER_DIR,
    });
    browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS });
    const context = await browser.newContext({
      viewport: { width: 1280, height: 800 },
      colorScheme: 'light',
      locale: 'en-US',
    });
    page = await context.newPage();
    page.on('console', (message) => {
      if (message.type() === 'error' || message.type() === 'warning')
        problems.push(`console.${message.type()}: ${message.text()}`);
    });
    page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
    page.on('requestfailed', (request) =>
      problems.push(`request failed: ${request.url()} ${request.failure()?.errorText ?? ''}`),
    );
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
  });

  afterAll(async () => {
    await browser?.close();
    await web?.close();
  });

  it('serves the page with the CSP header and moves the token out of the address bar', async () => {
    const response = await page.goto(web.url);
    expect(response?.status()).toBe(200);
    const csp = response?.headers()['content-security-policy'] ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    await page.getByTestId('app-title').waitFor();
    expect(new URL(page.url()).hash).toBe('');
  });

  it('renders the app bar, the canvas, and a connected host', async () => {
    await expect.poll(() => page.getByTestId('app-title').textContent()).toBe('TxLab');
    const canvas = page.locator('.react-flow');
    await canvas.waitFor();
    const box = await canvas.boundingBox();
    // The two side panels: the palette on the left, the inspector on the right.
    const palette = await page.locator('aside').first().boundingBox();
    const inspector = await page.locator('aside').last().boundingBox();
    // The canvas takes the room between the palette and the inspector, above the dock.
    expect(palette && inspector && box).toBeTruthy();
    expect(box!.x).toBeCloseTo(palette!.x + palette!.width, -1);
    expect(box!.x + box!.width).toBeCloseTo(inspector!.x, -1);
    expect(box!.width).toBeGreaterThan(600);
    expect(box!.height).toBeGreaterThan(300);
    await expect.poll(() => page.locator('.react-flow__background').count()).toBe(1);
    const status = page.getByTestId('host-status');
    await expect.poll(() => status.getAttribute('data-state'), { timeout: 10_000 }).toBe('connected');
    expect(await status.textContent()).toBe('Host connected · browser mode');
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'shell-light.png'), animations: 'disabled' });
  });

  it('switches to the dark theme', async () => {
    const light = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    await page.getByTestId('theme-toggle').click();
    await expect.poll(() => page.evaluate(() => getComputedStyle(document.body).backgroundColor)).not.toBe(light);
    await expect.poll(() => page.locator('.react-flow.dark').count()).toBe(1);
    await page.mouse.move(640, 500); // away from the toggle, so no tooltip covers the screenshot
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'shell-dark.png'), animations: 'disabled' });
  });

  it('switches to 简体中文', async () => {
    await page.getByTestId('language-toggle').click();
    await expect.poll(() => page.getByTestId('host-status').textContent()).toBe('主机已连接 · 浏览器模式');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('zh-CN');
    await page.mouse.move(640, 500);
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'shell-dark-zh.png'), animations: 'disabled' });
  });

  it('keeps its settings and its connection across a reload (token kept for the tab)', async () => {
    await page.reload();
    await expect
      .poll(() => page.getByTestId('host-status').getAttribute('data-state'), { timeout: 10_000 })
      .toBe('connected');
    expect(await page.locator('.react-flow.dark').count()).toBe(1);
  });

  it('logged no console errors or warnings, page errors or failed requests', () => {
    expect(problems).toEqual([]);
  });
});

describe('browser mode without the right token', () => {
  it('shows the host as disconnected and says why', async () => {
    const web = await startWebServer({
      host: createStubHost({ version: '0.0.0-e2e', mode: 'browser' }),
      rendererDir: DEFAULT_RENDERER_DIR,
    });
    const browser = await chromium.launch({ executablePath: findChromium(), args: CHROMIUM_ARGS });
    try {
      const page = await browser.newPage({ locale: 'en-US' });
      await page.goto(`http://127.0.0.1:${web.port}/`);
      const status = page.getByTestId('host-status');
      await expect.poll(() => status.getAttribute('data-state')).toBe('disconnected');
      expect(await status.textContent()).toContain('No access token');
      // A wrong token: the server refuses the handshake and the page says so.
      const second = await browser.newPage({ locale: 'en-US' });
      await second.goto(`http://127.0.0.1:${web.port}/#token=${'0'.repeat(64)}`);
      const refused = second.getByTestId('host-status');
      await expect.poll(() => refused.getAttribute('data-state')).toBe('disconnected');
      expect(await refused.textContent()).toBe('The host refused the connection');
    } finally {
      await browser.close();
      await web.close();
    }
  });
});
