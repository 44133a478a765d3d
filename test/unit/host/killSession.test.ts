/**
 * Kill tests for the workspace journal (issue 9, classes 7–8): a host session on a data folder
 * is killed (SIGKILL) at random moments while it switches workspaces and while it is edited; the
 * folder is then opened again, as the app does after a crash. What it shows must be exactly the
 * state after the last acknowledged request, or after the one in flight (killed between its
 * write and its answer): never an older state, never a document with another workspace's
 * wallets. The script of requests is seeded, so an unkilled run gives every state's hash.
 */
import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BuiltinCatalog } from '../../../main/host/catalog';
import { openHostSession } from '../../../main/host/session';
import { SeededRng } from '../../../shared/rng';
import { bundleChild, removeBundles } from '../../support/killHarness';
import { stateHash } from './support/stateHash';

const KILLS_PER_MODE = 100;
const REQUESTS = { loads: 30, edits: 120 } as const;
type Mode = keyof typeof REQUESTS;

let child = '';
const dirs: string[] = [];

beforeAll(async () => {
  child = await bundleChild(join(import.meta.dirname, 'support', 'sessionChild.ts'));
}, 60_000);

afterAll(async () => {
  await removeBundles();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

interface Run {
  readonly ready?: string;
  readonly acks: readonly { index: number; hash: string; outcome: string }[];
  readonly methods: readonly string[];
  readonly sent: number;
  readonly stderr: string;
  readonly code: number | null;
  /** Milliseconds from the ready line to the end of the process. */
  readonly workedMs: number;
}

function freshDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'txlab-kill-'));
  dirs.push(dir);
  return dir;
}

/**
 * Runs the child and kills it: `startup` ms after it starts, or `afterReady` ms after it says it
 * is ready (neither: let it finish).
 */
function runChild(
  dir: string,
  mode: Mode,
  seed: number,
  kill: { startup?: number; afterReady?: number } = {},
  requests: number = REQUESTS[mode],
): Promise<Run> {
  return new Promise((resolve) => {
    const proc = spawn(process.execPath, [child, dir, mode, String(seed), String(requests)], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let stderr = '';
    let readyAt = 0;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const killIn = (ms: number): void => {
      timer = setTimeout(() => proc.kill('SIGKILL'), ms);
    };
    proc.stdout.on('data', (d: Buffer) => {
      const first = !out.includes('ready ');
      out += d.toString('utf8');
      if (first && out.includes('ready ')) {
        readyAt = performance.now();
        if (kill.afterReady !== undefined) killIn(kill.afterReady);
      }
    });
    proc.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
    if (kill.startup !== undefined) killIn(kill.startup);
    proc.on('close', (code) => {
      if (timer) clearTimeout(timer);
      const lines = out.split('\n');
      const ready = lines.find((l) => l.startsWith('ready '))?.split(' ')[1];
      const acks = lines
        .filter((l) => l.startsWith('ack '))
        .map((l) => ({ index: Number(l.split(' ')[1]), hash: l.split(' ')[2]!, outcome: l.split(' ')[3]! }));
      const methods = lines.filter((l) => l.startsWith('send ')).map((l) => l.split(' ')[2]!);
      resolve({
        ...(ready ? { ready } : {}),
        acks,
        methods,
        sent: methods.length,
        stderr,
        code,
        workedMs: readyAt ? performance.now() - readyAt : 0,
      });
    });
  });
}

/** What the folder shows when the app opens it again. */
async function reopen(dir: string): Promise<{ hash: string; log: string[] }> {
  const log: string[] = [];
  const opened = await openHostSession({
    dataDir: dir,
    mode: 'headless',
    version: 'kill-test',
    seed: 7,
    catalog: new BuiltinCatalog(),
    log: (l) => log.push(l),
  });
  if (!opened.ok) throw new Error(`the data folder does not open: ${opened.error.message}`);
  const hash = await stateHash(opened.value);
  return { hash, log };
}

async function killRounds(mode: Mode): Promise<void> {
  const seed = mode === 'loads' ? 11 : 12;
  // A data folder after its first start, copied for every run: each child then starts as the
  // app does after a restart (a first start's keystore is slower to make, and random).
  const template = freshDir();
  const first = await runChild(template, mode, seed, {}, 0);
  expect(first.code, first.stderr).toBe(0);
  const copyOfTemplate = (): string => {
    const dir = freshDir();
    cpSync(template, dir, { recursive: true });
    return dir;
  };
  // The unkilled run: every state the script passes through, in order.
  const reference = await runChild(copyOfTemplate(), mode, seed);
  expect(reference.code, reference.stderr).toBe(0);
  expect(reference.acks.length).toBe(REQUESTS[mode]);
  // The script must change both files the journal keeps together: documents and wallets.
  const succeeded = (method: string) =>
    reference.methods.filter((m, i) => m === method && reference.acks[i]!.outcome === 'ok').length;
  if (mode === 'edits') expect(succeeded('wallet.rename') + succeeded('lesson.goto')).toBeGreaterThan(5);
  else expect(succeeded('scenario.load') + succeeded('workspace.import')).toBeGreaterThan(10);
  const states = [reference.ready!, ...reference.acks.map((a) => a.hash)];
  const rng = new SeededRng(seed * 1000);
  const outcome = { kills: 0, beforeReady: 0, lastAcknowledged: 0, inFlight: 0, midRequest: 0 };
  const lanes = 2;
  // One kill in ten while the session starts (a restart that recovers the folder); the rest
  // while it works, spread over the time the unkilled script took (less a margin: a child on a
  // busy machine can be quicker than the reference run).
  const window = reference.workedMs * 0.8;
  const queue = Array.from({ length: KILLS_PER_MODE }, (_, i) =>
    i % 10 === 0
      ? { startup: Math.floor(rng.nextFloat() * 900) }
      : { afterReady: Math.floor(rng.nextFloat() * window) },
  );
  await Promise.all(
    Array.from({ length: lanes }, async () => {
      for (let kill = queue.shift(); kill !== undefined; kill = queue.shift()) {
        const dir = copyOfTemplate();
        const run = await runChild(dir, mode, seed, kill);
        if (run.code === 0) continue; // finished before the kill: nothing to learn
        outcome.kills++;
        const { hash } = await reopen(dir);
        if (run.ready === undefined) {
          // Killed while starting (while it restores the folder): the folder still shows what it held.
          outcome.beforeReady++;
          expect(hash).toBe(states[0]);
          continue;
        }
        // The last acknowledged state, or the one of the request in flight.
        const acked = run.acks.length;
        const allowed = [states[acked]!, ...(run.sent > acked ? [states[acked + 1]!] : [])];
        expect(
          allowed,
          `${mode}: killed after ${acked} acknowledged requests (${run.sent} sent), the folder shows ${hash}`,
        ).toContain(hash);
        if (run.sent > acked) outcome.midRequest++;
        if (hash === states[acked]) outcome.lastAcknowledged++;
        else outcome.inFlight++;
      }
    }),
  );
  console.log(`kill test (${mode}): ${JSON.stringify(outcome)}`);
  expect(outcome.kills).toBeGreaterThanOrEqual(KILLS_PER_MODE * 0.8);
  // Most kills must land while a request is being served, or the test proves little.
  expect(outcome.midRequest).toBeGreaterThan(KILLS_PER_MODE / 2);
}

describe('a host session killed at random moments', () => {
  it(
    `switching workspaces (${KILLS_PER_MODE} kills): the folder shows the last acknowledged workspace with its own wallets`,
    () => killRounds('loads'),
    600_000,
  );
  it(`being edited (${KILLS_PER_MODE} kills): every acknowledged edit survives`, () => killRounds('edits'), 600_000);
});
