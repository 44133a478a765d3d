/** A throwaway renderer folder for the file-serving tests (no build needed). */
import { mkdirSync, mkdtempSync, realpathSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const SECRET = 'outside the renderer';

/** A renderer folder with symlinks that stay inside it and symlinks that lead out. */
export function makeRendererFixture(): { dir: string; rendererDir: string } {
  const dir = realpathSync(mkdtempSync(join(tmpdir(), 'txlab-files-')));
  const rendererDir = join(dir, 'renderer');
  mkdirSync(join(rendererDir, 'assets', 'folder'), { recursive: true });
  mkdirSync(join(dir, 'private'));
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>TxLab</title>');
  writeFileSync(join(rendererDir, 'assets', 'app.js'), 'console.log(1)');
  writeFileSync(join(rendererDir, 'assets', 'app.css'), 'body{}');
  writeFileSync(join(dir, 'secret.txt'), SECRET);
  writeFileSync(join(dir, 'private', 'key.txt'), SECRET);
  symlinkSync(join(dir, 'secret.txt'), join(rendererDir, 'leak.txt'));
  symlinkSync('../../secret.txt', join(rendererDir, 'assets', 'relative-leak.js'));
  symlinkSync(join(dir, 'private'), join(rendererDir, 'private-dir'));
  symlinkSync(join(rendererDir, 'assets'), join(rendererDir, 'same-assets'));
  symlinkSync(join(rendererDir, 'missing.js'), join(rendererDir, 'dangling.js'));
  return { dir, rendererDir };
}
