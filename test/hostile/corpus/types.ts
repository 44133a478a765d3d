/**
 * A hostile case: what it carries, which class of issue 9 it belongs to, and which endings are
 * correct. The runners (cli.test.ts, web.test.ts) play each case and check the ending against
 * `expect`, the budget, and the sandbox (no process, no request, no bait file touched).
 */

/** The classes of issue 9 a file or an input can carry (7 and 8 are the keystore's and the kill tests'). */
export type CaseClass = 1 | 2 | 3 | 4 | 5 | 6 | 9 | 10 | 11;

export const CLASS_NAMES: Readonly<Record<CaseClass, string>> = {
  1: 'program, file or URL named by a file',
  2: 'lesson steps re-entering the host',
  3: 'unbounded work',
  4: 'schema-valid crashers',
  5: 'method lookup via the prototype',
  6: 'terminal control characters',
  9: 'validation gaps',
  10: 'params nested 100,000 deep',
  11: 'bidi controls in names',
};

/**
 * How a case may end. `refused`: one line naming `field` (CLI exit 2; the host's error with that
 * path). `played`: the lesson's path played to its end (CLI exit 0; every lesson.goto ok).
 * `failed`: a step failed with an ordinary error (CLI exit 1; lesson.goto answers an error that is
 * not INTERNAL) — a lesson whose check does not hold, never a crash.
 */
export type Ending = 'refused' | 'played' | 'failed';

export interface Expect {
  /** The endings that are correct for this case (more than one where either is right, e.g. bounded work). */
  readonly accept: readonly Ending[];
  /**
   * What a refusal must name: a JSON path (`lesson.paths.pay[1].actions[0]`; a deeper path
   * inside it counts), a command-line option (`--seed`), or null for the file as a whole
   * (too large, not JSON, not a regular file). A list where either part is right (a graph too
   * heavy for the lesson played on it: the graph, or the lesson's path).
   */
  readonly field?: string | readonly string[] | null;
  /**
   * Visible forms a played case must show: in the workspace view (‹RLO›, ␛) and on the terminal
   * (\u202e; a list gives the forms that count, e.g. \u202e or ‹RLO›).
   */
  readonly shows?: { readonly view: readonly string[]; readonly terminal: readonly (string | readonly string[])[] };
}

/** Wall time and peak resident memory a case may take (CLI: the whole process, strace included). */
export interface Budget {
  readonly seconds: number;
  readonly mb: number;
}

interface CaseBase {
  /** Stable for a seed: `c3-07` is class 3, case 7. */
  readonly id: string;
  readonly cls: CaseClass;
  readonly description: string;
  readonly budget: Budget;
}

/** A scenario file: `txlab run FILE`, and workspace.import + lesson.goto in browser mode. */
export interface FileCase extends CaseBase {
  readonly kind: 'file';
  readonly text: string;
  readonly expect: Expect;
}

/** Something that is not a regular file given as the scenario file (CLI only). */
export interface SpecialFileCase extends CaseBase {
  readonly kind: 'special';
  readonly special: 'dev-zero' | 'fifo-endless' | 'fifo-silent' | 'directory' | 'not-utf8';
  readonly expect: Expect;
}

/** What `txlab rpc` must answer to each line it reads: a result, an error, or an error with Core's code. */
export type RpcAnswer = 'result' | 'error' | number;

/** A txlab command line (CLI only): a usage error naming `field`, or rpc answers line by line. */
export interface CliCase extends CaseBase {
  readonly kind: 'cli';
  readonly args: readonly string[];
  /** Standard input: text, or `repeat` bytes of `fill` (a 50 MB line) followed by `then`. */
  readonly stdin?: string | { readonly fill: string; readonly repeat: number; readonly then: string };
  readonly expect:
    { readonly exit: 2; readonly field: string } | { readonly exit: 0; readonly answers: readonly RpcAnswer[] };
}

/**
 * Raw frames on the browser mode's WebSocket (browser only). Each frame is an invoke message
 * text; `answer` is the error code its result must carry (or 'ok'), `field` what its message
 * or path names.
 */
export interface WsCase extends CaseBase {
  readonly kind: 'ws';
  readonly frames: readonly { readonly text: string; readonly answer: string; readonly field?: string }[];
}

export type HostileCase = FileCase | SpecialFileCase | CliCase | WsCase;

/** Budgets by kind of case, chosen with a margin on 2 cores (strace makes the CLI slower). */
export const BUDGET = {
  /** Refused before anything runs: start, read, parse, refuse. */
  refused: { seconds: 8, mb: 350 },
  /** A quick base lesson played to its end (p2pkh-basics, multihop, segwit: 1–3 s untraced). */
  played: { seconds: 25, mb: 600 },
  /** A file near the 20 MB limit: read within the limit and parsed once. */
  large: { seconds: 15, mb: 900 },
  /**
   * Work at the edge of what a file may ask (budget.ts: 15 s per action on a 2-core machine):
   * refused, or played within twice that, the lesson around it and tracing included.
   */
  heavy: { seconds: 30, mb: 900 },
} as const satisfies Record<string, Budget>;
