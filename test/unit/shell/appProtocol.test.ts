/**
 * Electron's app:// handler, run under Node: the same `Request → Response` function that
 * `protocol.handle('app', …)` calls, over a throwaway renderer folder.
 */
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APP_PAGE_URL } from '../../../main/security/appPage';
import { APP_CUSTOM_SCHEME, serveAppRequest } from '../../../main/security/appProtocol';
import { securityHeaders } from '../../../main/security/csp';
import { makeRendererFixture, SECRET } from './rendererFixture';

describe('the app:// scheme', () => {
  it('is standard and secure with fetch support, and grants nothing else (no CORS, no CSP bypass, no service workers)', () => {
    expect(APP_CUSTOM_SCHEME).toEqual({
      scheme: 'app',
      privileges: {
        standard: true,
        secure: true,
        supportFetchAPI: true,
        corsEnabled: false,
        bypassCSP: false,
        allowServiceWorkers: false,
        stream: false,
      },
    });
    expect(APP_PAGE_URL).toBe('app://txlab/index.html');
  });
});

describe('serveAppRequest', () => {
  let dir: string;
  let rendererDir: string;

  beforeAll(() => {
    ({ dir, rendererDir } = makeRendererFixture());
  });

  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  const serve = (url: string, method = 'GET'): Promise<Response> =>
    serveAppRequest(new Request(url, { method }), rendererDir);

  it('serves the page with the app’s CSP and security headers', async () => {
    const response = await serve(APP_PAGE_URL);
    expect(response.status).toBe(200);
    expect(await response.text()).toBe(readFileSync(join(rendererDir, 'index.html'), 'utf8'));
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    for (const [name, value] of Object.entries(securityHeaders())) expect(response.headers.get(name), name).toBe(value);
    expect(response.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
  });

  it('serves / as index.html and assets with their MIME types (module scripts need text/javascript)', async () => {
    expect(await (await serve('app://txlab/')).text()).toContain('<title>TxLab</title>');
    const script = await serve('app://txlab/assets/app.js?v=1#x');
    expect(script.status).toBe(200);
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(await script.text()).toBe('console.log(1)');
    expect((await serve('app://txlab/assets/app.css')).headers.get('content-type')).toBe('text/css; charset=utf-8');
  });

  it('answers HEAD with the headers and no body', async () => {
    const head = await serve('app://txlab/assets/app.js', 'HEAD');
    expect(head.status).toBe(200);
    expect(head.headers.get('content-length')).toBe('14');
    expect(await head.text()).toBe('');
  });

  it('refuses other methods with 405', async () => {
    for (const method of ['POST', 'PUT', 'DELETE']) {
      const response = await serve('app://txlab/index.html', method);
      expect(response.status, method).toBe(405);
      expect(response.headers.get('allow')).toBe('GET, HEAD');
    }
  });

  it('serves only the txlab host of its own scheme', async () => {
    expect((await serve('app://other/index.html')).status).toBe(404);
    expect((await serve('app://txlab.evil/index.html')).status).toBe(404);
    expect((await serve('https://txlab/index.html')).status).toBe(404);
  });

  it('refuses a symlink inside the folder that leads outside it (403), and never sends its contents', async () => {
    for (const url of [
      'app://txlab/leak.txt',
      'app://txlab/assets/relative-leak.js',
      'app://txlab/private-dir/key.txt',
    ]) {
      const response = await serve(url);
      expect(response.status, url).toBe(403);
      expect(await response.text()).not.toContain(SECRET);
    }
  });

  it('refuses encoded traversal, NULs and backslashes; a missing file is 404', async () => {
    expect((await serve('app://txlab/assets/..%2f..%2fsecret.txt')).status).toBe(403);
    expect((await serve('app://txlab/..%5csecret.txt')).status).toBe(400);
    expect((await serve('app://txlab/index.html%00')).status).toBe(400);
    expect((await serve('app://txlab/nope.js')).status).toBe(404);
    // URL parsing already folds plain and %2e dot segments: these ask for /secret.txt inside the folder.
    expect((await serve('app://txlab/../secret.txt')).status).toBe(404);
    expect((await serve('app://txlab/%2e%2e/%2e%2e/secret.txt')).status).toBe(404);
  });
});
