/**
 * What goes out on a socket: an answer carries the events that came before it in its own frame;
 * events no answer follows go alone; a host that encodes its answers (invokeJson) has them sent
 * as they are, after the same checks at the boundary.
 */
import { createServer, type Server } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { loopbackAuthorities } from '../../../main/security/loopbackHost';
import { listenOnLoopback } from '../../../main/transport/loopback';
import { attachWebSocketTransport, createToken, type WebSocketTransport } from '../../../main/transport/websocket';
import { ok, type Result } from '../../../shared/contract/result';
import type { EventMessage, HostEndpoint, ServerMessage } from '../../../shared/contract/wire';

const changed = (revision: number): EventMessage => ({
  kind: 'event',
  event: 'workspace.changed',
  payload: { revision },
});

/** A host whose `emit` method announces events and then answers, as a request that changes the workspace does. */
function eventHost(
  options: { json?: boolean } = {},
): HostEndpoint & { emit(event: EventMessage): void; calls: string[] } {
  const listeners = new Set<(event: EventMessage) => void>();
  const calls: string[] = [];
  const emit = (event: EventMessage): void => listeners.forEach((listener) => listener(event));
  const invoke = (method: string, params: unknown): Promise<Result<unknown>> => {
    calls.push(method);
    if (method === 'throw') return Promise.reject(new Error('boom'));
    const revisions = Array.isArray(params) ? (params as number[]) : [];
    for (const revision of revisions) emit(changed(revision));
    return Promise.resolve(ok({ method, revisions }));
  };
  return {
    invoke,
    ...(options.json
      ? {
          // Text made by the host: the transport must send it as it is.
          invokeJson: async (method: string, params: unknown) =>
            JSON.stringify(await invoke(method, params)).replace('{"ok":true', '{"ok":true,"encodedBy":"host"'),
        }
      : {}),
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    emit,
    calls,
  };
}

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

async function serve(host: HostEndpoint): Promise<{ connect(): Promise<Client> }> {
  const server: Server = createServer((_request, response) => response.end());
  const { port } = await listenOnLoopback(server);
  const token = createToken();
  const origin = `http://127.0.0.1:${port}`;
  const transport: WebSocketTransport = attachWebSocketTransport(server, {
    host,
    token,
    allowedHosts: () => loopbackAuthorities(port),
    allowedOrigins: () => [origin],
  });
  const sockets: WebSocket[] = [];
  cleanups.push(async () => {
    for (const ws of sockets) ws.terminate();
    await transport.close();
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });
  return {
    async connect() {
      const ws = new WebSocket(`ws://127.0.0.1:${port}/ws?token=${token}`, { origin });
      sockets.push(ws);
      const client = new Client(ws);
      await new Promise((resolve, reject) => {
        ws.once('open', resolve);
        ws.once('error', reject);
      });
      return client;
    },
  };
}

/** Every frame a socket received, parsed, in order. */
class Client {
  readonly frames: ServerMessage[] = [];
  private waiting: (() => void) | undefined;
  constructor(readonly ws: WebSocket) {
    ws.on('message', (data: Buffer) => {
      this.frames.push(JSON.parse(data.toString('utf8')) as ServerMessage);
      this.waiting?.();
    });
  }
  async frameCount(n: number): Promise<ServerMessage[]> {
    const deadline = Date.now() + 2_000;
    while (this.frames.length < n) {
      if (Date.now() > deadline) throw new Error(`expected ${n} frames, got ${this.frames.length}`);
      await new Promise<void>((resolve) => {
        this.waiting = resolve;
        setTimeout(resolve, 50);
      });
    }
    return this.frames;
  }
  send(message: unknown): void {
    this.ws.send(JSON.stringify(message));
  }
}

describe('WebSocket transport: events and answers in frames', () => {
  it('sends the events a request caused in its answer’s frame, before the answer; other sockets get them alone', async () => {
    const host = eventHost();
    const web = await serve(host);
    const asker = await web.connect();
    const other = await web.connect();
    asker.send({ kind: 'invoke', id: 1, method: 'edit', params: [7, 8] });
    expect(await asker.frameCount(1)).toEqual([
      {
        kind: 'result',
        id: 1,
        result: { ok: true, value: { method: 'edit', revisions: [7, 8] } },
        events: [changed(7), changed(8)],
      },
    ]);
    expect(await other.frameCount(2)).toEqual([changed(7), changed(8)]);
    // Nothing else follows: each event reached each socket once.
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(asker.frames).toHaveLength(1);
    expect(other.frames).toHaveLength(2);
  });

  it('sends events that no answer follows alone, in order, and never again with a later answer', async () => {
    const host = eventHost();
    const web = await serve(host);
    const client = await web.connect();
    host.emit(changed(1));
    host.emit(changed(2));
    expect(await client.frameCount(2)).toEqual([changed(1), changed(2)]);
    client.send({ kind: 'invoke', id: 2, method: 'read', params: [] });
    const frames = await client.frameCount(3);
    expect(frames[2]).toEqual({
      kind: 'result',
      id: 2,
      result: { ok: true, value: { method: 'read', revisions: [] } },
    });
  });

  it('sends a host’s own JSON as it is, after refusing what fails the wire schema before the host sees it', async () => {
    const host = eventHost({ json: true });
    const web = await serve(host);
    const client = await web.connect();
    client.send({ kind: 'invoke', id: 3, method: 'edit', params: [4] });
    await client.frameCount(1);
    client.send({ kind: 'invoke', id: 4, method: 42, params: {} });
    client.send({ kind: 'invoke', id: 5, method: 'throw', params: {} });
    client.send({
      kind: 'invoke',
      id: 6,
      method: 'deep',
      params: JSON.parse('['.repeat(200) + ']'.repeat(200)) as unknown,
    });
    const frames = await client.frameCount(4);
    const byId = new Map(frames.map((f) => [f.kind === 'result' ? f.id : -1, f]));
    expect(byId.get(3)).toEqual({
      kind: 'result',
      id: 3,
      result: { ok: true, encodedBy: 'host', value: { method: 'edit', revisions: [4] } },
      events: [changed(4)],
    });
    expect(byId.get(4)).toMatchObject({ result: { ok: false, error: { code: 'BAD_REQUEST', path: 'method' } } });
    expect(byId.get(5)).toMatchObject({ result: { ok: false, error: { code: 'INTERNAL', detail: 'Error: boom' } } });
    expect(byId.get(6)).toMatchObject({ result: { ok: false, error: { code: 'BAD_REQUEST' } } });
    // The malformed and the too-deep requests never reached the host.
    expect(host.calls).toEqual(['edit', 'throw']);
  });
});
