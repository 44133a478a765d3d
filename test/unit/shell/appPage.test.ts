/**
 * Which URL is the app: app://txlab/index.html in a build; in `electron-vite dev`, Vite's server,
 * but only when ELECTRON_RENDERER_URL is plain http on loopback. (That a build never reads the
 * variable at all is checked on the build output: test/e2e/electron-launch.test.ts.)
 */
import { describe, expect, it } from 'vitest';
import { BUILT_APP_PAGE, devServerPage, isAppPageUrl, isAppResourceUrl } from '../../../main/security/appPage';

describe('the built app page', () => {
  it('is app://txlab/index.html, with any hash or query', () => {
    expect(BUILT_APP_PAGE.url).toBe('app://txlab/index.html');
    expect(isAppPageUrl(BUILT_APP_PAGE, 'app://txlab/index.html')).toBe(true);
    expect(isAppPageUrl(BUILT_APP_PAGE, 'app://txlab/index.html#/lesson/2')).toBe(true);
    expect(isAppPageUrl(BUILT_APP_PAGE, 'app://txlab/index.html?x=1')).toBe(true);
  });

  it.each([
    ['another file of the app', 'app://txlab/assets/index.js'],
    ['the folder', 'app://txlab/'],
    ['another host', 'app://txlab.evil/index.html'],
    ['credentials', 'app://u:p@txlab/index.html'],
    ['file://', 'file:///opt/txlab/out/renderer/index.html'],
    ['http', 'http://txlab/index.html'],
    ['nothing', undefined],
    ['not a URL', 'index.html'],
  ])('is not %s', (_name, url) => {
    expect(isAppPageUrl(BUILT_APP_PAGE, url)).toBe(false);
  });

  it('owns every resource of app://txlab (the CSP header goes on each), and nothing else', () => {
    expect(isAppResourceUrl(BUILT_APP_PAGE, 'app://txlab/assets/index-1a2b.js')).toBe(true);
    expect(isAppResourceUrl(BUILT_APP_PAGE, 'app://other/assets/index.js')).toBe(false);
    expect(isAppResourceUrl(BUILT_APP_PAGE, 'https://example.com/')).toBe(false);
    expect(isAppResourceUrl(BUILT_APP_PAGE, 'file:///etc/passwd')).toBe(false);
  });
});

describe('the dev server page (ELECTRON_RENDERER_URL in electron-vite dev)', () => {
  it.each(['http://localhost:5173', 'http://127.0.0.1:5173/', 'http://[::1]:5173'])('trusts %s', (url) => {
    const page = devServerPage(url);
    expect(page.ok).toBe(true);
    if (!page.ok) return;
    expect(page.value.kind).toBe('dev');
    expect(isAppPageUrl(page.value, `${new URL(url).origin}/index.html`)).toBe(true);
    expect(isAppPageUrl(page.value, 'app://txlab/index.html')).toBe(false);
  });

  it.each([
    ['NOT_A_URL', 'http://'],
    ['NOT_A_URL', ''],
    ['NOT_HTTP', 'localhost:5173'],
    ['NOT_HTTP', 'https://localhost:5173'],
    ['NOT_HTTP', 'file:///tmp/evil.html'],
    ['NOT_HTTP', 'app://txlab/index.html'],
    ['NOT_LOOPBACK', 'http://example.com:5173'],
    ['NOT_LOOPBACK', 'http://192.168.1.5:5173'],
    ['NOT_LOOPBACK', 'http://localhost.evil.example:5173'],
    ['NOT_LOOPBACK', 'http://127.0.0.2:5173'],
    ['HAS_CREDENTIALS', 'http://user:pw@localhost:5173'],
  ])('refuses with %s: %s', (code, url) => {
    expect(devServerPage(url)).toMatchObject({ ok: false, error: { code } });
  });
});
