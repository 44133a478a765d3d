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
 *
 * Host events reach every socket in order, before any later answer: in the frame of the answer
 * that follows them in the same turn of the event loop (the events a request caused, which the
 * host sends with its answer), else each in its own frame at the end of the turn.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocket, WebSocketServer, type RawData } from 'ws';
import { type ContractError, fail, ok, type Result } from '../../shared/contract/result';
import { encodeResult, type EventMessage, type HostEndpoint } from '../../shared/contract/wire';
import { isAllowedHost } from '../security/loopbackHost';
import { describe, dispatchInvokeJson } from './dispatch';

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
/** Why an upgrade is refused: the HTTP status the socket gets and a line for the log. */
interface UpgradeRefusal {
  readonly status: RefusalStatus;
  readonly reason: string;
}
type UpgradeVerdict = Result<undefined, UpgradeRefusal>;
const UPGRADE_ALLOWED: UpgradeVerdict = ok(undefined);

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
    return fail({ status: 404, reason: 'no WebSocket here' });
  }
  if (url.pathname !== WS_PATH) return fail({ status: 404, reason: 'no WebSocket here' });
  const host = request.headers.host;
  if (!isAllowedHost(host, allowedHosts)) return fail({ status: 421, reason: `host refused: ${host ?? 'none'}` });
  const origin = request.headers.origin;
  if (origin === undefined || !allowedOrigins.includes(origin))
    return fail({ status: 403, reason: `origin refused: ${origin ?? 'none'}` });
  if (!sameSecret(url.searchParams.get(WS_TOKEN_PARAM) ?? '', token))
    return fail({ status: 401, reason: 'missing or wrong token' });
  return UPGRADE_ALLOWED;
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
      log(`websocket: refused (${verdict.error.status}): ${verdict.error.reason}`);
      refuse(socket, verdict.error.status);
      return;
    }
    wss.handleUpgrade(request, socket, head, (ws) => {
      serveSocket(ws, options.host, outbox, log);
    });
  };
  server.on('upgrade', onUpgrade);

  const outbox = new Outbox();
  const unsubscribe = options.host.subscribe((event: EventMessage) => {
    const text = encode(event, log);
    if (text === undefined) return;
    for (const ws of wss.clients) outbox.hold(ws, text);
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

/** Event frames (JSON text) held for each socket until an answer carries them or the turn ends. */
class Outbox {
  private readonly held = new Map<WebSocket, string[]>();
  private scheduled = false;

  hold(ws: WebSocket, text: string): void {
    const texts = this.held.get(ws);
    if (texts) texts.push(text);
    else this.held.set(ws, [text]);
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      for (const ws of [...this.held.keys()]) this.flush(ws);
    });
  }

  /** What is held for `ws`, now leaving in an answer's frame. */
  take(ws: WebSocket): readonly string[] {
    const texts = this.held.get(ws) ?? [];
    this.held.delete(ws);
    return texts;
  }

  /** Sends what is held for `ws`, a frame each (before a frame that cannot carry them). */
  flush(ws: WebSocket): void {
    for (const text of this.take(ws)) if (ws.readyState === WebSocket.OPEN) ws.send(text);
  }
}

function serveSocket(ws: WebSocket, host: HostEndpoint, outbox: Outbox, log: (line: string) => void): void {
  ws.on('close', () => outbox.take(ws));
  ws.on('error', (error) => log(`websocket: ${describe(error)}`)); // e.g. an oversized frame; ws then closes the socket
  ws.on('message', (data: RawData, isBinary: boolean) => {
    if (isBinary) {
      sendTransportError(
        ws,
        outbox,
        { code: 'BAD_REQUEST', message: 'Binary frames are not accepted; send JSON text.' },
        log,
      );
      return;
    }
    let message: unknown;
    try {
      message = JSON.parse(rawToString(data));
    } catch {
      sendTransportError(ws, outbox, { code: 'BAD_REQUEST', message: 'The message is not valid JSON.' }, log);
      return;
    }
    void dispatchInvokeJson(host, message).then((answer) => {
      if ('json' in answer) {
        sendResult(ws, outbox, answer.id, answer.json);
      } else if (answer.id === undefined) {
        const { result } = answer;
        sendTransportError(
          ws,
          outbox,
          result.ok ? { code: 'INTERNAL', message: 'A request without an id was answered.' } : result.error,
          log,
        );
      } else {
        const json = encodeResult(answer.result, (error) => log(`websocket: cannot encode result: ${describe(error)}`));
        sendResult(ws, outbox, answer.id, json);
      }
    });
  });
}

function rawToString(data: RawData): string {
  if (Buffer.isBuffer(data)) return data.toString('utf8');
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  return Buffer.from(data).toString('utf8');
}

/**
 * The answer's frame, built around the Result's JSON as it came (never parsed here), with the
 * events held for this socket: they happened before it, and the page handles them first.
 */
function sendResult(ws: WebSocket, outbox: Outbox, id: number, resultJson: string): void {
  const events = outbox.take(ws);
  const carried = events.length > 0 ? `,"events":[${events.join(',')}]` : '';
  // `id` passed the wire schema (a non-negative integer), so it prints as JSON.
  if (ws.readyState === WebSocket.OPEN) ws.send(`{"kind":"result","id":${id},"result":${resultJson}${carried}}`);
}

function sendTransportError(ws: WebSocket, outbox: Outbox, error: ContractError, log: (line: string) => void): void {
  outbox.flush(ws);
  const text = encode({ kind: 'event', event: TRANSPORT_ERROR_EVENT, payload: error }, log);
  if (text !== undefined && ws.readyState === WebSocket.OPEN) ws.send(text);
}

/** Undefined only when the event could not be encoded (a bigint, a cycle): a host bug, not the client's. */
function encode(message: EventMessage, log: (line: string) => void): string | undefined {
  try {
    return JSON.stringify(message);
  } catch (error) {
    log(`websocket: cannot encode ${message.event}: ${describe(error)}`);
    return undefined;
  }
}
