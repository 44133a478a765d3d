/** Browser mode's server, in-process, over a throwaway renderer folder (no build needed). */
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { isBuildStale } from '../../../main/browserMode/build';
import { createStubHost } from '../../support/stubHost';
import { startWebServer, type WebServer } from '../../../main/browserMode/server';
import { parseWebArgs } from '../../../main/web';
import { makeRendererFixture, SECRET } from './rendererFixture';

interface Answer {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly body: string;
}

function get(port: number, path: string, options: { method?: string; host?: string } = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        path,
        method: options.method ?? 'GET',
        headers: { Host: options.host ?? `127.0.0.1:${port}` },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }),
        );
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
    ({ dir, rendererDir } = makeRendererFixture());
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

  it('serves nothing outside the renderer folder: traversal, NUL and backslash refused', async () => {
    const expected: [string, number][] = [
      // URL parsing folds plain and %2e dot segments first: these ask for /secret.txt inside the folder.
      ['/../secret.txt', 404],
      ['/%2e%2e/secret.txt', 404],
      ['/assets/..%2f..%2fsecret.txt', 403],
      ['/..%2fsecret.txt', 403],
      ['/..%5csecret.txt', 400],
      ['/assets/%00', 400],
      ['/nope.js', 404],
    ];
    for (const [path, status] of expected) {
      const answer = await get(web.port, path);
      expect(answer.status, path).toBe(status);
      expect(answer.body).not.toContain(SECRET);
    }
  });

  it('refuses a symlink inside the renderer folder that points outside it (403)', async () => {
    for (const path of ['/leak.txt', '/assets/relative-leak.js', '/private-dir/key.txt']) {
      const answer = await get(web.port, path);
      expect(answer.status, path).toBe(403);
      expect(answer.body).not.toContain(SECRET);
    }
    // One that stays inside is served.
    expect((await get(web.port, '/same-assets/app.js')).body).toBe('console.log(1)');
  });

  it('answers only requests addressed to a loopback name and its port (DNS rebinding)', async () => {
    for (const host of [
      'evil.example',
      `evil.example:${web.port}`,
      `127.0.0.1:${web.port + 1}`,
      '127.0.0.1',
      `localhost.evil.example:${web.port}`,
    ]) {
      const answer = await get(web.port, '/', { host });
      expect(answer.status, host).toBe(421);
      expect(answer.body).not.toContain('TxLab');
    }
    for (const host of [
      `127.0.0.1:${web.port}`,
      `localhost:${web.port}`,
      `[::1]:${web.port}`,
      `LOCALHOST:${web.port}`,
    ]) {
      expect((await get(web.port, '/', { host })).status, host).toBe(200);
    }
  });

  it('accepts GET and HEAD only', async () => {
    expect((await get(web.port, '/', { method: 'POST' })).status).toBe(405);
    const head = await get(web.port, '/', { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.body).toBe('');
  });

  it('carries the WebSocket on the same port, for the page’s origin and token', async () => {
    const ws = new WebSocket(`ws://127.0.0.1:${web.port}/ws?token=${web.token}`, {
      origin: `http://127.0.0.1:${web.port}`,
    });
    const answer = await new Promise<unknown>((resolve, reject) => {
      ws.once('open', () => ws.send(JSON.stringify({ kind: 'invoke', id: 1, method: 'app.info', params: {} })));
      ws.once('message', (data: Buffer) => resolve(JSON.parse(data.toString('utf8'))));
      ws.once('error', reject);
    });
    ws.close();
    expect(answer).toEqual({
      kind: 'result',
      id: 1,
      result: { ok: true, value: { name: 'TxLab', version: '0.0.1', mode: 'browser' } },
    });
  });

  it('refuses the WebSocket to a DNS-rebinding Host (421), and carries it for a page opened as localhost', async () => {
    const refused = await new Promise<number>((resolve, reject) => {
      const ws = new WebSocket(`ws://127.0.0.1:${web.port}/ws?token=${web.token}`, {
        origin: `http://127.0.0.1:${web.port}`,
        headers: { Host: `evil.example:${web.port}` },
      });
      ws.once('unexpected-response', (_request, response) => {
        resolve(response.statusCode ?? 0);
        ws.terminate();
      });
      ws.once('open', () => reject(new Error('the upgrade was accepted')));
      ws.once('error', reject);
    });
    expect(refused).toBe(421);
    // Connect by address (this machine's localhost may resolve to ::1 first) but say what a browser at localhost says.
    const ws = new WebSocket(`ws://127.0.0.1:${web.port}/ws?token=${web.token}`, {
      origin: `http://localhost:${web.port}`,
      headers: { Host: `localhost:${web.port}` },
    });
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('unexpected-response', (_request, response) => reject(new Error(`HTTP ${response.statusCode ?? 0}`)));
      ws.once('error', reject);
    });
    ws.close();
  });

  it('refuses to start without a built renderer, saying what to run', async () => {
    await expect(
      startWebServer({ host: createStubHost({ version: '0', mode: 'browser' }), rendererDir: join(dir, 'missing') }),
    ).rejects.toThrow(/npm run build/);
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
      for (const path of [
        join(root, 'renderer', 'src', 'main.tsx'),
        join(root, 'renderer', 'src'),
        join(root, 'renderer'),
      ])
        utimesSync(path, past, past);
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
