/**
 * The bait a hostile file may try to use, and the traps that tell whether it did:
 *
 * - fake `litecoind`/`bitcoind` (and -cli) first on PATH, and a fake daemon at the path the files
 *   name: each writes a marker file if it is ever run;
 * - a secret cookie file and a secret file outside any workspace (file-access tracing must never
 *   see them opened);
 * - a capture HTTP server on 127.0.0.1 that records every connection (the URL files point at).
 */
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import type { CorpusEnv } from './corpus/sink';

export interface Capture {
  readonly remote: string;
  readonly firstBytes: string;
}

export interface Sandbox {
  readonly root: string;
  /** The processes' home folder (inside the sandbox, so nothing of the real one is touched). */
  readonly home: string;
  readonly env: CorpusEnv;
  /** Every path a file may name: none of them may be opened, executed or connected to. */
  readonly baitPaths: readonly string[];
  /** The fake node programs (on PATH and at the bait path). */
  readonly fakeDaemons: readonly string[];
  readonly capturePort: number;
  /** Environment for the processes under test: the fake daemons first on PATH, a home of their own. */
  childEnv(): NodeJS.ProcessEnv;
  /** Marker files written by fake daemons that ran. */
  markers(): string[];
  /** Connections the capture server received. */
  captures(): readonly Capture[];
  /** A fresh folder inside the sandbox. */
  dir(name: string): string;
  close(): Promise<void>;
}

function fakeDaemon(path: string, markers: string): void {
  // Written so that running it leaves evidence even if it is killed at once.
  writeFileSync(path, `#!/bin/sh\necho "$0 $*" > "${markers}/ran-$(basename "$0")-$$"\nexit 1\n`);
  chmodSync(path, 0o755);
}

export async function createSandbox(): Promise<Sandbox> {
  const root = mkdtempSync(join(tmpdir(), 'txlab-hostile-'));
  const markers = join(root, 'markers');
  const pathBin = join(root, 'path-bin');
  const bait = join(root, 'bait');
  const home = join(root, 'home');
  for (const d of [markers, pathBin, join(bait, 'opt', 'bin'), home]) mkdirSync(d, { recursive: true });

  const fakeDaemons = ['litecoind', 'bitcoind', 'litecoin-cli', 'bitcoin-cli'].map((name) => join(pathBin, name));
  const baitDaemon = join(bait, 'opt', 'bin', 'litecoind');
  for (const path of [...fakeDaemons, baitDaemon]) fakeDaemon(path, markers);
  const baitCookie = join(bait, '.cookie');
  writeFileSync(baitCookie, '__cookie__:5ec7e7-c00k1e-never-sent\n');
  const baitSecret = join(bait, 'secret.txt');
  writeFileSync(baitSecret, 'a secret outside the workspace\n');

  const captures: Capture[] = [];
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    const entry = { remote: `${socket.remoteAddress}:${socket.remotePort}`, firstBytes: '' };
    captures.push(entry);
    socket.on('data', (b: Buffer) => {
      if (entry.firstBytes.length < 200) entry.firstBytes += b.toString('latin1').slice(0, 200);
    });
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => {});
    // Answer nothing: a client waits, and the connection is what counts.
  });
  const capturePort = await new Promise<number>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      resolve(typeof address === 'object' && address ? address.port : 0);
    });
  });

  const env: CorpusEnv = { baitDaemon, baitCookie, baitSecret, captureUrl: `http://127.0.0.1:${capturePort}/` };
  return {
    root,
    home,
    env,
    baitPaths: [baitDaemon, baitCookie, baitSecret, ...fakeDaemons],
    fakeDaemons: [...fakeDaemons, baitDaemon],
    capturePort,
    childEnv: () => ({
      ...process.env,
      PATH: `${pathBin}${delimiter}${process.env['PATH'] ?? ''}`,
      HOME: home,
      NODE_OPTIONS: '',
    }),
    markers: () => readdirSync(markers),
    captures: () => captures,
    dir(name) {
      const d = join(root, name);
      mkdirSync(d, { recursive: true });
      return d;
    },
    async close() {
      for (const s of sockets) s.destroy();
      await new Promise<void>((done) => server.close(() => done()));
      rmSync(root, { recursive: true, force: true });
    },
  };
}
