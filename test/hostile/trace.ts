/**
 * File-access tracing with strace: the processes under test run under
 * `strace -f -ttt -e trace=%file,connect`, and the trace says which files they opened, which
 * programs they executed and where they connected. Without strace these tests cannot make their
 * claims, so they fail (never skip) and say how to install it.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';

export const STRACE = '/usr/bin/strace';
export const TIME = '/usr/bin/time';

/** Throws with the fix when strace or GNU time is missing or cannot trace here. */
export function requireTracing(): void {
  if (!existsSync(STRACE)) {
    throw new Error(
      'strace is not installed: the hostile-file tests trace file access (apt-get install -y strace); they fail rather than run without it',
    );
  }
  if (!existsSync(TIME))
    throw new Error(
      'GNU time is not installed at /usr/bin/time: the hostile-file tests measure peak memory with it (apt-get install -y time)',
    );
  const probe = spawnSync(STRACE, ['-f', '-qq', '-e', 'trace=execve', '-o', '/dev/null', process.execPath, '-e', '0'], {
    encoding: 'utf8',
  });
  if (probe.status !== 0)
    throw new Error(
      `strace cannot trace here (exit ${probe.status}): ${probe.stderr.trim()} — the tests need ptrace (in a container: --cap-add SYS_PTRACE)`,
    );
}

export function straceArgs(outFile: string): string[] {
  return ['-f', '-qq', '-ttt', '-s', '512', '-e', 'trace=%file,connect', '-o', outFile];
}

export interface TraceEvent {
  readonly pid: number;
  /** Seconds since the epoch. */
  readonly time: number;
  readonly call: string;
  readonly line: string;
  /** The quoted strings of the call: its paths (and execve's arguments). */
  readonly strings: readonly string[];
}

const LINE = /^(\d+)\s+(\d+\.\d+)\s+(?:<\.\.\.\s+)?(\w+)[(\s]/;

function unquote(text: string): string {
  return text.replace(/\\x([0-9a-f]{2})|\\(["\\])/g, (_m, hex: string | undefined, c: string | undefined) =>
    hex ? String.fromCharCode(parseInt(hex, 16)) : c!,
  );
}

export function parseTrace(text: string): TraceEvent[] {
  const events: TraceEvent[] = [];
  for (const line of text.split('\n')) {
    const m = LINE.exec(line);
    if (!m) continue;
    const strings = [...line.matchAll(/"((?:[^"\\]|\\.)*)"/g)].map((s) => unquote(s[1]!));
    events.push({ pid: Number(m[1]), time: Number(m[2]), call: m[3]!, line, strings });
  }
  return events;
}

export function readTrace(file: string): TraceEvent[] {
  return parseTrace(readFileSync(file, 'utf8'));
}

export interface TraceRules {
  /** Paths nothing may touch (a bait file, a fake daemon). */
  readonly bait: readonly string[];
  /** The sandbox: inside it, only `allowedInSandbox` may be touched. */
  readonly sandboxRoot: string;
  readonly allowedInSandbox: readonly string[];
  /** The one program execve may start: node itself. */
  readonly program: string;
}

export interface Violation {
  readonly what: 'bait' | 'sandbox' | 'execve' | 'connect';
  readonly event: TraceEvent;
}

const within = (path: string, dir: string): boolean =>
  path === dir || path.startsWith(dir.endsWith('/') ? dir : `${dir}/`);

/**
 * What the trace shows the process did that it must not: touch bait, touch the sandbox outside
 * its own files, start any program but node, or connect anywhere (the processes under test
 * connect to nothing: browser mode only accepts).
 */
export function violations(events: readonly TraceEvent[], rules: TraceRules): Violation[] {
  const found: Violation[] = [];
  const execs = events.filter((e) => e.call === 'execve');
  for (const e of events) {
    if (e.call === 'execve') {
      // The first execve is strace starting node; any other is a program the process started.
      if (e !== execs[0] || e.strings[0] !== rules.program) found.push({ what: 'execve', event: e });
      continue;
    }
    if (e.strings.some((s) => rules.bait.some((b) => s.includes(b)))) {
      found.push({ what: 'bait', event: e });
      continue;
    }
    if (e.call === 'connect') {
      found.push({ what: 'connect', event: e });
      continue;
    }
    const path = e.strings[0];
    if (
      path !== undefined &&
      path.startsWith('/') &&
      within(path, rules.sandboxRoot) &&
      !rules.allowedInSandbox.some((a) => within(path, a))
    ) {
      found.push({ what: 'sandbox', event: e });
    }
  }
  return found;
}

export function describeViolation(v: Violation): string {
  return `${v.what}: ${v.event.line.slice(0, 300)}`;
}
