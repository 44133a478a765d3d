/** Browser mode's server, in-process, over a throwaway renderer folder (no build needed). */
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { isBuildStale } from '../../../main/browserMode/build';
import { resolveFile } from '../../../main/browserMode/staticFiles';
import { createStubHost } from '../../../main/host/stubHost';
import { parseWebArgs, startWebServer, type WebServer } from '../../../main/web';

interface Answer {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly body: string;
}

function get(port: number, path: string, options: { method?: string; host?: string } = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port, path, method: options.method ?? 'GET', headers: { Host: options.host ?? `127.0.0.1:${port}` } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
      },
    );
    req.on('error', reject);
    req.end();
  });
}

describe('browser mode server', () => {
  let dir: string;
  let rendererDir: string;
  let web: WebServer;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'txlab-web-'));
    rendererDir = join(dir, 'renderer');
    mkdirSync(join(rendererDir, 'assets'), { recursive: true });
    writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>TxLab</title>');
    writeFileSync(join(rendererDir, 'assets', 'app.js'), 'console.log(1)');
    writeFileSync(join(dir, 'secret.txt'), 'outside the renderer');
    web = await startWebServer({ host: createStubHost({ version: '0.0.1', mode: 'browser' }), rendererDir });
  });

  afterAll(async () => {
    await web.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('prints a loopback URL with a fresh 32-byte token in the fragment', () => {
    expect(web.url).toBe(`http://127.0.0.1:${web.port}/#token=${web.token}`);
    expect(web.token).toMatch(/^[0-9a-f]{64}$/);
  });

  it('serves the page and its assets with the security headers', async () => {
    const page = await get(web.port, '/');
    expect(page.status).toBe(200);
    expect(page.body).toContain('<title>TxLab</title>');
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    expect(page.headers['x-content-type-options']).toBe('nosniff');
    const script = await get(web.port, '/assets/app.js');
    expect(script.status).toBe(200);
    expect(script.headers['content-type']).toBe('text/javascript; charset=utf-8');
  });

  it('serves nothing outside the renderer folder', async () => {
    for (const path of ['/../secret.txt', '/%2e%2e/secret.txt', '/assets/..%2f..%2fsecret.txt', '/assets/%00', '/nope.js']) {
      const answer = await get(web.port, path);
      expect(answer.status, path).toBe(404);
      expect(answer.body).not.toContain('outside the renderer');
    }
    expect(resolveFile('/srv/r', '/../../etc/passwd')).toBe('/srv/r/etc/passwd');
    expect(resolveFile('/srv/r', '/..%2f..%2fetc/passwd')).toBeUndefined();
  });

  it('answers only requests addressed to 127.0.0.1:<port> (DNS rebinding)', async () => {
    expect((await get(web.port, '/', { host: 'evil.example' })).status).toBe(421);
    expect((await get(web.port, '/', { host: `localhost:${web.port}` })).status).toBe(421);
  });

  it('accepts GET and HEAD only', async () => {
    expect((await get(web.port, '/', { method: 'POST' })).status).toBe(405);
    const head = await get(web.port, '/', { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.body).toBe('');
  });

  it('carries the WebSocket on the same port, for the page’s origin and token', async () => {
    const ws = new WebSocket(`ws://127.0.0.1:${web.port}/ws?token=${web.token}`, { origin: `http://127.0.0.1:${web.port}` });
    const answer = await new Promise<unknown>((resolve, reject) => {
      ws.once('open', () => ws.send(JSON.stringify({ kind: 'invoke', id: 1, method: 'app.info', params: {} })));
      ws.once('message', (data: Buffer) => resolve(JSON.parse(data.toString('utf8'))));
      ws.once('error', reject);
    });
    ws.close();
    expect(answer).toEqual({ kind: 'result', id: 1, result: { ok: true, value: { name: 'TxLab', version: '0.0.1', mode: 'browser' } } });
  });

  it('refuses to start without a built renderer, saying what to run', async () => {
    await expect(startWebServer({ host: createStubHost({ version: '0', mode: 'browser' }), rendererDir: join(dir, 'missing') })).rejects.toThrow(
      /npm run build/,
    );
  });

  it('frees its port when closed', async () => {
    const other = await startWebServer({ host: createStubHost({ version: '0', mode: 'browser' }), rendererDir });
    await other.close();
    await expect(get(other.port, '/')).rejects.toMatchObject({ code: 'ECONNREFUSED' });
  });
});

describe('npm run web options', () => {
  it('parses --port and --no-build, and refuses anything else', () => {
    expect(parseWebArgs([])).toMatchObject({ port: 0, build: true });
    expect(parseWebArgs(['--port', '8123', '--no-build'])).toMatchObject({ port: 8123, build: false });
    expect(parseWebArgs(['--port=9000'])).toMatchObject({ port: 9000, build: true });
    expect(() => parseWebArgs(['--port', 'x'])).toThrow();
    expect(() => parseWebArgs(['--port', '70000'])).toThrow();
    expect(() => parseWebArgs(['--host', '0.0.0.0'])).toThrow(/unknown option/);
  });
});

describe('build staleness', () => {
  it('is stale when out/renderer is missing or older than a source', () => {
    const root = mkdtempSync(join(tmpdir(), 'txlab-stale-'));
    try {
      mkdirSync(join(root, 'renderer', 'src'), { recursive: true });
      writeFileSync(join(root, 'renderer', 'src', 'main.tsx'), '');
      expect(isBuildStale(root)).toBe(true);
      mkdirSync(join(root, 'out', 'renderer'), { recursive: true });
      writeFileSync(join(root, 'out', 'renderer', 'index.html'), '');
      const past = new Date(Date.now() - 60_000);
      for (const path of [join(root, 'renderer', 'src', 'main.tsx'), join(root, 'renderer', 'src'), join(root, 'renderer')]) utimesSync(path, past, past);
      expect(isBuildStale(root)).toBe(false);
      writeFileSync(join(root, 'renderer', 'src', 'main.tsx'), 'changed');
      const future = new Date(Date.now() + 60_000);
      utimesSync(join(root, 'renderer', 'src', 'main.tsx'), future, future);
      expect(isBuildStale(root)).toBe(true);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
