/**
 * The browser-mode transport: one WebSocket to the loopback server that served this page.
 * Requests carry increasing ids; answers may arrive in any order. When the socket closes, every
 * pending call resolves with CANCELLED rather than hanging.
 */
import { err, type Result } from '../../../shared/contract/result';
import type { EventMessage, InvokeMessage, InvokeOptions } from '../../../shared/contract/wire';
import { serverMessageSchema } from './messages';
import type { ConnectionState, RendererTransport } from './types';

/** Must match main/transport/websocket.ts (WS_PATH, WS_TOKEN_PARAM). */
const WS_PATH = '/ws';
const TOKEN_PARAM = 'token';

export function webSocketUrl(
  pageLocation: { readonly host: string; readonly protocol: string },
  token: string,
): string {
  const scheme = pageLocation.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${scheme}//${pageLocation.host}${WS_PATH}?${TOKEN_PARAM}=${encodeURIComponent(token)}`;
}

export function createWebSocketTransport(url: string): RendererTransport {
  let state: ConnectionState = { kind: 'connecting' };
  let everOpened = false;
  let nextId = 1;
  const pending = new Map<number, (result: Result<unknown>) => void>();
  const queued: string[] = [];
  const eventListeners = new Set<(event: EventMessage) => void>();
  const stateListeners = new Set<(state: ConnectionState) => void>();

  const setState = (next: ConnectionState): void => {
    state = next;
    for (const listener of stateListeners) listener(next);
  };

  const socket = new WebSocket(url);
  socket.addEventListener('open', () => {
    everOpened = true;
    for (const text of queued.splice(0)) socket.send(text);
    setState({ kind: 'open' });
  });
  socket.addEventListener('close', () => {
    // A browser does not say why a handshake failed (wrong token, wrong origin): before the first open it is a refusal.
    setState({ kind: 'closed', reason: everOpened ? 'lost' : 'refused' });
    queued.length = 0;
    for (const resolve of pending.values())
      resolve(err('CANCELLED', 'The connection to the host closed before it answered.'));
    pending.clear();
  });
  socket.addEventListener('message', (event: { readonly data: unknown }) => {
    if (typeof event.data !== 'string') return;
    let data: unknown;
    try {
      data = JSON.parse(event.data);
    } catch {
      return; // the server only sends JSON; anything else is noise, not a reason to crash
    }
    const parsed = serverMessageSchema.safeParse(data);
    if (!parsed.success) return;
    const message = parsed.data;
    if (message.kind === 'result') {
      for (const event of message.events ?? []) for (const listener of eventListeners) listener(event);
      const resolve = pending.get(message.id);
      pending.delete(message.id);
      resolve?.(message.result);
    } else {
      for (const listener of eventListeners) listener(message);
    }
  });

  return {
    kind: 'websocket',
    invoke(method: string, params: unknown, options: InvokeOptions = {}): Promise<Result<unknown>> {
      if (state.kind === 'closed') return Promise.resolve(err('CANCELLED', 'Not connected to the host.'));
      // JSON drops an undefined field, and the wire requires `params`: "none" is sent as {}.
      const message: InvokeMessage = {
        kind: 'invoke',
        id: nextId++,
        method,
        params: params === undefined ? {} : params,
        ...(options.knownView === undefined ? {} : { knownView: options.knownView }),
      };
      let text: string;
      try {
        text = JSON.stringify(message);
      } catch {
        return Promise.resolve(err('BAD_REQUEST', `The parameters of ${method} cannot be sent as JSON.`));
      }
      return new Promise((resolve) => {
        pending.set(message.id, resolve);
        if (socket.readyState === WebSocket.OPEN) socket.send(text);
        else queued.push(text);
      });
    },
    subscribe(listener) {
      eventListeners.add(listener);
      return () => {
        eventListeners.delete(listener);
      };
    },
    connection: () => state,
    onConnectionChange(listener) {
      stateListeners.add(listener);
      return () => {
        stateListeners.delete(listener);
      };
    },
  };
}

/** A transport that never connects, for a page opened without its token. */
export function createClosedTransport(): RendererTransport {
  const closed: ConnectionState = { kind: 'closed', reason: 'noToken' };
  return {
    kind: 'websocket',
    invoke: () => Promise.resolve(err('CANCELLED', 'Not connected to the host: the page address has no access token.')),
    subscribe: () => () => {},
    connection: () => closed,
    onConnectionChange: () => () => {},
  };
}
