/**
 * Which URL is the app's own page. IPC messages, navigation and the CSP all hinge on this one
 * answer, so it is a pure function of where the renderer is served from.
 */
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

export type AppPage =
  /** `electron-vite dev`: the renderer comes from Vite's dev server. */
  | { readonly kind: 'dev'; readonly url: string; readonly origin: string }
  /** A build: the renderer is `out/renderer/index.html` on disk. */
  | { readonly kind: 'file'; readonly url: string; readonly pathname: string };

export function appPageFor(options: { readonly devServerUrl?: string | undefined; readonly rendererDir: string }): AppPage {
  if (options.devServerUrl) {
    const url = new URL(options.devServerUrl);
    return { kind: 'dev', url: url.href, origin: url.origin };
  }
  const url = pathToFileURL(join(options.rendererDir, 'index.html'));
  return { kind: 'file', url: url.href, pathname: url.pathname };
}

/** True only for the app's own page (any hash or query), never for another file or origin. */
export function isAppPageUrl(page: AppPage, candidate: string | undefined): boolean {
  if (!candidate) return false;
  let url: URL;
  try {
    url = new URL(candidate);
  } catch {
    return false;
  }
  if (page.kind === 'dev') return url.origin === page.origin;
  return url.protocol === 'file:' && url.host === '' && url.pathname === page.pathname;
}

/** For the CSP header: every document and asset of the app, not just index.html (URL parsing has already resolved `..`). */
export function isAppResourceUrl(page: AppPage, candidate: string): boolean {
  let url: URL;
  try {
    url = new URL(candidate);
  } catch {
    return false;
  }
  if (page.kind === 'dev') return url.origin === page.origin;
  const dir = page.pathname.slice(0, page.pathname.lastIndexOf('/') + 1);
  return url.protocol === 'file:' && url.host === '' && url.pathname.startsWith(dir);
}
