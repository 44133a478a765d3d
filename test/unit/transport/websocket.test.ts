import { createServer, type Server } from 'node:http';
import { connect as tcpConnect } from 'node:net';
import { networkInterfaces } from 'node:os';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { createStubHost } from '../../support/stubHost';
import { loopbackAuthorities } from '../../../main/security/loopbackHost';
import { listenOnLoopback } from '../../../main/transport/loopback';
import {
  attachWebSocketTransport,
  checkUpgrade,
  createToken,
  DEFAULT_MAX_PAYLOAD_BYTES,
  TRANSPORT_ERROR_EVENT,
  WS_PATH,
  type WebSocketTransport,
} from '../../../main/transport/websocket';
import { ok, type Result } from '../../../shared/contract/result';
import type { EventMessage, HostEndpoint } from '../../../shared/contract/wire';
import { MAX_FILE_BYTES } from '../../../shared/scenario/parse';

/** The stub host plus a few methods that misbehave on purpose, and a way to push events. */
function testHost(): HostEndpoint & { emit(event: EventMessage): void; listeners(): number } {
  const stub = createStubHost({ version: '9.9.9', mode: 'browser' });
  const listeners = new Set<(event: EventMessage) => void>();
  return {
    async invoke(method: string, params: unknown): Promise<Result<unknown>> {
      if (method === 'test.throw') throw new Error('boom');
      if (method === 'test.bigint') return ok({ amount: 1n });
      if (method === 'test.echoAfter') {
        const ms = typeof params === 'number' ? params : 0;
        await new Promise((resolve) => setTimeout(resolve, ms));
        return ok(ms);
      }
      return stub.invoke(method, params);
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    emit: (event) => listeners.forEach((listener) => listener(event)),
    listeners: () => listeners.size,
  };
}

interface Running {
  readonly server: Server;
  readonly port: number;
  readonly token: string;
  readonly origin: string;
  readonly transport: WebSocketTransport;
  readonly host: ReturnType<typeof testHost>;
  url(token?: string | null, path?: string): string;
}

const running: Running[] = [];
const sockets: WebSocket[] = [];

async function start(options: { maxPayloadBytes?: number } = {}): Promise<Running> {
  const server = createServer((_request, response) => {
    response.statusCode = 404;
    response.end();
  });
  const { port } = await listenOnLoopback(server);
  const token = createToken();
  const origin = `http://127.0.0.1:${port}`;
  const host = testHost();
  const transport = attachWebSocketTransport(server, {
    host,
    token,
    allowedHosts: () => loopbackAuthorities(port),
    allowedOrigins: () => [origin],
    ...options,
  });
  const result: Running = {
    server,
    port,
    token,
    origin,
    transport,
    host,
    url: (given = token, path = WS_PATH) => `ws://127.0.0.1:${port}${path}${given === null ? '' : `?token=${given}`}`,
  };
  running.push(result);
  return result;
}

afterEach(async () => {
  for (const ws of sockets.splice(0)) ws.terminate();
  for (const r of running.splice(0)) {
    await r.transport.close();
    r.server.closeAllConnections();
    await new Promise((resolve) => r.server.close(resolve));
  }
});

type Outcome =
  | { readonly kind: 'open'; readonly ws: WebSocket; readonly inbox: Inbox }
  | { readonly kind: 'refused'; readonly status: number };

/** Messages a client received, in order, with a way to wait for the next one. */
class Inbox {
  private readonly messages: unknown[] = [];
  private waiting: ((message: unknown) => void) | undefined;
  constructor(ws: WebSocket) {
    ws.on('message', (data: Buffer) => {
      const message: unknown = JSON.parse(data.toString('utf8'));
      if (this.waiting) {
        const resolve = this.waiting;
        this.waiting = undefined;
        resolve(message);
      } else this.messages.push(message);
    });
  }
  next(timeoutMs = 2_000): Promise<unknown> {
    const queued = this.messages.shift();
    if (queued !== undefined) return Promise.resolve(queued);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('no message arrived')), timeoutMs);
      this.waiting = (message) => {
        clearTimeout(timer);
        resolve(message);
      };
    });
  }
  size(): number {
    return this.messages.length;
  }
}

/** `hostHeader` replaces the Host the client would send (what a DNS-rebinding page's browser sends). */
function connect(url: string, origin: string | undefined, hostHeader?: string): Promise<Outcome> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, {
      ...(origin === undefined ? {} : { origin }),
      ...(hostHeader === undefined ? {} : { headers: { Host: hostHeader } }),
    });
    sockets.push(ws);
    const inbox = new Inbox(ws);
    ws.once('open', () => resolve({ kind: 'open', ws, inbox }));
    ws.once('unexpected-response', (_request, response) => {
      resolve({ kind: 'refused', status: response.statusCode ?? 0 });
      ws.terminate();
    });
    ws.once('error', (error) => reject(error));
  });
}

async function open(r: Running): Promise<{ ws: WebSocket; inbox: Inbox }> {
  const outcome = await connect(r.url(), r.origin);
  if (outcome.kind !== 'open') throw new Error(`expected the connection to open, got HTTP ${outcome.status}`);
  return outcome;
}

describe('WebSocket transport: who may connect', () => {
  it('listens on 127.0.0.1 only', async () => {
    const r = await start();
    const address = r.server.address();
    expect(address).toMatchObject({ address: '127.0.0.1', family: 'IPv4' });
    // Reaching the same port through any non-loopback address of this machine must fail.
    const external = Object.values(networkInterfaces())
      .flat()
      .filter((i) => i !== undefined && i.family === 'IPv4' && !i.internal)
      .map((i) => i!.address);
    for (const ip of external) {
      const reached = await new Promise<boolean>((resolve) => {
        const socket = tcpConnect({ host: ip, port: r.port });
        socket.once('connect', () => {
          socket.destroy();
          resolve(true);
        });
        socket.once('error', () => resolve(false));
      });
      expect(reached, `port ${r.port} reachable on ${ip}`).toBe(false);
    }
  });

  it('refuses a connection without the token (401)', async () => {
    const r = await start();
    expect(await connect(r.url(null), r.origin)).toEqual({ kind: 'refused', status: 401 });
    expect(r.transport.clientCount()).toBe(0);
  });

  it('refuses a wrong token, of the same length or not (401)', async () => {
    const r = await start();
    const sameLength = r.token.replace(/.$/, (c) => (c === '0' ? '1' : '0'));
    expect(await connect(r.url(sameLength), r.origin)).toEqual({ kind: 'refused', status: 401 });
    expect(await connect(r.url('abc'), r.origin)).toEqual({ kind: 'refused', status: 401 });
    expect(await connect(r.url(''), r.origin)).toEqual({ kind: 'refused', status: 401 });
    expect(r.transport.clientCount()).toBe(0);
  });

  it('refuses other origins, and clients that send none (403), even with the right token', async () => {
    const r = await start();
    expect(await connect(r.url(), 'http://evil.example')).toEqual({ kind: 'refused', status: 403 });
    expect(await connect(r.url(), `http://localhost:${r.port}`)).toEqual({ kind: 'refused', status: 403 });
    expect(await connect(r.url(), `http://127.0.0.1:${r.port + 1}`)).toEqual({ kind: 'refused', status: 403 });
    expect(await connect(r.url(), undefined)).toEqual({ kind: 'refused', status: 403 });
    expect(r.transport.clientCount()).toBe(0);
  });

  it('refuses a Host that is not a loopback name on its port (421, DNS rebinding), even with the right origin and token', async () => {
    const r = await start();
    for (const host of [
      'evil.example',
      `evil.example:${r.port}`,
      `127.0.0.1.evil.example:${r.port}`,
      `127.0.0.1:${r.port + 1}`,
      '127.0.0.1',
      `10.0.0.1:${r.port}`,
    ]) {
      expect(await connect(r.url(), r.origin, host), host).toEqual({ kind: 'refused', status: 421 });
    }
    expect(r.transport.clientCount()).toBe(0);
  });

  it('accepts the loopback names on its port as Host: 127.0.0.1, localhost, [::1]', async () => {
    const r = await start();
    for (const host of [`127.0.0.1:${r.port}`, `localhost:${r.port}`, `[::1]:${r.port}`, `LocalHost:${r.port}`]) {
      const outcome = await connect(r.url(), r.origin, host);
      expect(outcome.kind, host).toBe('open');
    }
    expect(r.transport.clientCount()).toBe(4);
  });

  it('refuses an upgrade that names no Host at all', () => {
    const rules = {
      token: 'secret',
      allowedHosts: loopbackAuthorities(8123),
      allowedOrigins: ['http://127.0.0.1:8123'],
    };
    const request = { url: '/ws?token=secret', headers: { origin: 'http://127.0.0.1:8123' } };
    expect(checkUpgrade(request, rules)).toMatchObject({ ok: false, error: { status: 421 } });
    expect(checkUpgrade({ ...request, headers: { ...request.headers, host: '127.0.0.1:8123' } }, rules)).toMatchObject({
      ok: true,
    });
  });

  it('offers the socket on its path only (404)', async () => {
    const r = await start();
    expect(await connect(r.url(r.token, '/other'), r.origin)).toEqual({ kind: 'refused', status: 404 });
  });

  it('accepts the page’s own origin with the token', async () => {
    const r = await start();
    await open(r);
    expect(r.transport.clientCount()).toBe(1);
  });
});

describe('WebSocket transport: what may be said', () => {
  it('round-trips a valid call', async () => {
    const r = await start();
    const { ws, inbox } = await open(r);
    ws.send(JSON.stringify({ kind: 'invoke', id: 1, method: 'app.info', params: {} }));
    expect(await inbox.next()).toEqual({
      kind: 'result',
      id: 1,
      result: { ok: true, value: { name: 'TxLab', version: '9.9.9', mode: 'browser' } },
    });
  });

  it('answers an unknown method with UNKNOWN_METHOD', async () => {
    const r = await start();
    const { ws, inbox } = await open(r);
    ws.send(JSON.stringify({ kind: 'invoke', id: 2, method: 'chain.nope', params: {} }));
    expect(await inbox.next()).toMatchObject({
      kind: 'result',
      id: 2,
      result: { ok: false, error: { code: 'UNKNOWN_METHOD' } },
    });
  });

  it('answers a malformed message that has an id with BAD_REQUEST for that id, and stays open', async () => {
    const r = await start();
    const { ws, inbox } = await open(r);
    ws.send(JSON.stringify({ kind: 'invoke', id: 3, method: 42 }));
    expect(await inbox.next()).toMatchObject({
      kind: 'result',
      id: 3,
      result: { ok: false, error: { code: 'BAD_REQUEST', path: 'method' } },
    });
    ws.send(JSON.stringify({ kind: 'call', id: 4, method: 'app.info' }));
    expect(await inbox.next()).toMatchObject({
      kind: 'result',
      id: 4,
      result: { ok: false, error: { code: 'BAD_REQUEST', path: 'kind' } },
    });
    // The wire requires `params` (null or {} when a method takes none).
    ws.send(JSON.stringify({ kind: 'invoke', id: 13, method: 'app.info' }));
    expect(await inbox.next()).toMatchObject({
      kind: 'result',
      id: 13,
      result: { ok: false, error: { code: 'BAD_REQUEST', path: 'params' } },
    });
    ws.send(JSON.stringify({ kind: 'invoke', id: 5, method: 'app.info', params: { extra: true } }));
    expect(await inbox.next()).toMatchObject({
      kind: 'result',
      id: 5,
      result: { ok: false, error: { code: 'BAD_REQUEST' } },
    });
    ws.send(JSON.stringify({ kind: 'invoke', id: 6, method: 'app.info', params: null }));
    expect(await inbox.next()).toMatchObject({ kind: 'result', id: 6, result: { ok: true } });
  });

  it('answers messages without a usable id (not JSON, no id, binary) with a transport.error event, and stays open', async () => {
    const r = await start();
    const { ws, inbox } = await open(r);
    const badRequestEvent = { kind: 'event', event: TRANSPORT_ERROR_EVENT, payload: { code: 'BAD_REQUEST' } };
    ws.send('{not json');
    expect(await inbox.next()).toMatchObject(badRequestEvent);
    ws.send(JSON.stringify({ kind: 'invoke', method: 'app.info' }));
    expect(await inbox.next()).toMatchObject(badRequestEvent);
    ws.send(JSON.stringify({ kind: 'invoke', id: -1, method: 'app.info' }));
    expect(await inbox.next()).toMatchObject(badRequestEvent);
    ws.send(JSON.stringify([1, 2, 3]));
    expect(await inbox.next()).toMatchObject(badRequestEvent);
    ws.send(Buffer.from([1, 2, 3]), { binary: true });
    expect(await inbox.next()).toMatchObject(badRequestEvent);
    ws.send(JSON.stringify({ kind: 'invoke', id: 7, method: 'app.info', params: {} }));
    expect(await inbox.next()).toMatchObject({ kind: 'result', id: 7, result: { ok: true } });
    expect(ws.readyState).toBe(WebSocket.OPEN);
  });

  it('turns a host that throws into INTERNAL for that id', async () => {
    const r = await start();
    const { ws, inbox } = await open(r);
    ws.send(JSON.stringify({ kind: 'invoke', id: 8, method: 'test.throw', params: {} }));
    expect(await inbox.next()).toMatchObject({
      kind: 'result',
      id: 8,
      result: { ok: false, error: { code: 'INTERNAL', detail: 'Error: boom' } },
    });
  });

  it('answers INTERNAL when a result cannot be encoded as JSON (a bigint), instead of never answering', async () => {
    const r = await start();
    const { ws, inbox } = await open(r);
    ws.send(JSON.stringify({ kind: 'invoke', id: 9, method: 'test.bigint', params: {} }));
    expect(await inbox.next()).toMatchObject({
      kind: 'result',
      id: 9,
      result: { ok: false, error: { code: 'INTERNAL' } },
    });
  });

  it('matches answers to requests by id when they finish out of order', async () => {
    const r = await start();
    const { ws, inbox } = await open(r);
    ws.send(JSON.stringify({ kind: 'invoke', id: 10, method: 'test.echoAfter', params: 80 }));
    ws.send(JSON.stringify({ kind: 'invoke', id: 11, method: 'test.echoAfter', params: 0 }));
    expect(await inbox.next()).toEqual({ kind: 'result', id: 11, result: { ok: true, value: 0 } });
    expect(await inbox.next()).toEqual({ kind: 'result', id: 10, result: { ok: true, value: 80 } });
  });

  it('closes the socket with 1009 when a message exceeds the size limit', async () => {
    const r = await start({ maxPayloadBytes: 1024 });
    const { ws } = await open(r);
    const closed = new Promise<number>((resolve) => ws.once('close', (code: number) => resolve(code)));
    ws.send(JSON.stringify({ kind: 'invoke', id: 12, method: 'app.info', params: { pad: 'x'.repeat(2048) } }));
    expect(await closed).toBe(1009);
  });
});

describe('WebSocket transport: events', () => {
  it('broadcasts host events to every authenticated client', async () => {
    const r = await start();
    const a = await open(r);
    const b = await open(r);
    const refused = await connect(r.url('wrong'), r.origin);
    expect(refused.kind).toBe('refused');
    const event: EventMessage = { kind: 'event', event: 'chain.block', payload: { height: 101 } };
    r.host.emit(event);
    expect(await a.inbox.next()).toEqual(event);
    expect(await b.inbox.next()).toEqual(event);
  });

  it('stops listening to the host when closed', async () => {
    const r = await start();
    expect(r.host.listeners()).toBe(1);
    await r.transport.close();
    expect(r.host.listeners()).toBe(0);
  });
});

describe('stub host', () => {
  it('answers app.info with or without empty params, and refuses params it does not take', async () => {
    const host = createStubHost({ version: '1.2.3', mode: 'electron' });
    const info = ok({ name: 'TxLab', version: '1.2.3', mode: 'electron' });
    expect(await host.invoke('app.info', undefined)).toEqual(info);
    expect(await host.invoke('app.info', {})).toEqual(info);
    expect(await host.invoke('app.info', { x: 1 })).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    expect(await host.invoke('wallet.list', {})).toMatchObject({ ok: false, error: { code: 'UNKNOWN_METHOD' } });
  });
});

describe('the default frame limit', () => {
  it('lets the largest scenario file the host accepts through, JSON-escaped inside a request', () => {
    // Worst plausible escaping of a pretty-printed file: every fifth byte a quote or a newline.
    expect(DEFAULT_MAX_PAYLOAD_BYTES).toBeGreaterThan(MAX_FILE_BYTES * 1.25 + 1024);
  });
});
