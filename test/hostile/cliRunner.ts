/**
 * One case through the bundled `txlab` as a subprocess, under `/usr/bin/time` (wall time, peak
 * RSS) and strace (files, programs, connections), in a folder of its own inside the sandbox.
 * A run over its budget is killed at 1.5 times the budget, so a runaway case cannot hold CI.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { VALID_FILE } from './corpus/commands';
import type { CliCase, FileCase, SpecialFileCase } from './corpus/types';
import type { Sandbox } from './sandbox';
import { readTrace, STRACE, straceArgs, TIME, violations, type Violation } from './trace';

export interface CliRun {
  readonly exit: number | null;
  readonly signal: string | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly seconds: number;
  readonly mb: number;
  readonly killed: boolean;
  readonly violations: readonly Violation[];
}

const MAX_OUTPUT = 4_000_000;

interface Prepared {
  readonly args: string[];
  readonly dir: string;
  readonly helper?: ChildProcess;
}

/** The case's folder, its file and arguments; special files are made here (a FIFO and its writer). */
function prepare(c: FileCase | SpecialFileCase | CliCase, sandbox: Sandbox, validFile: string): Prepared {
  const dir = sandbox.dir(join('cases', c.id));
  if (c.kind === 'file') {
    const file = join(dir, `${c.id}.json`);
    writeFileSync(file, c.text);
    return { args: ['run', file], dir };
  }
  if (c.kind === 'cli') return { args: c.args.map((a) => (a === VALID_FILE ? validFile : a)), dir };
  switch (c.special) {
    case 'dev-zero':
      return { args: ['run', '/dev/zero'], dir };
    case 'directory': {
      const folder = join(dir, 'a-folder.json');
      mkdirSync(folder);
      return { args: ['run', folder], dir };
    }
    case 'not-utf8': {
      const file = join(dir, 'latin1.json');
      writeFileSync(file, Buffer.from([0x7b, 0x22, 0x66, 0xff, 0xfe, 0xc0, 0x80, 0x22, 0x3a, 0x31, 0x7d]));
      return { args: ['run', file], dir };
    }
    case 'fifo-silent':
    case 'fifo-endless': {
      const fifo = join(dir, 'pipe.json');
      const made = spawnSync('mkfifo', [fifo]);
      if (made.status !== 0) throw new Error(`mkfifo failed: ${made.stderr.toString()}`);
      // The writer is a process of its own: an open for writing blocks until a reader comes.
      const helper =
        c.special === 'fifo-endless'
          ? spawn('sh', ['-c', `cat /dev/zero > '${fifo}'`], { stdio: 'ignore', detached: true })
          : undefined;
      return { args: ['run', fifo], dir, ...(helper ? { helper } : {}) };
    }
  }
}

function feed(child: ChildProcess, stdin: CliCase['stdin']): void {
  const sink = child.stdin;
  if (!sink) return;
  sink.on('error', () => {}); // the command may stop reading early (EPIPE)
  if (stdin === undefined) return void sink.end();
  if (typeof stdin === 'string') return void sink.end(stdin);
  const chunk = Buffer.alloc(1 << 16, stdin.fill);
  let left = stdin.repeat * Buffer.byteLength(stdin.fill);
  const pump = (): void => {
    while (left > 0) {
      const piece = left >= chunk.length ? chunk : chunk.subarray(0, left);
      left -= piece.length;
      if (!sink.write(piece)) return void sink.once('drain', pump);
    }
    sink.end(stdin.then);
  };
  pump();
}

function killGroup(child: ChildProcess): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, 'SIGKILL');
  } catch {
    // already gone
  }
}

export async function runCliCase(
  c: FileCase | SpecialFileCase | CliCase,
  options: { bundle: string; sandbox: Sandbox; validFile: string },
): Promise<CliRun> {
  const { sandbox } = options;
  const prepared = prepare(c, sandbox, options.validFile);
  const timeFile = join(prepared.dir, 'time.txt');
  const traceFile = join(prepared.dir, 'strace.txt');
  const command = [...straceArgs(traceFile), process.execPath, options.bundle, ...prepared.args];
  const started = performance.now();
  const child = spawn(TIME, ['-f', '%e %M', '-o', timeFile, STRACE, ...command], {
    cwd: prepared.dir,
    env: sandbox.childEnv(),
    stdio: ['pipe', 'pipe', 'pipe'],
    detached: true,
  });
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  let outBytes = 0;
  let errBytes = 0;
  child.stdout.on('data', (b: Buffer) => {
    if (outBytes < MAX_OUTPUT) out.push(b);
    outBytes += b.length;
  });
  child.stderr.on('data', (b: Buffer) => {
    if (errBytes < MAX_OUTPUT) err.push(b);
    errBytes += b.length;
  });
  feed(child, c.kind === 'cli' ? c.stdin : undefined);
  let killed = false;
  const timer = setTimeout(() => {
    killed = true;
    killGroup(child);
  }, c.budget.seconds * 1_500);
  const [exit, signal] = await new Promise<[number | null, string | null]>((done) =>
    child.on('close', (code, sig) => done([code, sig])),
  );
  clearTimeout(timer);
  const wall = (performance.now() - started) / 1000;
  if (prepared.helper) killGroup(prepared.helper);

  // GNU time writes "Command exited with non-zero status N" before its figures; killed, it may write none.
  let seconds = wall;
  let mb = 0;
  try {
    const figures = /^(\d+(?:\.\d+)?) (\d+)$/m.exec(readFileSync(timeFile, 'utf8'));
    if (figures) {
      seconds = Number(figures[1]);
      mb = Number(figures[2]) / 1024;
    }
  } catch {
    // no figures: the wall clock is the figure
  }
  // time reports strace's exit status, which is node's.
  const rules = {
    bait: sandbox.baitPaths,
    sandboxRoot: sandbox.root,
    allowedInSandbox: [prepared.dir, dirname(options.validFile)],
    program: process.execPath,
  };
  return {
    exit: killed ? null : exit,
    signal: killed ? 'SIGKILL (at 1.5 times the budget)' : signal,
    stdout: Buffer.concat(out).toString('utf8'),
    stderr: Buffer.concat(err).toString('utf8'),
    seconds: killed ? wall : seconds,
    mb,
    killed,
    violations: violations(readTrace(traceFile), rules),
  };
}
