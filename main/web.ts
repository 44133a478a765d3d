/**
 * Browser mode: the built renderer and the host's WebSocket on one loopback HTTP server, so TxLab
 * runs in an ordinary browser (and end-to-end tests drive the real UI) where no Electron binary is.
 *
 *   npm run web [-- --port 8123] [-- --no-build] [-- --data DIR] [-- --daemon PATH]
 *
 * Prints one line on stdout: the URL to open, with this launch's token in the fragment
 * (`#token=…`), which browsers never send to servers, so it never reaches a log. The server runs
 * in the host's worker thread (browserMode/server.ts); this process only builds, starts and stops.
 */
import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { z } from 'zod';
import { buildIfStale } from './browserMode/build';
import { startWorkerHost } from './host/workerHost';

export const REPO_ROOT = resolve(import.meta.dirname, '..');
export const DEFAULT_RENDERER_DIR = join(REPO_ROOT, 'out', 'renderer');

const packageSchema = z.object({ version: z.string().min(1) });

export function readAppVersion(): string {
  return packageSchema.parse(JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8'))).version;
}

const argsSchema = z.object({
  port: z.coerce.number().int().min(0).max(65_535).default(0),
  build: z.boolean().default(true),
  /** Where the workspace and the keystore are kept (autosave); default ~/.txlab. */
  data: z.string().min(1).default(join(homedir(), '.txlab')),
  /** Node programs the person offers for local backends (the page can only pick among offers). */
  daemons: z.array(z.string().min(1)).default([]),
});

export function parseWebArgs(argv: readonly string[]): z.infer<typeof argsSchema> {
  const raw: { port?: string; build?: boolean; data?: string; daemons: string[] } = { daemons: [] };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--no-build') raw.build = false;
    else if (arg === '--port') raw.port = argv[++i] ?? '';
    else if (arg?.startsWith('--port=')) raw.port = arg.slice('--port='.length);
    else if (arg === '--data') raw.data = argv[++i] ?? '';
    else if (arg?.startsWith('--data=')) raw.data = arg.slice('--data='.length);
    else if (arg === '--daemon') raw.daemons.push(argv[++i] ?? '');
    else if (arg?.startsWith('--daemon=')) raw.daemons.push(arg.slice('--daemon='.length));
    else throw new Error(`unknown option ${arg ?? ''} (options: --port N, --no-build, --data DIR, --daemon PATH)`);
  }
  return argsSchema.parse(raw);
}

async function main(argv: readonly string[]): Promise<void> {
  const args = parseWebArgs(argv);
  if (args.build) await buildIfStale(REPO_ROOT, (line) => process.stderr.write(`${line}\n`));
  const log = (line: string): void => void process.stderr.write(`${line}\n`);
  const started = await startWorkerHost({
    dataDir: args.data,
    mode: 'browser',
    version: readAppVersion(),
    log,
    daemons: args.daemons,
    web: { port: args.port, rendererDir: DEFAULT_RENDERER_DIR },
  });
  if (!started.ok) throw new Error(started.error.message);
  const host = started.value;
  if (!host.web) throw new Error('the host started without its web server');
  process.stdout.write(`TxLab (browser mode): ${host.web.url}\n`);
  const stop = (): void => void host.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main(process.argv.slice(2)).catch((error: unknown) => {
    process.stderr.write(`txlab web: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}
