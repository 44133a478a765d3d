/**
 * The one way a request path becomes a file of the built renderer. Electron's app:// handler and
 * browser mode's HTTP server both ask here, so both refuse the same things:
 *  - a path that does not decode, or holds a NUL or a backslash (a separator on Windows);
 *  - any `..` segment after decoding (`%2e%2e`, `..%2f`), before the file system is asked;
 *  - a file whose real path (symlinks resolved) is not inside the real renderer folder;
 *  - anything that is not a regular file.
 */
import { promises as fsp } from 'node:fs';
import { extname, isAbsolute, relative, resolve, sep } from 'node:path';
import type { Result } from '../../shared/contract/result';

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.txt': 'text/plain; charset=utf-8',
};

/** With `X-Content-Type-Options: nosniff`, an unknown type is never run as a script or styles. */
export function contentTypeOf(file: string): string {
  return CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream';
}

export type RendererFileRefusal = 'BAD_PATH' | 'OUTSIDE_ROOT' | 'NOT_FOUND';

/** The HTTP status each refusal is answered with, by both servers. */
export const REFUSAL_STATUS: Readonly<Record<RendererFileRefusal, 400 | 403 | 404>> = {
  BAD_PATH: 400,
  OUTSIDE_ROOT: 403,
  NOT_FOUND: 404,
};

export interface RendererFile {
  /** The real path (symlinks resolved), inside the real renderer folder. */
  readonly path: string;
  readonly size: number;
  readonly contentType: string;
}

export type RendererFileResult = Result<RendererFile, { readonly code: RendererFileRefusal; readonly message: string }>;

const refuse = (code: RendererFileRefusal, message: string): RendererFileResult => ({
  ok: false,
  error: { code, message },
});

/** True when `path` is strictly below `root` (both absolute, both already real). */
export function isInside(root: string, path: string): boolean {
  const rel = relative(root, path);
  // On Windows a path on another drive comes back absolute.
  return rel !== '' && rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel);
}

/**
 * `pathname` is a URL's path as it arrives, still percent-encoded (`/assets/index-1a2b.js`);
 * `/` means `index.html`. Never throws: file system trouble is NOT_FOUND.
 *
 * The file system is reached through `fsp.…` at call time, not through named imports: Electron
 * patches `fs.promises` in place so that paths inside app.asar work, and a packaged build
 * serves the renderer from there.
 */
export async function resolveRendererFile(root: string, pathname: string): Promise<RendererFileResult> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return refuse('BAD_PATH', 'the path is not valid percent-encoding');
  }
  if (decoded.includes('\0') || decoded.includes('\\'))
    return refuse('BAD_PATH', 'the path holds a NUL or a backslash');
  const segments = decoded.split('/').filter((segment) => segment !== '' && segment !== '.');
  if (segments.includes('..')) return refuse('OUTSIDE_ROOT', 'the path climbs out of the renderer folder');
  const lexical = resolve(root, ...(segments.length === 0 ? ['index.html'] : segments));
  if (!isInside(resolve(root), lexical))
    return refuse('OUTSIDE_ROOT', 'the path names something outside the renderer folder');

  let realRoot: string;
  let realFile: string;
  try {
    realRoot = await fsp.realpath(root);
    realFile = await fsp.realpath(lexical);
  } catch {
    return refuse('NOT_FOUND', 'no such file');
  }
  // A symlink inside the folder may point anywhere; only where it lands counts.
  if (!isInside(realRoot, realFile)) return refuse('OUTSIDE_ROOT', 'the file resolves outside the renderer folder');
  const info = await fsp.stat(realFile).catch(() => undefined);
  if (!info?.isFile()) return refuse('NOT_FOUND', 'not a file');
  return { ok: true, value: { path: realFile, size: info.size, contentType: contentTypeOf(realFile) } };
}
