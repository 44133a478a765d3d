/**
 * Browser mode's loopback HTTP server: the built renderer's files and the host's WebSocket on one
 * port, with this launch's token. The product runs it inside the host's worker thread
 * (`startWorkerHost({ web })`), so a request goes from the page's socket to the host and back
 * without crossing the main thread; tests also start it around any HostEndpoint (a stub host).
 */
import { createServer } from 'node:http';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { HostEndpoint } from '../../shared/contract/wire';
import { loopbackAuthorities, loopbackOrigins } from '../security/loopbackHost';
import { LOOPBACK_HOST, listenOnLoopback } from '../transport/loopback';
import { attachWebSocketTransport, createToken, type WebSocketTransport } from '../transport/websocket';
import { createStaticHandler } from './staticFiles';

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
