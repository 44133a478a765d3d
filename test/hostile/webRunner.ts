/**
 * Browser mode as the page sees it: the bundled server (the host's worker serving browser mode, and the real
 * host worker) started as a subprocess under strace with its own data folder, the token read from
 * the URL it prints, and the contract spoken over its WebSocket with `ws`.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { WebSocket } from 'ws';
import type { Sandbox } from './sandbox';
import { readTrace, STRACE, straceArgs, violations, type Violation } from './trace';

export interface ContractError {
  readonly code: string;
  readonly message: string;
  readonly path?: string;
  readonly detail?: string;
}
export type Answer =
  { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly error: ContractError };

/** One socket to the host: requests by id, transport.error events for messages without one. */
export class HostClient {
  private nextId = 1_000_000;
  private readonly pending = new Map<number, (a: Answer) => void>();
  private readonly transportErrors: ((e: ContractError) => void)[] = [];
  closed = false;

  private constructor(private readonly ws: WebSocket) {
    ws.on('message', (data: Buffer) => {
      const message = JSON.parse(data.toString('utf8')) as {
        kind: string;
        id?: number;
        result?: Answer;
        event?: string;
        payload?: ContractError;
      };
      if (message.kind === 'result' && message.id !== undefined) {
        this.pending.get(message.id)?.(message.result!);
        this.pending.delete(message.id);
      } else if (message.kind === 'event' && message.event === 'transport.error') {
        this.transportErrors.shift()?.(message.payload!);
      }
    });
    ws.on('close', () => {
      this.closed = true;
      for (const settle of this.pending.values())
        settle({ ok: false, error: { code: 'SOCKET_CLOSED', message: 'the socket closed before the answer' } });
      this.pending.clear();
    });
  }

  static open(port: number, token: string): Promise<HostClient> {
    const origin = `http://127.0.0.1:${port}`;
    const ws = new WebSocket(`ws://127.0.0.1:${port}/ws?token=${token}`, { origin, maxPayload: 256 * 1024 * 1024 });
    return new Promise((resolve, reject) => {
      ws.once('open', () => resolve(new HostClient(ws)));
      ws.once('error', reject);
    });
  }

  call(method: string, params: unknown): Promise<Answer> {
    const id = this.nextId++;
    return this.sendFrame(JSON.stringify({ kind: 'invoke', id, method, params }), id);
  }

  /** A frame as the corpus wrote it; answered by its id, or (without a readable id) by a transport.error event. */
  sendFrame(text: string, id: number | undefined): Promise<Answer> {
    return new Promise((resolve) => {
      if (id === undefined) this.transportErrors.push((error) => resolve({ ok: false, error }));
      else this.pending.set(id, resolve);
      this.ws.send(text);
    });
  }

  close(): void {
    this.ws.close();
  }
}

export interface WebServer {
  readonly port: number;
  readonly token: string;
  readonly pid: number;
  readonly dataDir: string;
  readonly pageDir: string;
  readonly traceFile: string;
  readonly log: () => string;
  /** Peak of the host process's resident memory since the last call, in MB (sampled every 20 ms). */
  sampleRss(): { peak: number; now: number };
  resetPeak(): void;
  violations(): Violation[];
  stop(): Promise<void>;
}

function rssMb(pid: number): number {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : 0;
  } catch {
    return 0;
  }
}

export async function startWebServer(sandbox: Sandbox, bundle: string, name: string): Promise<WebServer> {
  const dataDir = sandbox.dir(`${name}/data`);
  const pageDir = sandbox.dir(`${name}/page`);
  const traceFile = join(sandbox.dir(name), 'strace.txt');
  const child: ChildProcess = spawn(STRACE, [...straceArgs(traceFile), process.execPath, bundle, dataDir, pageDir], {
    cwd: dataDir,
    env: sandbox.childEnv(),
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let out = '';
  let log = '';
  child.stderr!.on('data', (b: Buffer) => void (log = (log + b.toString('utf8')).slice(-20_000)));
  const ready = await new Promise<{ port: number; token: string; pid: number }>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`the browser-mode server did not start within 30 s: ${log}`)),
      30_000,
    );
    child.stdout!.on('data', (b: Buffer) => {
      out += b.toString('utf8');
      const url = /TxLab \(browser mode\): (http:\/\/127\.0\.0\.1:(\d+)\/#token=([0-9a-f]+))\n/.exec(out);
      const pid = /\npid (\d+)\n/.exec(out);
      if (url && pid) {
        clearTimeout(timer);
        resolve({ port: Number(url[2]), token: url[3]!, pid: Number(pid[1]) });
      }
    });
    child.once('exit', (code) => reject(new Error(`the browser-mode server exited (${code}): ${log}`)));
  });
  let peak = 0;
  const sampler = setInterval(() => void (peak = Math.max(peak, rssMb(ready.pid))), 20);
  // Node looks for a package that node_modules lacks (ws's optional bufferutil) in the home's global folders too.
  const globalFolders = ['.node_modules', '.node_libraries'].map((f) => join(sandbox.home, f));
  const rules = {
    bait: sandbox.baitPaths,
    sandboxRoot: sandbox.root,
    allowedInSandbox: [dataDir, pageDir, ...globalFolders],
    program: process.execPath,
  };
  return {
    ...ready,
    dataDir,
    pageDir,
    traceFile,
    log: () => log,
    sampleRss: () => ({ peak: Math.max(peak, rssMb(ready.pid)), now: rssMb(ready.pid) }),
    resetPeak: () => void (peak = rssMb(ready.pid)),
    violations: () => violations(readTrace(traceFile), rules),
    async stop() {
      clearInterval(sampler);
      const exited = new Promise<void>((done) => child.once('exit', () => done()));
      try {
        process.kill(ready.pid, 'SIGTERM');
      } catch {
        // already gone
      }
      const timer = setTimeout(() => {
        try {
          process.kill(-child.pid!, 'SIGKILL');
        } catch {
          // already gone
        }
      }, 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/**
 * Every file of a folder with the SHA-256 of its bytes: equal maps mean byte-identical folders.
 * A file that goes while it is read (an atomic write's temporary file) is recorded as such, so
 * a folder being written to never compares equal to a quiet one.
 */
export function hashTree(dir: string): Map<string, string> {
  const hashes = new Map<string, string>();
  const walk = (d: string, rel: string): void => {
    for (const entry of readdirSync(d).sort()) {
      const path = join(d, entry);
      const name = rel ? `${rel}/${entry}` : entry;
      try {
        if (statSync(path).isDirectory()) walk(path, name);
        else hashes.set(name, createHash('sha256').update(readFileSync(path)).digest('hex'));
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
        hashes.set(name, 'vanished while read');
      }
    }
  };
  walk(dir, '');
  return hashes;
}

export function treeDifferences(before: Map<string, string>, after: Map<string, string>): string[] {
  const names = new Set([...before.keys(), ...after.keys()]);
  return [...names]
    .filter((n) => before.get(n) !== after.get(n))
    .map((n) => (!before.has(n) ? `${n} appeared` : !after.has(n) ? `${n} disappeared` : `${n} changed`));
}
