/**
 * Kill-test harness: start a child script, SIGKILL it at a chosen moment, and get back everything
 * it printed before it died. Reusable by any test that must survive a crash (keystore changes,
 * scenario loads, edits).
 *
 *   const script = await bundleChild(join(import.meta.dirname, 'fixtures', 'myLoop.ts'));
 *   afterEach(killChildren);                  // a failed test leaves no child running
 *   afterAll(removeBundles);
 *   const random = seededRandom(0x7e57);      // the same kill moments on every run
 *   const run = await runUntilKilled({ script, args: [dir], delayMs: random() * 40 });
 *   run.lines    // stdout lines the child printed before it died, after its "ready" line
 *   run.stderr   // '' for a healthy child
 *   run.killed   // false when the child exited by itself first (run.exitCode says how)
 *
 *   const warm = new WarmChildren(script);    // many kills: the next child loads while the test checks this one
 *   const run = await warm.runUntilKilled({ args: [dir], delayMs }); … warm.close();
 *   await forWorkers(2, (worker) => …);      // one folder per worker, so two cores kill at once
 *
 * Child protocol: take the arguments from `await childArgs()` (killChild.ts; it waits for them on
 * stdin when the child was started warm), print "ready" (or `readyLine`) when the work that may be
 * killed begins (the delay counts from then), and print each acknowledgement as one line in one
 * write. Output written before the kill is never lost: stdout is a pipe, which Node writes
 * synchronously on POSIX, and it is read until it closes. So a line such as "done 7" counts as
 * acknowledged even if the kill came a moment later.
 *
 * `bundleChild` builds the TypeScript entry once with esbuild (a vite dependency) into one ES
 * module: a child starts as a plain `node` process instead of compiling with tsx on every kill.
 * The packages it leaves out (UNBUNDLED_PACKAGES) resolve from the repo's node_modules, where the
 * bundle is written.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, rm } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { build } from 'esbuild';
import { ARGS_ON_STDIN } from './killChild';

const REPO = resolve(import.meta.dirname, '..', '..');
// One folder per loaded copy of this module (a test file), so one file's removeBundles never
// deletes another's bundle, whatever pool vitest runs the files in.
const BUNDLE_DIR = join(
  REPO,
  'node_modules',
  '.cache',
  'txlab-kill-tests',
  `${process.pid}-${randomBytes(4).toString('hex')}`,
);

/**
 * Packages left out of bundles: they read files next to their own modules (tiny-secp256k1 its
 * .wasm), or are not plain Node code. Bundling the rest (one file instead of hundreds) makes a
 * child start several times faster.
 */
export const UNBUNDLED_PACKAGES: readonly string[] = ['tiny-secp256k1', 'electron'];

const bundles = new Map<string, Promise<string>>();
const children = new Set<ChildProcessWithoutNullStreams>();

/** mulberry32: a small seeded RNG in [0, 1). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The path of a runnable bundle of `entry` (built once per test process). */
export function bundleChild(entry: string): Promise<string> {
  let bundle = bundles.get(entry);
  if (!bundle) {
    const name = `${basename(entry).replace(/\.[cm]?ts$/, '')}-${createHash('sha256').update(entry).digest('hex').slice(0, 8)}.mjs`;
    const outfile = join(BUNDLE_DIR, name);
    // CommonJS packages inside an ES module bundle call require(): give them one.
    const banner =
      "import { createRequire as __txlabCreateRequire } from 'node:module'; const require = __txlabCreateRequire(import.meta.url);";
    bundle = mkdir(BUNDLE_DIR, { recursive: true })
      .then(() =>
        build({
          entryPoints: [entry],
          outfile,
          bundle: true,
          platform: 'node',
          format: 'esm',
          target: 'node20',
          external: [...UNBUNDLED_PACKAGES],
          banner: { js: banner },
          logLevel: 'silent',
        }),
      )
      .then(() => outfile);
    bundles.set(entry, bundle);
  }
  return bundle;
}

/** Deletes this process's bundles (afterAll). */
export async function removeBundles(): Promise<void> {
  bundles.clear();
  await rm(BUNDLE_DIR, { recursive: true, force: true });
}

/** SIGKILLs every child still running, warm ones included (afterEach). */
export function killChildren(): void {
  for (const child of children) child.kill('SIGKILL');
  children.clear();
}

export interface KillRunOptions {
  /** A bundle from bundleChild (or any ES module Node can run). */
  readonly script: string;
  readonly args: readonly string[];
  /** Milliseconds from the ready line to the SIGKILL. */
  readonly delayMs: number;
  readonly readyLine?: string;
  /** Give up when the child is not ready by then (default 20 s). */
  readonly readyTimeoutMs?: number;
}

export interface KillRun {
  /** Stdout lines after the ready line, all printed before the child died. */
  readonly lines: readonly string[];
  readonly stderr: string;
  /** False when the child exited by itself before the kill. */
  readonly killed: boolean;
  readonly exitCode: number | null;
}

/** A started child whose output is being collected. */
interface Running {
  readonly child: ChildProcessWithoutNullStreams;
  readonly output: { readonly lines: string[]; stderr: string };
  readonly ready: Promise<void>;
  /** Resolves once the process is gone and its pipes are drained (so nothing printed is missed). */
  readonly closed: Promise<number | null>;
}

function start(script: string, argv: readonly string[], readyLine: string): Running {
  const child = spawn(process.execPath, [script, ...argv], { stdio: ['pipe', 'pipe', 'pipe'] });
  children.add(child);
  const output: Running['output'] = { lines: [], stderr: '' };
  let isReady = false;
  let signalReady: () => void = () => undefined;
  const ready = new Promise<void>((done) => (signalReady = done));
  let partial = '';
  child.stderr.on('data', (chunk: Buffer) => (output.stderr += chunk.toString()));
  child.stdout.on('data', (chunk: Buffer) => {
    const parts = (partial + chunk.toString()).split('\n');
    partial = parts.pop() ?? ''; // a line without its newline is dropped: children print a line in one write
    for (const line of parts) {
      if (isReady) output.lines.push(line);
      else if (line === readyLine) {
        isReady = true;
        signalReady();
      }
    }
  });
  child.stdin.on('error', () => undefined); // a child that died before reading its arguments
  const closed = new Promise<number | null>((done) => child.once('close', (code) => done(code)));
  void closed.then(() => children.delete(child));
  return { child, output, ready, closed };
}

async function killWhenReady(
  running: Running,
  options: Pick<KillRunOptions, 'delayMs' | 'readyTimeoutMs'>,
): Promise<KillRun> {
  const { child, output, closed } = running;
  let timer: NodeJS.Timeout | undefined;
  const outcome = await Promise.race([
    running.ready.then(() => 'ready' as const),
    closed.then(() => 'exited' as const),
    new Promise<'timeout'>((done) => (timer = setTimeout(() => done('timeout'), options.readyTimeoutMs ?? 20_000))),
  ]);
  clearTimeout(timer);
  if (outcome !== 'ready') {
    child.kill('SIGKILL');
    await closed;
    throw new Error(
      `the child ${outcome === 'timeout' ? 'was not ready in time' : 'exited before it was ready'}: ${output.stderr.trim()}`,
    );
  }
  await Promise.race([closed, new Promise((done) => setTimeout(done, Math.max(0, options.delayMs)))]);
  const killed = child.exitCode === null && child.signalCode === null && child.kill('SIGKILL');
  const exitCode = await closed;
  return { lines: output.lines, stderr: output.stderr, killed, exitCode };
}

/** Starts the child, waits until it is ready, SIGKILLs it `delayMs` later. Rejects when it never gets ready. */
export function runUntilKilled(options: KillRunOptions): Promise<KillRun> {
  return killWhenReady(start(options.script, options.args, options.readyLine ?? 'ready'), options);
}

/**
 * Children started one run ahead: each run takes a child that has already loaded its modules (while
 * the test checked the previous kill) and waits for its arguments. One per worker; close() at the end.
 */
export class WarmChildren {
  #spare: Running | undefined;

  constructor(
    private readonly script: string,
    private readonly readyLine = 'ready',
  ) {}

  async runUntilKilled(options: Pick<KillRunOptions, 'args' | 'delayMs' | 'readyTimeoutMs'>): Promise<KillRun> {
    const running = this.#spare ?? this.#start();
    this.#spare = undefined;
    running.child.stdin.end(`${JSON.stringify(options.args)}\n`);
    try {
      return await killWhenReady(running, options);
    } finally {
      // Started after the kill, not during the run: its loading must not slow the child being timed.
      this.#spare = this.#start();
    }
  }

  close(): void {
    this.#spare?.child.kill('SIGKILL');
    this.#spare = undefined;
  }

  #start(): Running {
    return start(this.script, [ARGS_ON_STDIN], this.readyLine);
  }
}

/** Runs `work(0)` … `work(count - 1)` at once (one folder per worker), failing with the first failure. */
export async function forWorkers(count: number, work: (worker: number) => Promise<void>): Promise<void> {
  await Promise.all(Array.from({ length: count }, (_, worker) => work(worker)));
}
