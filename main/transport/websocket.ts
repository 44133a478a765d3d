/**
 * WebSocket transport for browser mode, attached to a loopback HTTP server.
 *
 * Who may connect — checked during the HTTP upgrade, so a refused client never gets a socket:
 *  - path `/ws` only (404 otherwise);
 *  - `Host` one of `allowedHosts()` (421 otherwise): a loopback name and the port we listen on,
 *    so a DNS-rebinding page (`Host: evil.example:PORT`) is refused even before its Origin;
 *  - `Origin` exactly one of `allowedOrigins()` (403 otherwise): the browser-mode page itself;
 *  - query parameter `token` equal to this launch's random token (401 otherwise).
 * The page reads the token from its URL fragment (`#token=…`), which browsers never send to a server.
 *
 * What may be said: text frames of at most `maxPayloadBytes`, each one JSON `InvokeMessage`.
 * Every request with a readable id gets a `ResultMessage`; a message without one gets a
 * `transport.error` event on that socket (there is no id to answer to). Oversized frames close the
 * socket with 1009, as the WebSocket protocol prescribes.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocket, WebSocketServer, type RawData } from 'ws';
import { err, type ContractError, type Result } from '../../shared/contract/result';
import type { EventMessage, HostEndpoint, ServerMessage } from '../../shared/contract/wire';
import { isAllowedHost } from '../security/loopbackHost';
import { describe, dispatchInvoke } from './dispatch';

export const WS_PATH = '/ws';
const WS_TOKEN_PARAM = 'token';
/** Sent to one socket when its message had no id to answer to. */
export const TRANSPORT_ERROR_EVENT = 'transport.error';
/**
 * Large enough for the largest scenario file the host accepts (MAX_FILE_BYTES, 20 MB) sent from
 * browser mode as a JSON string — escaping can add a fifth — so the host, not the socket, says
 * what is wrong with a big file; small enough to refuse a flood.
 */
export const DEFAULT_MAX_PAYLOAD_BYTES = 32 * 1024 * 1024;

/** A fresh secret for each launch: 32 random bytes, hex. */
export function createToken(): string {
  return randomBytes(32).toString('hex');
}

export interface WebSocketTransportOptions {
  readonly host: HostEndpoint;
  readonly token: string;
  /** `Host` values accepted (e.g. `loopbackAuthorities(port)`); computed at each upgrade, because the port is known only once the server listens. */
  readonly allowedHosts: () => readonly string[];
  /** Computed at each upgrade, like `allowedHosts`. */
  readonly allowedOrigins: () => readonly string[];
  readonly maxPayloadBytes?: number;
  readonly log?: (line: string) => void;
}

export interface WebSocketTransport {
  /** Sockets currently open (all of them authenticated). */
  readonly clientCount: () => number;
  close(): Promise<void>;
}

type RefusalStatus = 401 | 403 | 404 | 421;
type UpgradeVerdict =
  { readonly ok: true } | { readonly ok: false; readonly status: RefusalStatus; readonly reason: string };

export interface UpgradeRules {
  readonly token: string;
  readonly allowedHosts: readonly string[];
  readonly allowedOrigins: readonly string[];
}

export function checkUpgrade(
  request: {
    readonly url?: string | undefined;
    readonly headers: { readonly host?: string | undefined; readonly origin?: string | undefined };
  },
  rules: UpgradeRules,
): UpgradeVerdict {
  const { token, allowedHosts, allowedOrigins } = rules;
  let url: URL;
  try {
    url = new URL(request.url ?? '/', 'http://placeholder.invalid');
  } catch {
    return { ok: false, status: 404, reason: 'no WebSocket here' };
  }
  if (url.pathname !== WS_PATH) return { ok: false, status: 404, reason: 'no WebSocket here' };
  const host = request.headers.host;
  if (!isAllowedHost(host, allowedHosts)) return { ok: false, status: 421, reason: `host refused: ${host ?? 'none'}` };
  const origin = request.headers.origin;
  if (origin === undefined || !allowedOrigins.includes(origin))
    return { ok: false, status: 403, reason: `origin refused: ${origin ?? 'none'}` };
  if (!sameSecret(url.searchParams.get(WS_TOKEN_PARAM) ?? '', token))
    return { ok: false, status: 401, reason: 'missing or wrong token' };
  return { ok: true };
}

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given, 'utf8');
  const b = Buffer.from(expected, 'utf8');
  // The length is not secret; the comparison of the bytes is constant-time.
  return a.length === b.length && a.length > 0 && timingSafeEqual(a, b);
}

const STATUS_TEXT: Record<RefusalStatus, string> = {
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  421: 'Misdirected Request',
};

function refuse(socket: Duplex, status: RefusalStatus): void {
  socket.end(`HTTP/1.1 ${status} ${STATUS_TEXT[status]}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
  socket.destroy();
}

export function attachWebSocketTransport(server: Server, options: WebSocketTransportOptions): WebSocketTransport {
  const log = options.log ?? (() => {});
  const wss = new WebSocketServer({ noServer: true, maxPayload: options.maxPayloadBytes ?? DEFAULT_MAX_PAYLOAD_BYTES });

  const onUpgrade = (request: IncomingMessage, socket: Duplex, head: Buffer): void => {
    const verdict = checkUpgrade(request, {
      token: options.token,
      allowedHosts: options.allowedHosts(),
      allowedOrigins: options.allowedOrigins(),
    });
    if (!verdict.ok) {
      log(`websocket: refused (${verdict.status}): ${verdict.reason}`);
      refuse(socket, verdict.status);
      return;
    }
    wss.handleUpgrade(request, socket, head, (ws) => {
      serveSocket(ws, options.host, log);
    });
  };
  server.on('upgrade', onUpgrade);

  const unsubscribe = options.host.subscribe((event: EventMessage) => {
    for (const ws of wss.clients) send(ws, event, log);
  });

  return {
    clientCount: () => wss.clients.size,
    close: () =>
      new Promise<void>((resolve) => {
        server.off('upgrade', onUpgrade);
        unsubscribe();
        for (const ws of wss.clients) ws.close(1001, 'server shutting down');
        wss.close(() => resolve());
      }),
  };
}

function serveSocket(ws: WebSocket, host: HostEndpoint, log: (line: string) => void): void {
  ws.on('error', (error) => log(`websocket: ${describe(error)}`)); // e.g. an oversized frame; ws then closes the socket
  ws.on('message', (data: RawData, isBinary: boolean) => {
    if (isBinary) {
      sendTransportError(ws, { code: 'BAD_REQUEST', message: 'Binary frames are not accepted; send JSON text.' }, log);
      return;
    }
    let message: unknown;
    try {
      message = JSON.parse(rawToString(data));
    } catch {
      sendTransportError(ws, { code: 'BAD_REQUEST', message: 'The message is not valid JSON.' }, log);
      return;
    }
    void dispatchInvoke(host, message).then(({ id, result }) => {
      if (id === undefined) {
        sendTransportError(
          ws,
          result.ok ? { code: 'INTERNAL', message: 'A request without an id was answered.' } : result.error,
          log,
        );
      } else {
        sendResult(ws, id, result, log);
      }
    });
  });
}

function rawToString(data: RawData): string {
  if (Buffer.isBuffer(data)) return data.toString('utf8');
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  return Buffer.from(data).toString('utf8');
}

function sendResult(ws: WebSocket, id: number, result: Result<unknown>, log: (line: string) => void): void {
  if (!send(ws, { kind: 'result', id, result }, log)) {
    // The caller still learns that its request finished, even when the value could not be encoded.
    send(ws, { kind: 'result', id, result: err('INTERNAL', 'The result could not be encoded as JSON.') }, log);
  }
}

function sendTransportError(ws: WebSocket, error: ContractError, log: (line: string) => void): void {
  send(ws, { kind: 'event', event: TRANSPORT_ERROR_EVENT, payload: error }, log);
}

/** False only when the message could not be encoded (a bigint, a cycle): a host bug, not the client's. */
function send(ws: WebSocket, message: ServerMessage, log: (line: string) => void): boolean {
  let text: string;
  try {
    text = JSON.stringify(message);
  } catch (error) {
    log(`websocket: cannot encode ${message.kind}: ${describe(error)}`);
    return false;
  }
  if (ws.readyState === WebSocket.OPEN) ws.send(text);
  return true;
}
