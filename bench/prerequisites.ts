/**
 * What the browser modules (ui, lessons) need besides Node: the built renderer and Chromium. On a
 * fresh clone the renderer is built here, once; a prerequisite that cannot be had skips the
 * module with one line saying how to run it, and the other modules still report.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type ServedPage, startWorkerHost, type WorkerHost } from '../main/host/workerHost';
import { DEFAULT_RENDERER_DIR } from '../main/web';
import { findChromium } from '../test/e2e/helpers/chromium';

/** A prerequisite is absent: the module is skipped, and the message says what to do. */
export class MissingPrerequisite extends Error {}

export interface BrowserPrerequisites {
  readonly rendererDir: string;
  readonly executablePath: string;
}

export function browserPrerequisites(): BrowserPrerequisites {
  if (!existsSync(join(DEFAULT_RENDERER_DIR, 'index.html'))) {
    process.stderr.write('  no built renderer yet: building it (npm run build)…\n');
    // The build's own output goes to stderr, so stdout stays the report.
    const built = spawnSync('npm', ['run', '--silent', 'build'], { stdio: ['ignore', 2, 2] });
    if (built.status !== 0 || !existsSync(join(DEFAULT_RENDERER_DIR, 'index.html'))) {
      throw new MissingPrerequisite(
        '`npm run build` did not produce the renderer; fix the build, then run `npm run bench:ui`',
      );
    }
  }
  let executablePath: string;
  try {
    executablePath = findChromium();
  } catch (error) {
    throw new MissingPrerequisite(
      `${error instanceof Error ? error.message : String(error)} Then run \`npm run bench:ui\`.`,
    );
  }
  return { rendererDir: DEFAULT_RENDERER_DIR, executablePath };
}

/** Browser mode as `npm run web` runs it, in a fresh data folder: the host's worker serves the page. */
export async function startServedHost(
  rendererDir: string,
  name: string,
): Promise<{ readonly host: WorkerHost; readonly web: ServedPage; close(): Promise<void> }> {
  const dataDir = mkdtempSync(join(tmpdir(), `txlab-bench-${name}-`));
  const started = await startWorkerHost({ dataDir, mode: 'browser', version: 'bench', seed: 5, web: { rendererDir } });
  if (!started.ok) throw new Error(started.error.message);
  const host = started.value;
  if (!host.web) throw new Error('the host started without its web server');
  return {
    host,
    web: host.web,
    async close() {
      await host.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
