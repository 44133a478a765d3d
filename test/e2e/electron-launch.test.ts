/**
 * The real desktop app, launched from out/main with Playwright's Electron driver: the window
 * opens from app://txlab, the host answers over IPC, and the security settings hold.
 * What can be checked without a binary (the build output never reads ELECTRON_RENDERER_URL)
 * runs everywhere.
 *
 * Where no Electron binary can be obtained (an offline machine), the launch tests are skipped by
 * the runner, visibly, with the reason in their name (a report shows them as skipped, never as
 * passed). To run them: on a machine with internet, `npm install` (or any `require('electron')`)
 * fetches the binary; on Linux without a desktop, `.ci/run` wraps the tests in `xvfb-run -a`.
 */
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { _electron, type ElectronApplication, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../main/web';
import { resolveElectronBinary } from '../../scripts/electron-binary.js';

const binary = await resolveElectronBinary({ cwd: REPO_ROOT });

describe('the built main process', () => {
  const mainPath = join(REPO_ROOT, 'out', 'main', 'index.js');

  it('never reads ELECTRON_RENDERER_URL (only `electron-vite dev` output does), and serves app://', () => {
    if (!existsSync(mainPath)) throw new Error('out/main/index.js is missing: run `npm run build` first.');
    const main = readFileSync(mainPath, 'utf8');
    expect(main).not.toMatch(/env(\.|\[\s*["'`])ELECTRON_RENDERER_URL/);
    expect(main).toContain('registerSchemesAsPrivileged');
    expect(main).toMatch(/protocol\.handle\("app"/);
  });
});

if (!binary.ok)
  console.warn(
    `[electron-launch] SKIPPED: no Electron binary could be obtained (${binary.reason}). The desktop window was not tested.`,
  );
const executablePath = binary.ok ? binary.path : '';

// Without a binary every launch test below is reported as skipped, the reason in the block's name.
describe.skipIf(!binary.ok)(
  binary.ok ? 'Electron launch' : `Electron launch — skipped: no Electron binary (${binary.reason})`,
  () => {
    let app: ElectronApplication;
    let page: Page;
    const problems: string[] = [];

    beforeAll(async () => {
      if (!existsSync(join(REPO_ROOT, 'out', 'main', 'index.js')))
        throw new Error('out/main/index.js is missing: run `npm run build` first.');
      if (process.platform === 'linux' && !process.env['DISPLAY'] && !process.env['WAYLAND_DISPLAY']) {
        throw new Error('No display for the Electron window: run the tests under `xvfb-run -a`.');
      }
      // Chromium refuses to start as root with its OS sandbox (CI containers); webPreferences.sandbox is still checked below.
      const args = process.getuid?.() === 0 ? ['--no-sandbox', REPO_ROOT] : [REPO_ROOT];
      // A build must ignore this (electron-vite sets it only for `electron-vite dev`).
      const env: Record<string, string> = { ELECTRON_RENDERER_URL: 'https://example.com/' };
      for (const [name, value] of Object.entries(process.env))
        if (value !== undefined && name !== 'ELECTRON_RUN_AS_NODE') env[name] ??= value;
      app = await _electron.launch({ executablePath, args, cwd: REPO_ROOT, env });
      page = await app.firstWindow();
      page.on('console', (message) => {
        if (message.type() === 'error') problems.push(`console.error: ${message.text()}`);
      });
      page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
      await page.getByTestId('app-title').waitFor();
    });

    afterAll(async () => {
      await app?.close();
    });

    it('opens the window with the shell and a host connected over IPC', async () => {
      expect(await page.getByTestId('app-title').textContent()).toBe('TxLab');
      expect(await page.locator('.react-flow').count()).toBe(1);
      const status = page.getByTestId('host-status');
      await expect.poll(() => status.getAttribute('data-state'), { timeout: 10_000 }).toBe('connected');
      expect(await status.textContent()).toMatch(/desktop|桌面版/);
      mkdirSync(join(REPO_ROOT, 'test-results', 'e2e'), { recursive: true });
      await page.screenshot({ path: join(REPO_ROOT, 'test-results', 'e2e', 'electron.png') });
    });

    it('loads the page from app://txlab, not file:// and not ELECTRON_RENDERER_URL', () => {
      expect(page.url()).toBe('app://txlab/index.html');
    });

    it('serves app:// with the CSP header and only files inside out/renderer', async () => {
      const seen = await page.evaluate(async () => {
        const index = await fetch('app://txlab/index.html');
        const status = async (url: string): Promise<number> => (await fetch(url)).status;
        return {
          csp: index.headers.get('content-security-policy'),
          type: index.headers.get('content-type'),
          climbing: await status('app://txlab/assets/..%2f..%2f..%2fpackage.json'),
          missing: await status('app://txlab/nope.js'),
        };
      });
      expect(seen.csp).toContain("frame-ancestors 'none'");
      expect(seen.type).toBe('text/html; charset=utf-8');
      expect(seen.climbing).toBe(403);
      expect(seen.missing).toBe(404);
    });

    it('gives the page no Node and only the txlab bridge (webPreferences: test/unit/shell/webPreferences.test.ts)', async () => {
      const seen = await page.evaluate(() => ({
        require: typeof Reflect.get(window, 'require'),
        process: typeof Reflect.get(window, 'process'),
        bridge: Object.keys(Reflect.get(window, 'txlab') as object).sort(),
      }));
      expect(seen).toEqual({ require: 'undefined', process: 'undefined', bridge: ['invoke', 'subscribe'] });
    });

    it('denies window.open and navigation away from the app', async () => {
      const url = page.url();
      expect(await page.evaluate(() => window.open('https://example.com/') === null)).toBe(true);
      await page.evaluate(() => {
        location.href = 'https://example.com/';
      });
      await page.waitForTimeout(500);
      expect(page.url()).toBe(url);
      expect(app.windows()).toHaveLength(1);
    });

    it('has the native menu, and a click on File ▸ New reaches the page as a menu command', async () => {
      const labels = await app.evaluate(({ Menu }) => Menu.getApplicationMenu()?.items.map((item) => item.label) ?? []);
      expect(labels).toEqual(
        expect.arrayContaining([
          expect.stringMatching(/^(File|文件)$/),
          expect.stringMatching(/^(Edit|编辑)$/),
          expect.stringMatching(/^(View|视图)$/),
          expect.stringMatching(/^(Help|帮助)$/),
        ]),
      );
      await app.evaluate(({ Menu }) => {
        Menu.getApplicationMenu()?.getMenuItemById('file.new')?.click();
      });
      // New asks before it throws the workspace away.
      await page.getByTestId('confirm-new').waitFor({ timeout: 5_000 });
      await page.keyboard.press('Escape');
    });

    it('logged no console errors', () => {
      expect(problems).toEqual([]);
    });
  },
);
