/**
 * Serves the built renderer (out/renderer) to the browser-mode page, and nothing else: GET and HEAD
 * only, files inside the renderer folder only, the app's security headers on every answer, and only
 * for requests addressed to 127.0.0.1:<port> (a DNS-rebinding page names another host).
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, resolve, sep } from 'node:path';
import { securityHeaders } from '../security/csp';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.map': 'application/json; charset=utf-8',
};

export interface StaticHandlerOptions {
  readonly rendererDir: string;
  /** `127.0.0.1:<port>`, read per request because the port is known only once the server listens. */
  readonly expectedHost: () => string;
}

export function createStaticHandler(options: StaticHandlerOptions): (request: IncomingMessage, response: ServerResponse) => void {
  const root = resolve(options.rendererDir);
  const headers = securityHeaders();
  return (request, response) => {
    void serve(request, response).catch(() => {
      if (!response.headersSent) answer(response, 500);
      else response.destroy();
    });
  };

  async function serve(request: IncomingMessage, response: ServerResponse): Promise<void> {
    for (const [name, value] of Object.entries(headers)) response.setHeader(name, value);
    if (request.headers.host !== options.expectedHost()) return answer(response, 421);
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.setHeader('Allow', 'GET, HEAD');
      return answer(response, 405);
    }
    const file = resolveFile(root, request.url ?? '/');
    if (file === undefined) return answer(response, 404);
    const info = await stat(file).catch(() => undefined);
    if (!info?.isFile()) return answer(response, 404);
    response.statusCode = 200;
    response.setHeader('Content-Type', CONTENT_TYPES[extname(file)] ?? 'application/octet-stream');
    response.setHeader('Content-Length', info.size);
    response.setHeader('Cache-Control', 'no-cache');
    if (request.method === 'HEAD') {
      response.end();
      return;
    }
    createReadStream(file)
      .on('error', () => response.destroy())
      .pipe(response);
  }
}

/** The file a URL names inside `root`, or undefined when it names something outside (or nonsense). */
export function resolveFile(root: string, requestUrl: string): string | undefined {
  let pathname: string;
  try {
    pathname = decodeURIComponent(new URL(requestUrl, 'http://placeholder.invalid').pathname);
  } catch {
    return undefined;
  }
  if (pathname.includes('\0')) return undefined;
  const relative = pathname === '/' ? 'index.html' : pathname.replace(/^\/+/, '');
  const file = resolve(root, relative);
  return file.startsWith(root + sep) ? file : undefined;
}

function answer(response: ServerResponse, status: number): void {
  response.statusCode = status;
  response.setHeader('Content-Type', 'text/plain; charset=utf-8');
  response.end(`${status}\n`);
}
