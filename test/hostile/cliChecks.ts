/** What a CLI run of a case must look like: its ending, its one line, its output, its budget, its trace. */
import type { CliRun } from './cliRunner';
import type { CliCase, FileCase, RpcAnswer, SpecialFileCase } from './corpus/types';
import {
  budgetProblems,
  endingProblems,
  looksLikeCrash,
  missingShown,
  namedField,
  names,
  rawUnsafe,
  type Actual,
} from './outcome';
import { describeViolation } from './trace';

export function endingOf(run: CliRun): Actual {
  switch (run.exit) {
    case 2:
      return 'refused';
    case 0:
      return 'played';
    case 1:
      return 'failed';
    default:
      return 'crashed';
  }
}

/** Exactly one line on stderr, ending in a newline. */
function oneLine(stderr: string): boolean {
  return stderr.length > 1 && stderr.indexOf('\n') === stderr.length - 1;
}

function commonProblems(run: CliRun): string[] {
  const problems: string[] = [];
  if (run.killed) problems.push(`killed after ${run.seconds.toFixed(1)} s (1.5 times its time budget)`);
  for (const [name, text] of [
    ['stdout', run.stdout],
    ['stderr', run.stderr],
  ] as const) {
    const raw = rawUnsafe(text);
    if (raw) problems.push(`${name} carries a raw control or bidi character: ${raw}`);
    if (looksLikeCrash(text)) problems.push(`${name} shows a crash: ${JSON.stringify(text.slice(0, 400))}`);
  }
  problems.push(...run.violations.map((v) => `trace: ${describeViolation(v)}`));
  return problems;
}

function answerProblems(stdout: string, answers: readonly RpcAnswer[]): string[] {
  const lines = stdout.split('\n').filter((l) => l.length > 0);
  if (lines.length !== answers.length)
    return [`${lines.length} answers for ${answers.length} lines: ${JSON.stringify(stdout.slice(0, 300))}`];
  const problems: string[] = [];
  lines.forEach((line, i) => {
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      problems.push(`answer ${i + 1} is not JSON: ${line.slice(0, 120)}`);
      return;
    }
    const error =
      value !== null && typeof value === 'object' && 'error' in value
        ? (value as { error: { code?: unknown } }).error
        : undefined;
    const want = answers[i]!;
    if (want === 'result' && error)
      problems.push(`answer ${i + 1} is an error, expected a result: ${line.slice(0, 160)}`);
    if (want !== 'result' && (!error || typeof error.code !== 'number'))
      problems.push(`answer ${i + 1} is not an error with a numeric code: ${line.slice(0, 160)}`);
    if (typeof want === 'number' && error && error.code !== want)
      problems.push(`answer ${i + 1} has code ${String(error.code)}, expected ${want}`);
  });
  return problems;
}

export function cliProblems(
  c: FileCase | SpecialFileCase | CliCase,
  run: CliRun,
): { ending: string; named?: string; problems: string[] } {
  const problems = [...commonProblems(run), ...budgetProblems(run, c.budget)];
  if (c.kind === 'cli') {
    const want = c.expect;
    if (run.exit !== want.exit)
      problems.push(
        `exit ${run.exit ?? run.signal}, expected ${want.exit}: ${JSON.stringify(run.stderr.slice(0, 300))}`,
      );
    if (want.exit === 2) {
      if (!oneLine(run.stderr)) problems.push(`stderr is not one line: ${JSON.stringify(run.stderr.slice(0, 300))}`);
      if (!names(run.stderr, want.field))
        problems.push(`the line does not name ${want.field}: ${JSON.stringify(run.stderr.slice(0, 300))}`);
      return { ending: run.exit === 2 ? 'usage error' : `exit ${run.exit ?? 'killed'}`, named: want.field, problems };
    }
    if (run.stderr !== '') problems.push(`stderr is not empty: ${JSON.stringify(run.stderr.slice(0, 300))}`);
    problems.push(...answerProblems(run.stdout, want.answers));
    return { ending: run.exit === 0 ? 'answered' : `exit ${run.exit ?? 'killed'}`, problems };
  }
  const actual = endingOf(run);
  if (actual === 'crashed')
    problems.push(`crashed: exit ${run.exit ?? run.signal}: ${JSON.stringify(run.stderr.slice(0, 400))}`);
  problems.push(...endingProblems(actual, c.expect, { text: run.stderr }));
  if (actual === 'refused' && !oneLine(run.stderr))
    problems.push(`the refusal is not one line: ${JSON.stringify(run.stderr.slice(0, 300))}`);
  if (actual !== 'refused' && run.stderr !== '')
    problems.push(`stderr is not empty: ${JSON.stringify(run.stderr.slice(0, 300))}`);
  if (actual === 'played' || actual === 'failed') {
    for (const missing of missingShown(run.stdout, c.expect.shows?.terminal ?? []))
      problems.push(`stdout does not show ${missing}`);
  }
  const named = actual === 'refused' ? (namedField(run.stderr, c.expect) ?? run.stderr.trim().slice(0, 80)) : undefined;
  return { ending: actual, ...(named ? { named } : {}), problems };
}
