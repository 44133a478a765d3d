/**
 * Serves the built renderer (out/renderer) to the browser-mode page, and nothing else: GET and HEAD
 * only, files inside the renderer folder only (the same rules as Electron's app:// handler:
 * `security/rendererFiles.ts`), the app's security headers on every answer, and only for requests
 * addressed to a loopback name and our port (a DNS-rebinding page names another host).
 */
import { createReadStream } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { securityHeaders } from '../security/csp';
import { isAllowedHost } from '../security/loopbackHost';
import { REFUSAL_STATUS, resolveRendererFile } from '../security/rendererFiles';

export interface StaticHandlerOptions {
  readonly rendererDir: string;
  /** `127.0.0.1:<port>` and the other loopback names, read per request: the port is known only once the server listens. */
  readonly allowedHosts: () => readonly string[];
}

export function createStaticHandler(
  options: StaticHandlerOptions,
): (request: IncomingMessage, response: ServerResponse) => void {
  const headers = securityHeaders();
  return (request, response) => {
    void serve(request, response).catch(() => {
      if (!response.headersSent) answer(response, 500);
      else response.destroy();
    });
  };

  async function serve(request: IncomingMessage, response: ServerResponse): Promise<void> {
    for (const [name, value] of Object.entries(headers)) response.setHeader(name, value);
    if (!isAllowedHost(request.headers.host, options.allowedHosts())) return answer(response, 421);
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.setHeader('Allow', 'GET, HEAD');
      return answer(response, 405);
    }
    let pathname: string;
    try {
      pathname = new URL(request.url ?? '/', 'http://placeholder.invalid').pathname;
    } catch {
      return answer(response, 400);
    }
    const resolved = await resolveRendererFile(options.rendererDir, pathname);
    if (!resolved.ok) return answer(response, REFUSAL_STATUS[resolved.error.code]);
    const file = resolved.value;
    response.statusCode = 200;
    response.setHeader('Content-Type', file.contentType);
    response.setHeader('Content-Length', file.size);
    response.setHeader('Cache-Control', 'no-cache');
    if (request.method === 'HEAD') {
      response.end();
      return;
    }
    // The real path the resolver checked, not the one the request named.
    createReadStream(file.path)
      .on('error', () => response.destroy())
      .pipe(response);
  }
}

function answer(response: ServerResponse, status: number): void {
  response.statusCode = status;
  response.setHeader('Content-Type', 'text/plain; charset=utf-8');
  response.end(`${status}\n`);
}
