/**
 * The one resolver both servers use (Electron's app:// handler and browser mode's HTTP server):
 * a request path becomes a file inside the renderer folder, or a refusal with a code.
 */
import { rmSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contentTypeOf, isInside, resolveRendererFile } from '../../../main/security/rendererFiles';
import { makeRendererFixture } from './rendererFixture';

describe('resolveRendererFile', () => {
  let dir: string;
  let rendererDir: string;

  beforeAll(() => {
    ({ dir, rendererDir } = makeRendererFixture());
  });

  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  const code = async (pathname: string): Promise<string> => {
    const result = await resolveRendererFile(rendererDir, pathname);
    return result.ok ? 'OK' : result.error.code;
  };

  it('serves index.html for / and the files under the folder, with their types', async () => {
    expect(await resolveRendererFile(rendererDir, '/')).toEqual({
      ok: true,
      value: { path: join(rendererDir, 'index.html'), size: 35, contentType: 'text/html; charset=utf-8' },
    });
    const script = await resolveRendererFile(rendererDir, '/assets/app.js');
    expect(script).toMatchObject({
      ok: true,
      value: { path: join(rendererDir, 'assets', 'app.js'), contentType: 'text/javascript; charset=utf-8' },
    });
    expect(await resolveRendererFile(rendererDir, '/assets/app%2ecss')).toMatchObject({
      ok: true,
      value: { contentType: 'text/css; charset=utf-8' },
    });
  });

  it('follows a symlink that stays inside the folder, and answers with the real path', async () => {
    expect(await resolveRendererFile(rendererDir, '/same-assets/app.js')).toMatchObject({
      ok: true,
      value: { path: join(rendererDir, 'assets', 'app.js') },
    });
  });

  it('serves from a renderer folder that is itself reached through a symlink', async () => {
    const linked = join(dir, 'renderer-link');
    symlinkSync(rendererDir, linked);
    expect(await resolveRendererFile(linked, '/assets/app.js')).toMatchObject({
      ok: true,
      value: { path: join(rendererDir, 'assets', 'app.js') },
    });
  });

  it('refuses a symlink inside the folder that leads outside it (file or directory, absolute or relative)', async () => {
    expect(await code('/leak.txt')).toBe('OUTSIDE_ROOT');
    expect(await code('/assets/relative-leak.js')).toBe('OUTSIDE_ROOT');
    expect(await code('/private-dir/key.txt')).toBe('OUTSIDE_ROOT');
  });

  it('refuses `..` however it is spelled, before asking the file system', async () => {
    for (const pathname of [
      '/../secret.txt',
      '/assets/../../secret.txt',
      '/%2e%2e/secret.txt',
      '/assets/..%2f..%2fsecret.txt',
      '/.%2E/secret.txt',
      '/assets/%2E%2E/%2e%2e/secret.txt',
    ]) {
      expect(await code(pathname), pathname).toBe('OUTSIDE_ROOT');
    }
  });

  it('refuses a NUL, a backslash and broken percent-encoding', async () => {
    for (const pathname of [
      '/assets/%00',
      '/index.html%00.js',
      '/..%5c..%5csecret.txt',
      '/assets\\app.js',
      '/%E0%A4%A',
      '/%',
    ]) {
      expect(await code(pathname), pathname).toBe('BAD_PATH');
    }
  });

  it('answers NOT_FOUND for what is not a regular file inside', async () => {
    expect(await code('/nope.js')).toBe('NOT_FOUND');
    expect(await code('/assets/folder')).toBe('NOT_FOUND');
    expect(await code('/assets/')).toBe('NOT_FOUND');
    expect(await code('/dangling.js')).toBe('NOT_FOUND');
  });

  it('knows inside from outside by path segments, not string prefixes', () => {
    expect(isInside('/srv/r', '/srv/r/index.html')).toBe(true);
    expect(isInside('/srv/r', '/srv/r')).toBe(false);
    expect(isInside('/srv/r', '/srv/renderer-evil/index.html')).toBe(false);
    expect(isInside('/srv/r', '/srv/r/..foo')).toBe(true); // a file named "..foo" is still inside
    expect(isInside('/srv/r', '/etc/passwd')).toBe(false);
  });

  it('gives unknown extensions a type no browser runs', () => {
    expect(contentTypeOf('/x/a.JS')).toBe('text/javascript; charset=utf-8');
    expect(contentTypeOf('/x/a.exe')).toBe('application/octet-stream');
    expect(contentTypeOf('/x/noext')).toBe('application/octet-stream');
  });
});
