/** `npm run web` builds only when out/renderer is missing or older than the sources it comes from. */
import { spawn } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/** What the renderer bundle is made of; a change to any of these makes the build stale. */
const SOURCES = ['renderer', 'shared/contract', 'main/security/csp.ts', 'electron.vite.config.ts', 'package.json'];

function newestMtime(path: string): number {
  const info = statSync(path, { throwIfNoEntry: false });
  if (!info) return 0;
  if (!info.isDirectory()) return info.mtimeMs;
  let newest = info.mtimeMs;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}

export function isBuildStale(root: string): boolean {
  const built = statSync(join(root, 'out', 'renderer', 'index.html'), { throwIfNoEntry: false });
  if (!built) return true;
  return SOURCES.some((source) => newestMtime(join(root, source)) > built.mtimeMs);
}

/** Runs `electron-vite build` when stale; its chatter is shown only if it fails. */
export async function buildIfStale(root: string, log: (line: string) => void): Promise<void> {
  if (!isBuildStale(root)) return;
  log('Building TxLab (out/ is missing or older than the sources)…');
  const require = createRequire(join(root, 'package.json'));
  const cli = join(dirname(require.resolve('electron-vite/package.json')), 'bin', 'electron-vite.js');
  const output: Buffer[] = [];
  const code = await new Promise<number | null>((resolve, reject) => {
    const child = spawn(process.execPath, [cli, 'build'], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.on('data', (chunk: Buffer) => output.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => output.push(chunk));
    child.on('error', reject);
    child.on('close', resolve);
  });
  if (code !== 0)
    throw new Error(`electron-vite build failed (exit ${String(code)}):\n${Buffer.concat(output).toString('utf8')}`);
}
