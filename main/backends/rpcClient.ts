/**
 * A small JSON-RPC client for bitcoind / litecoind over Node's http. Every failure is a Result:
 * BACKEND_UNAVAILABLE when the node cannot be reached (refused, timed out, bad credentials, an
 * answer that is not JSON-RPC), REJECTED when the node answered with an RPC error (its message in
 * `detail`, its numeric code in the message). Loopback only unless `allowRemote` is set: the
 * node's RPC has full control of its wallet and chain, and credentials travel in clear HTTP.
 */
import { readFile } from 'node:fs/promises';
import http from 'node:http';
import { isIP } from 'node:net';
import { z } from 'zod';
import { err, ok, type Result } from '../../shared/contract/result';
import type { RpcAuth } from '../host/backendChoice';

export interface RpcClientOptions {
  /** e.g. `http://127.0.0.1:18443/`; a wallet path (`/wallet/name`) may follow. */
  readonly url: string;
  readonly auth: RpcAuth;
  /** Unsafe: permits a host outside 127.0.0.0/8, ::1 and `localhost`. */
  readonly allowRemote?: boolean;
  /** Per-call timeout unless a call gives its own; default 30 s. */
  readonly timeoutMs?: number;
}

export interface RpcCallOptions {
  readonly timeoutMs?: number;
}

export interface RpcClient {
  readonly url: string;
  /** Calls `method`; the answer's `result` must pass `schema`. */
  call<T>(
    method: string,
    params: readonly unknown[],
    schema: z.ZodType<T>,
    options?: RpcCallOptions,
  ): Promise<Result<T>>;
  /** Closes idle keep-alive sockets (so a test process can exit promptly). */
  close(): void;
}

const DEFAULT_RPC_TIMEOUT_MS = 30_000;

/** A JSON-RPC 1.0 reply as Core sends it (HTTP 200 for results, 404/500 with `error` for failures). */
const RpcReply = z.object({
  result: z.unknown(),
  error: z.object({ code: z.number(), message: z.string() }).nullable().optional(),
  id: z.unknown(),
});

export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '');
  if (host === 'localhost') return true;
  if (isIP(host) === 4) return host.startsWith('127.');
  if (isIP(host) === 6) return host === '::1';
  return false;
}

export function createRpcClient(options: RpcClientOptions): Result<RpcClient> {
  let url: URL;
  try {
    url = new URL(options.url);
  } catch {
    return err('BAD_REQUEST', `"${options.url}" is not a URL (expected e.g. http://127.0.0.1:18443/)`);
  }
  if (url.protocol !== 'http:') return err('BAD_REQUEST', `the node's RPC speaks plain http, not ${url.protocol}`);
  if (url.username || url.password) return err('BAD_REQUEST', 'put credentials in `auth`, not in the URL');
  if (!options.allowRemote && !isLoopbackHost(url.hostname)) {
    return err(
      'BAD_REQUEST',
      `refusing to talk RPC to ${url.hostname}: only loopback hosts are allowed without allowRemote`,
    );
  }
  return ok(new HttpRpcClient(url, options.auth, options.timeoutMs ?? DEFAULT_RPC_TIMEOUT_MS));
}

class HttpRpcClient implements RpcClient {
  readonly url: string;
  private readonly agent = new http.Agent({ keepAlive: true, maxSockets: 4 });
  private nextId = 1;

  constructor(
    private readonly target: URL,
    private readonly auth: RpcAuth,
    private readonly defaultTimeoutMs: number,
  ) {
    this.url = target.href;
  }

  close(): void {
    this.agent.destroy();
  }

  async call<T>(
    method: string,
    params: readonly unknown[],
    schema: z.ZodType<T>,
    options: RpcCallOptions = {},
  ): Promise<Result<T>> {
    const authorization = await this.authorization();
    if (!authorization.ok) return authorization;
    const body = JSON.stringify({ jsonrpc: '1.0', id: this.nextId++, method, params });
    const reply = await this.post(body, authorization.value, options.timeoutMs ?? this.defaultTimeoutMs);
    if (!reply.ok) return reply;
    const { status, text } = reply.value;
    if (status === 401 || status === 403) {
      return err('BACKEND_UNAVAILABLE', `the node at ${this.url} refused the credentials (HTTP ${status})`);
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      return err(
        'BACKEND_UNAVAILABLE',
        `the node at ${this.url} answered HTTP ${status} with something that is not JSON`,
        {
          detail: text.slice(0, 200),
        },
      );
    }
    const parsed = RpcReply.safeParse(json);
    if (!parsed.success) return err('BACKEND_UNAVAILABLE', `the node at ${this.url} answered in an unexpected shape`);
    const { error, result } = parsed.data;
    if (error)
      return err('REJECTED', `${method} failed: ${error.message} (RPC error ${error.code})`, { detail: error.message });
    const typed = schema.safeParse(result);
    if (!typed.success) {
      return err('BACKEND_UNAVAILABLE', `the node's answer to ${method} has an unexpected shape`, {
        detail: typed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '),
      });
    }
    return ok(typed.data);
  }

  private async authorization(): Promise<Result<string>> {
    if (this.auth.kind === 'password') {
      return ok('Basic ' + Buffer.from(`${this.auth.user}:${this.auth.password}`).toString('base64'));
    }
    try {
      const cookie = (await readFile(this.auth.cookieFile, 'utf8')).trim();
      return ok('Basic ' + Buffer.from(cookie).toString('base64'));
    } catch {
      // No cookie yet: the node is not running or has not started its RPC server.
      return err('BACKEND_UNAVAILABLE', `no RPC cookie at ${this.auth.cookieFile}: is the node running?`);
    }
  }

  private post(
    body: string,
    authorization: string,
    timeoutMs: number,
  ): Promise<Result<{ status: number; text: string }>> {
    return new Promise((resolve) => {
      const request = http.request(
        this.target,
        {
          method: 'POST',
          agent: this.agent,
          headers: { 'content-type': 'application/json', authorization, 'content-length': Buffer.byteLength(body) },
          timeout: timeoutMs,
        },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('end', () =>
            resolve(ok({ status: response.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') })),
          );
          response.on('error', (e) => resolve(unavailable(this.url, e)));
        },
      );
      request.on('timeout', () => request.destroy(new Error(`no answer within ${timeoutMs} ms`)));
      request.on('error', (e) => resolve(unavailable(this.url, e)));
      request.end(body);
    });
  }
}

function unavailable(url: string, e: Error): Result<never> {
  const code = (e as NodeJS.ErrnoException).code;
  return err('BACKEND_UNAVAILABLE', `cannot reach the node at ${url}: ${e.message}`, code ? { detail: code } : {});
}
