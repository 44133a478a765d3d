/**
 * The app:// scheme: how Electron loads the built renderer. The privileges and the handler are
 * plain data and a plain `Request → Response` function, so unit tests run them under Node;
 * `main/index.ts` only registers them.
 */
import { promises as fsp } from 'node:fs';
import type { CustomScheme } from 'electron';
import { APP_HOST, APP_SCHEME } from './appPage';
import { securityHeaders } from './csp';
import { REFUSAL_STATUS, resolveRendererFile } from './rendererFiles';

/**
 * standard: real origin (app://txlab), relative URLs and 'self' in the CSP work as on http.
 * secure: a secure context, like https. supportFetchAPI: the page may fetch() its own files
 * (html-to-image inlines images that way when it exports the graph as a picture).
 * Everything else stays off: no CSP bypass, no service workers, and, with corsEnabled off,
 * no other origin can read these files.
 */
export const APP_CUSTOM_SCHEME: CustomScheme = {
  scheme: APP_SCHEME,
  privileges: {
    standard: true,
    secure: true,
    supportFetchAPI: true,
    corsEnabled: false,
    bypassCSP: false,
    allowServiceWorkers: false,
    stream: false,
  },
};

function plain(status: number, extra: Record<string, string> = {}): Response {
  return new Response(`${status}\n`, {
    status,
    headers: { ...securityHeaders(), 'Content-Type': 'text/plain; charset=utf-8', ...extra },
  });
}

/**
 * Answers one app:// request from the files in `rendererDir`: GET and HEAD only, host `txlab`
 * only, files inside the folder only (shared rules: `rendererFiles.ts`), with the app's security
 * headers (CSP included) on every answer. Never throws.
 */
export async function serveAppRequest(request: Request, rendererDir: string): Promise<Response> {
  try {
    if (request.method !== 'GET' && request.method !== 'HEAD') return plain(405, { Allow: 'GET, HEAD' });
    const url = new URL(request.url);
    if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return plain(404);
    const resolved = await resolveRendererFile(rendererDir, url.pathname);
    if (!resolved.ok) return plain(REFUSAL_STATUS[resolved.error.code]);
    const file = resolved.value;
    const headers = { ...securityHeaders(), 'Content-Type': file.contentType, 'Cache-Control': 'no-cache' };
    if (request.method === 'HEAD')
      return new Response(null, { status: 200, headers: { ...headers, 'Content-Length': String(file.size) } });
    // Whole files: the largest is the ~3 MB bundle, and readFile is what app.asar serves without a copy.
    const body = await fsp.readFile(file.path);
    return new Response(body, { status: 200, headers });
  } catch {
    return plain(500);
  }
}
