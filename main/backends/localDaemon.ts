/**
 * "Start a local node for me": a litecoind or bitcoind in regtest, in a fresh temporary datadir,
 * on ports the OS picked, bound to 127.0.0.1 only. `stop()` shuts it down (RPC `stop`, then a
 * kill after a timeout) and deletes the datadir; nodes still running when the process exits are
 * killed and their datadirs deleted too.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { constants, rmSync } from 'node:fs';
import { access, mkdtemp, readFile, rm } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { err, ok, type Result } from '../../shared/contract/result';
import type { DaemonBinary, DaemonKind } from '../host/backendChoice';
import { createRpcClient, type RpcClient } from './rpcClient';

const INSTALL_HINT =
  'install Litecoin Core with `apt-get update && apt-get install -y litecoind` (Debian), or Bitcoin Core, or pass the binary path';

/** Finds `explicitPath`, else `litecoind` then `bitcoind` on PATH (the preferred kind first). */
export async function findDaemonBinary(
  explicitPath?: string,
  prefer: DaemonKind = 'litecoind',
): Promise<Result<DaemonBinary>> {
  if (explicitPath !== undefined) {
    if (await isExecutable(explicitPath)) return ok({ path: explicitPath, kind: kindOf(explicitPath) });
    return err('BACKEND_UNAVAILABLE', `no executable node binary at ${explicitPath}; ${INSTALL_HINT}`);
  }
  const names: DaemonKind[] = prefer === 'litecoind' ? ['litecoind', 'bitcoind'] : ['bitcoind', 'litecoind'];
  const dirs = (process.env['PATH'] ?? '').split(path.delimiter).filter((d) => d.length > 0);
  for (const name of names) {
    for (const dir of dirs) {
      const candidate = path.join(dir, name);
      if (await isExecutable(candidate)) return ok({ path: candidate, kind: name });
    }
  }
  return err('BACKEND_UNAVAILABLE', `neither litecoind nor bitcoind is on PATH; ${INSTALL_HINT}`);
}

async function isExecutable(file: string): Promise<boolean> {
  try {
    await access(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

const kindOf = (binary: string): DaemonKind => (path.basename(binary).includes('litecoin') ? 'litecoind' : 'bitcoind');

/** A port the OS reports free on 127.0.0.1 (another process may still take it before the node does). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export interface LocalDaemonOptions {
  /** A binary path; default: search PATH. */
  readonly binary?: string;
  readonly prefer?: DaemonKind;
  readonly extraArgs?: readonly string[];
  /** How long to wait for the RPC to answer after start; default 60 s. */
  readonly startTimeoutMs?: number;
  /** How long `stop()` waits for a clean shutdown before killing; default 20 s. */
  readonly stopTimeoutMs?: number;
}

export interface LocalDaemon {
  readonly kind: DaemonKind;
  readonly binary: string;
  readonly datadir: string;
  readonly rpcPort: number;
  readonly p2pPort: number;
  readonly pid: number;
  readonly rpc: RpcClient;
  /** The node's debug.log, last `bytes` bytes (for failure messages). */
  logTail(bytes?: number): Promise<string>;
  stop(): Promise<void>;
}

/** Arguments for a regtest node that touches nothing outside its datadir and 127.0.0.1. */
function daemonArgs(kind: DaemonKind, datadir: string, rpcPort: number, p2pPort: number): string[] {
  const args = [
    '-regtest',
    `-datadir=${datadir}`,
    `-port=${p2pPort}`,
    `-rpcport=${rpcPort}`,
    '-server=1',
    '-bind=127.0.0.1',
    '-rpcbind=127.0.0.1',
    '-rpcallowip=127.0.0.1',
    '-listen=1',
    '-discover=0',
    '-dnsseed=0',
    '-listenonion=0',
    '-printtoconsole=0',
    '-fallbackfee=0.0001',
    '-txindex=1',
  ];
  // Litecoin: once MWEB activates, blocks need an MWEB part that generatetoaddress does not make.
  if (kind === 'litecoind') args.push('-vbparams=mweb:4102444800:4102444801');
  return args;
}

/** Daemons this process started and has not stopped yet: killed if the process exits first. */
const running = new Set<{ child: ChildProcess; datadir: string }>();
let exitHookInstalled = false;

/**
 * Kills every daemon this process started and has not stopped, and deletes their datadirs: at
 * once, without a clean RPC stop. For the last moment before the process or its worker thread
 * ends, where nothing asynchronous will run: a node left running would outlive TxLab.
 */
export function killDaemonsNow(): void {
  for (const entry of running) {
    const { child, datadir } = entry;
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    rmSync(datadir, { recursive: true, force: true });
    running.delete(entry);
  }
}

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on('exit', killDaemonsNow);
}

const BlockchainInfo = z.object({ chain: z.string(), blocks: z.number() });
const RPC_IN_WARMUP = 'RPC error -28';

export async function startLocalDaemon(options: LocalDaemonOptions = {}): Promise<Result<LocalDaemon>> {
  const binary = await findDaemonBinary(options.binary, options.prefer);
  if (!binary.ok) return binary;
  // A port picked free can be taken before the node binds it: try again with new ports.
  let last: Result<LocalDaemon> = err('BACKEND_UNAVAILABLE', 'the node did not start');
  for (let attempt = 0; attempt < 3; attempt++) {
    last = await startOnce(binary.value, options);
    if (last.ok || !/Unable to bind|Unable to start HTTP server/.test(last.error.detail ?? '')) return last;
  }
  return last;
}

async function startOnce(binary: DaemonBinary, options: LocalDaemonOptions): Promise<Result<LocalDaemon>> {
  const datadir = await mkdtemp(path.join(os.tmpdir(), `txlab-${binary.kind}-`));
  const rpcPort = await freePort();
  let p2pPort = await freePort();
  while (p2pPort === rpcPort) p2pPort = await freePort();
  const rpc = createRpcClient({
    url: `http://127.0.0.1:${rpcPort}/`,
    auth: { kind: 'cookie', cookieFile: path.join(datadir, 'regtest', '.cookie') },
  });
  if (!rpc.ok) return rpc;

  installExitHook();
  const child = spawn(
    binary.path,
    [...daemonArgs(binary.kind, datadir, rpcPort, p2pPort), ...(options.extraArgs ?? [])],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const entry = { child, datadir };
  running.add(entry);
  let output = '';
  const keep = (chunk: Buffer): void => {
    output = (output + chunk.toString('utf8')).slice(-4000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  // 'exit', or 'error' when the binary could not be started at all: either way it has ended.
  let ended: string | undefined;
  const endedPromise = new Promise<void>((resolve) => {
    child.once('exit', (code, signal) => {
      ended = `it exited (${signal ?? `code ${code}`})`;
      resolve();
    });
    child.once('error', (e) => {
      ended = `it could not be run (${e.message})`;
      resolve();
    });
  });

  const logTail = async (bytes = 4000): Promise<string> => {
    try {
      return (await readFile(path.join(datadir, 'regtest', 'debug.log'), 'utf8')).slice(-bytes);
    } catch {
      return '';
    }
  };
  const stopTimeoutMs = options.stopTimeoutMs ?? 20_000;
  let stopped: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopped ??= (async () => {
      if (ended === undefined) {
        await rpc.value.call('stop', [], z.unknown(), { timeoutMs: 5_000 });
        // The node's HTTP server waits for idle keep-alive connections before it exits: close ours now.
        rpc.value.close();
        if (!(await within(endedPromise, stopTimeoutMs))) {
          child.kill('SIGKILL');
          await within(endedPromise, 5_000);
        }
      }
      rpc.value.close();
      running.delete(entry);
      await rm(datadir, { recursive: true, force: true });
    })();
    return stopped;
  };

  const deadline = Date.now() + (options.startTimeoutMs ?? 60_000);
  for (;;) {
    if (ended !== undefined || Date.now() > deadline) {
      const why = ended ?? 'its RPC never answered';
      const log = await logTail(1500);
      await stop();
      return err('BACKEND_UNAVAILABLE', `${binary.kind} did not start: ${why}`, {
        detail: (output + '\n' + log).trim(),
      });
    }
    const info = await rpc.value.call('getblockchaininfo', [], BlockchainInfo, { timeoutMs: 2_000 });
    if (info.ok) break;
    // Not ready yet: no cookie, connection refused, or "Loading block index…" (warm-up).
    if (info.error.code === 'REJECTED' && !info.error.message.includes(RPC_IN_WARMUP)) return stopWith(stop, info);
    await sleep(100);
  }
  return ok({
    kind: binary.kind,
    binary: binary.path,
    datadir,
    rpcPort,
    p2pPort,
    pid: child.pid ?? -1,
    rpc: rpc.value,
    logTail,
    stop,
  });
}

async function stopWith<T>(stop: () => Promise<void>, result: Result<T>): Promise<Result<T>> {
  await stop();
  return result;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** True if `promise` settles within `ms`. */
async function within(promise: Promise<void>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
  });
  const result = await Promise.race([promise.then(() => true as const), timeout]);
  clearTimeout(timer);
  return result;
}

const PeerInfo = z.array(z.object({ addr: z.string(), inbound: z.boolean() }));

/** Connects `from` to `to` (`addnode … onetry`) and waits until both see the connection. */
export async function connectNodes(from: LocalDaemon, to: LocalDaemon, timeoutMs = 15_000): Promise<Result<void>> {
  const target = `127.0.0.1:${to.p2pPort}`;
  const added = await from.rpc.call('addnode', [target, 'onetry'], z.unknown());
  if (!added.ok) return added;
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const [a, b] = await Promise.all([
      from.rpc.call('getpeerinfo', [], PeerInfo),
      to.rpc.call('getpeerinfo', [], PeerInfo),
    ]);
    if (!a.ok) return a;
    if (!b.ok) return b;
    if (a.value.some((p) => p.addr === target && !p.inbound) && b.value.some((p) => p.inbound)) return ok(undefined);
    await sleep(100);
  }
  return err(
    'BACKEND_UNAVAILABLE',
    `the node on port ${from.p2pPort} could not connect to ${target} within ${timeoutMs} ms`,
  );
}

/** Starts `count` nodes and connects each to the next (a line: 0 → 1 → … → count−1). */
export async function startLocalNetwork(
  count: number,
  options: LocalDaemonOptions = {},
): Promise<Result<LocalDaemon[]>> {
  const nodes: LocalDaemon[] = [];
  let failure: Result<never> | undefined;
  for (let i = 0; i < count && !failure; i++) {
    const node = await startLocalDaemon(options);
    if (node.ok) nodes.push(node.value);
    else failure = node;
  }
  for (let i = 0; i + 1 < nodes.length && !failure; i++) {
    const connected = await connectNodes(nodes[i]!, nodes[i + 1]!);
    if (!connected.ok) failure = connected;
  }
  if (!failure) return ok(nodes);
  // All or nothing: a half-started network is stopped rather than handed out.
  await Promise.all(nodes.map((n) => n.stop()));
  return failure;
}
