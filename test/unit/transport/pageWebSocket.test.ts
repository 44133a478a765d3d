/** The page's side of the socket: events carried in an answer's frame reach listeners first, in order. */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createWebSocketTransport } from '../../../renderer/src/transport/websocket';
import type { EventMessage } from '../../../shared/contract/wire';

/** Just enough of the browser's WebSocket: the test plays the server. */
class FakeSocket {
  static readonly OPEN = 1;
  static last: FakeSocket | undefined;
  readyState = 0;
  readonly sent: string[] = [];
  private readonly handlers = new Map<string, ((event: { data?: unknown }) => void)[]>();
  constructor(readonly url: string) {
    FakeSocket.last = this;
  }
  addEventListener(type: string, handler: (event: { data?: unknown }) => void): void {
    this.handlers.set(type, [...(this.handlers.get(type) ?? []), handler]);
  }
  send(text: string): void {
    this.sent.push(text);
  }
  fire(type: string, data?: unknown): void {
    if (type === 'open') this.readyState = FakeSocket.OPEN;
    for (const handler of this.handlers.get(type) ?? []) handler({ data });
  }
}

afterEach(() => vi.unstubAllGlobals());

const changed = (revision: number): EventMessage => ({
  kind: 'event',
  event: 'workspace.changed',
  payload: { revision },
});

describe('the page’s WebSocket transport', () => {
  it('hands the events an answer carries to listeners, in order, before the call resolves', async () => {
    vi.stubGlobal('WebSocket', FakeSocket);
    const transport = createWebSocketTransport('ws://127.0.0.1:1/ws?token=t');
    const socket = FakeSocket.last!;
    socket.fire('open');
    const seen: string[] = [];
    transport.subscribe((e) => seen.push(`${e.event} ${(e.payload as { revision: number }).revision}`));
    const answered = transport.invoke('graph.addNode', {}).then((r) => {
      seen.push('answer');
      return r;
    });
    const { id } = JSON.parse(socket.sent[0]!) as { id: number };
    socket.fire('message', JSON.stringify(changed(1)));
    socket.fire(
      'message',
      JSON.stringify({ kind: 'result', id, result: { ok: true, value: 5 }, events: [changed(2), changed(3)] }),
    );
    expect(await answered).toEqual({ ok: true, value: 5 });
    expect(seen).toEqual(['workspace.changed 1', 'workspace.changed 2', 'workspace.changed 3', 'answer']);
  });

  it('ignores a result frame whose events are malformed, as any malformed frame', () => {
    vi.stubGlobal('WebSocket', FakeSocket);
    const transport = createWebSocketTransport('ws://127.0.0.1:1/ws?token=t');
    const socket = FakeSocket.last!;
    socket.fire('open');
    const seen: unknown[] = [];
    transport.subscribe((e) => seen.push(e));
    void transport.invoke('app.info', {});
    socket.fire(
      'message',
      JSON.stringify({ kind: 'result', id: 1, result: { ok: true, value: 1 }, events: [{ x: 1 }] }),
    );
    expect(seen).toEqual([]);
  });
});
