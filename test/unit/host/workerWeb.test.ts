/**
 * Browser mode served by the host's worker (`startWorkerHost({ web })`), as `npm run web` runs it:
 * the page and its socket answer from the worker, views come as patches against the one the
 * socket holds, events reach every line (the socket and the main thread) whichever line's call
 * caused them, and closing the host closes the server.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import type { WorkspaceView } from '../../../shared/contract/views';
import { ViewDecoder } from '../../../shared/contract/viewPatch';
import type { EventMessage } from '../../../shared/contract/wire';
import { startWorkerHost, type WorkerHost } from '../../../main/host/workerHost';

interface Frame {
  readonly kind: string;
  readonly id?: number;
  readonly event?: string;
  readonly result?: { ok: boolean; value?: unknown };
  readonly events?: readonly EventMessage[];
}

/** A socket as the page holds one: every frame kept, answers decoded against the view it holds. */
class Page {
  readonly frames: Frame[] = [];
  private readonly views = new ViewDecoder();
  private nextId = 1;
  private constructor(private readonly socket: WebSocket) {
    socket.on('message', (data: Buffer) => this.frames.push(JSON.parse(data.toString('utf8')) as Frame));
  }
  static async open(port: number, token: string): Promise<Page> {
    const socket = new WebSocket(`ws://127.0.0.1:${port}/ws?token=${token}`, { origin: `http://127.0.0.1:${port}` });
    await new Promise<void>((ok, fail) => {
      socket.once('open', () => ok());
      socket.once('error', fail);
    });
    return new Page(socket);
  }
  /** Events the socket got, in frames of their own or carried by answers. */
  events(): string[] {
    return this.frames.flatMap((f) => (f.kind === 'event' ? [f.event ?? ''] : (f.events ?? []).map((e) => e.event)));
  }
  async call(method: string, params: unknown): Promise<{ value: unknown; wire: unknown }> {
    const id = this.nextId++;
    const known = this.views.known;
    this.socket.send(JSON.stringify({ kind: 'invoke', id, method, params, knownView: known }));
    const frame = await new Promise<Frame>((resolve) => {
      const look = (): void => {
        const found = this.frames.find((f) => f.kind === 'result' && f.id === id);
        if (found) resolve(found);
        else setTimeout(look, 5);
      };
      look();
    });
    if (!frame.result?.ok) throw new Error(`${method} refused: ${JSON.stringify(frame.result)}`);
    const decoded = this.views.decode(frame.result.value);
    if (!decoded) throw new Error('a patch against a view this page does not hold');
    return { value: decoded.value, wire: frame.result.value };
  }
  close(): void {
    this.socket.close();
  }
}

function get(port: number, path: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, headers: { Host: `127.0.0.1:${port}` } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end();
  });
}

const until = async (check: () => boolean, what: string): Promise<void> => {
  const end = Date.now() + 5_000;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
};

describe('browser mode served by the host worker', () => {
  let host: WorkerHost;
  let page: Page;

  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'txlab-worker-web-'));
    const rendererDir = join(dir, 'renderer');
    mkdirSync(rendererDir);
    writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>worker-served page</title>');
    const started = await startWorkerHost({
      dataDir: join(dir, 'data'),
      mode: 'browser',
      version: 'test',
      seed: 3,
      web: { rendererDir },
    });
    if (!started.ok) throw new Error(started.error.message);
    host = started.value;
    const web = host.web;
    if (!web) throw new Error('no web server');
    page = await Page.open(web.port, web.token);
  });

  afterAll(async () => {
    page.close();
    await host.close();
  });

  it('serves the page on a loopback URL with a fresh token', async () => {
    const web = host.web!;
    expect(web.url).toBe(`http://127.0.0.1:${web.port}/#token=${web.token}`);
    expect(web.token).toMatch(/^[0-9a-f]{64}$/);
    const answer = await get(web.port, '/');
    expect(answer.status).toBe(200);
    expect(answer.body).toContain('worker-served page');
  });

  it('answers the socket with a whole view first, then patches that rebuild the same view', async () => {
    const first = await page.call('workspace.get', {});
    expect(first.wire).toHaveProperty('full');
    const added = await page.call('graph.addNode', { template: 'custom', chain: 'btc', position: { x: 5, y: 5 } });
    expect(added.wire).toHaveProperty('patch');
    const patched = added.value as WorkspaceView & { created: string };
    const fresh = await host.invoke('workspace.get', {});
    if (!fresh.ok) throw new Error(fresh.error.message);
    const whole = fresh.value as WorkspaceView;
    expect(patched.nodes).toEqual(whole.nodes);
    expect(patched.edges).toEqual(whole.edges);
    expect(patched.chains).toEqual(whole.chains);
    expect(patched.nodes.some((n) => n.id === patched.created)).toBe(true);
  });

  it("delivers a socket call's events to the main thread, and the main thread's to the socket", async () => {
    const seen: string[] = [];
    const unsubscribe = host.subscribe((e) => seen.push(e.event));
    try {
      // The main thread's listener is registered with the worker before the socket's call.
      await host.invoke('app.info', {});
      await page.call('chain.mine', { chain: 'btc', count: 2, to: { wallet: 'Alice' } });
      await until(() => seen.includes('workspace.changed'), "the socket call's workspace.changed on the main thread");
      const before = page.events().length;
      const mined = await host.invoke('chain.mine', { chain: 'btc', count: 1, to: { wallet: 'Bob' } });
      expect(mined.ok).toBe(true);
      await until(
        () => page.events().slice(before).includes('workspace.changed'),
        "the main thread call's workspace.changed on the socket",
      );
      expect(page.events().slice(before)).toContain('chain.block');
    } finally {
      unsubscribe();
    }
  });

  it('stops serving when the host closes', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'txlab-worker-web-close-'));
    writeFileSync(join(dir, 'index.html'), '<!doctype html>');
    const started = await startWorkerHost({ mode: 'browser', version: 'test', seed: 1, web: { rendererDir: dir } });
    if (!started.ok) throw new Error(started.error.message);
    const { port } = started.value.web!;
    expect((await get(port, '/')).status).toBe(200);
    await started.value.close();
    await expect(get(port, '/')).rejects.toThrow(/ECONNREFUSED/);
  });

  it('refuses to start, saying why, when the page is not built', async () => {
    const missing = join(mkdtempSync(join(tmpdir(), 'txlab-worker-web-missing-')), 'renderer');
    const started = await startWorkerHost({ mode: 'browser', version: 'test', seed: 1, web: { rendererDir: missing } });
    expect(started.ok).toBe(false);
    if (!started.ok) expect(started.error.message).toContain('npm run build');
  });
});
