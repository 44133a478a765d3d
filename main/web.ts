/**
 * Browser mode: the built renderer and the host's WebSocket on one loopback HTTP server, so TxLab
 * runs in an ordinary browser (and end-to-end tests drive the real UI) where no Electron binary is.
 *
 *   npm run web [-- --port 8123] [-- --no-build] [-- --data DIR] [-- --daemon PATH]
 *
 * Prints one line on stdout: the URL to open, with this launch's token in the fragment
 * (`#token=…`), which browsers never send to servers, so it never reaches a log.
 * Importable: tests call `startWebServer` in-process.
 */
import { createServer } from 'node:http';
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { z } from 'zod';
import type { HostEndpoint } from '../shared/contract/wire';
import { buildIfStale } from './browserMode/build';
import { createStaticHandler } from './browserMode/staticFiles';
import { startWorkerHost } from './host/workerHost';
import { loopbackAuthorities, loopbackOrigins } from './security/loopbackHost';
import { LOOPBACK_HOST, listenOnLoopback } from './transport/loopback';
import { attachWebSocketTransport, createToken, type WebSocketTransport } from './transport/websocket';

export const REPO_ROOT = resolve(import.meta.dirname, '..');
export const DEFAULT_RENDERER_DIR = join(REPO_ROOT, 'out', 'renderer');

export interface WebServerOptions {
  /** The host the page talks to (the stub until the real host is plugged in). */
  readonly host: HostEndpoint;
  /** 0 or absent: a free port chosen by the OS. */
  readonly port?: number;
  readonly rendererDir: string;
  /** Refused connections and transport trouble; silent when absent. */
  readonly log?: (line: string) => void;
}

export interface WebServer {
  /** The page to open, token included: `http://127.0.0.1:<port>/#token=<hex>`. */
  readonly url: string;
  readonly token: string;
  readonly port: number;
  close(): Promise<void>;
}

export async function startWebServer(options: WebServerOptions): Promise<WebServer> {
  if (!existsSync(join(options.rendererDir, 'index.html'))) {
    // A caller's mistake, not a runtime condition: say exactly what is missing and how to make it.
    throw new Error(`${join(options.rendererDir, 'index.html')} not found: run \`npm run build\` first`);
  }
  const token = createToken();
  let port = 0;
  const origin = (): string => `http://${LOOPBACK_HOST}:${port}`;
  const server = createServer(
    createStaticHandler({ rendererDir: options.rendererDir, allowedHosts: () => loopbackAuthorities(port) }),
  );
  const transport: WebSocketTransport = attachWebSocketTransport(server, {
    host: options.host,
    token,
    allowedHosts: () => loopbackAuthorities(port),
    allowedOrigins: () => loopbackOrigins(port),
    ...(options.log ? { log: options.log } : {}),
  });
  try {
    port = (await listenOnLoopback(server, options.port ?? 0)).port;
  } catch (error) {
    await transport.close();
    throw error;
  }
  return {
    url: `${origin()}/#token=${token}`,
    token,
    port,
    close: async () => {
      await transport.close();
      server.closeAllConnections();
      await new Promise<void>((done) => server.close(() => done()));
    },
  };
}

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
  });
  if (!started.ok) throw new Error(started.error.message);
  const host = started.value;
  const web = await startWebServer({
    host,
    port: args.port,
    rendererDir: DEFAULT_RENDERER_DIR,
    log: (line) => process.stderr.write(`${line}\n`),
  });
  process.stdout.write(`TxLab (browser mode): ${web.url}\n`);
  const stop = (): void => {
    void web
      .close()
      .then(() => host.close())
      .then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main(process.argv.slice(2)).catch((error: unknown) => {
    process.stderr.write(`txlab web: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}
