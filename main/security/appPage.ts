/**
 * Which URL is the app's own page. IPC messages, navigation and the CSP all hinge on this one
 * answer, so it is a pure function of where the renderer is served from.
 *
 * A build serves the renderer from `app://txlab/` (see `appProtocol.ts`), a privileged standard
 * scheme with an origin of its own, rather than from `file://`, where every local file would
 * share the page's origin.
 */

import type { Result } from '../../shared/contract/result';

export const APP_SCHEME = 'app';
export const APP_HOST = 'txlab';
export const APP_PAGE_URL = `${APP_SCHEME}://${APP_HOST}/index.html`;

export type AppPage =
  /** `electron-vite dev`: the renderer comes from Vite's dev server on loopback. */
  | { readonly kind: 'dev'; readonly url: string; readonly origin: string }
  /** A build: the renderer is served by the app:// handler from out/renderer. */
  | { readonly kind: 'app'; readonly url: string };

export const BUILT_APP_PAGE: AppPage = { kind: 'app', url: APP_PAGE_URL };

export type DevServerRefusal = 'NOT_A_URL' | 'NOT_HTTP' | 'NOT_LOOPBACK' | 'HAS_CREDENTIALS';

export type DevServerPageResult = Result<AppPage, { readonly code: DevServerRefusal; readonly message: string }>;

const LOOPBACK_HOSTNAMES: ReadonlySet<string> = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * The dev server's page from `ELECTRON_RENDERER_URL`, only when it is plain http on loopback:
 * whoever sets that variable would otherwise choose the page that gets the IPC bridge.
 * The caller asks only in `electron-vite dev` builds.
 */
export function devServerPage(candidate: string): DevServerPageResult {
  let url: URL;
  try {
    url = new URL(candidate);
  } catch {
    return { ok: false, error: { code: 'NOT_A_URL', message: 'ELECTRON_RENDERER_URL is not a URL' } };
  }
  if (url.protocol !== 'http:')
    return { ok: false, error: { code: 'NOT_HTTP', message: `ELECTRON_RENDERER_URL is ${url.protocol}, not http:` } };
  if (url.username !== '' || url.password !== '') {
    return { ok: false, error: { code: 'HAS_CREDENTIALS', message: 'ELECTRON_RENDERER_URL carries credentials' } };
  }
  if (!LOOPBACK_HOSTNAMES.has(url.hostname)) {
    return {
      ok: false,
      error: { code: 'NOT_LOOPBACK', message: `ELECTRON_RENDERER_URL names ${url.hostname}, not a loopback address` },
    };
  }
  return { ok: true, value: { kind: 'dev', url: url.href, origin: url.origin } };
}

function parse(candidate: string | undefined): URL | undefined {
  if (!candidate) return undefined;
  try {
    return new URL(candidate);
  } catch {
    return undefined;
  }
}

/** app://txlab/… — compared by parts, because WHATWG gives a custom scheme's URL an opaque origin ("null"). */
function isAppOrigin(url: URL): boolean {
  return url.protocol === `${APP_SCHEME}:` && url.host === APP_HOST && url.username === '' && url.password === '';
}

/** True only for the app's own page (any hash or query), never for another file or origin. */
export function isAppPageUrl(page: AppPage, candidate: string | undefined): boolean {
  const url = parse(candidate);
  if (!url) return false;
  if (page.kind === 'dev') return url.origin === page.origin;
  return isAppOrigin(url) && url.pathname === new URL(page.url).pathname;
}

/** For the CSP header: every document and asset of the app, not just index.html. */
export function isAppResourceUrl(page: AppPage, candidate: string): boolean {
  const url = parse(candidate);
  if (!url) return false;
  if (page.kind === 'dev') return url.origin === page.origin;
  return isAppOrigin(url);
}
