/**
 * How a case ended, and what is wrong with that ending: the checks both runners share. Each
 * check returns the problems it found as sentences, so a failing case says everything at once.
 */
import type { Budget, Expect } from './corpus/types';

/** How a run actually ended: an expected ending, or a crash (exit 3, INTERNAL, a signal, a timeout). */
export type Actual = 'refused' | 'played' | 'failed' | 'crashed';

/** Characters that must never reach a terminal or a view raw: C0 (but \t \n), DEL, C1, separators, bidi controls. */
// eslint-disable-next-line no-control-regex -- control characters are what this pattern finds
const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/u;

export function rawUnsafe(text: string): string | undefined {
  const m = UNSAFE.exec(text);
  if (!m) return undefined;
  const at = m.index;
  return `U+${m[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')} at ${at}: ${JSON.stringify(text.slice(Math.max(0, at - 30), at + 30))}`;
}

/** Does `text` name `field`: the field followed by the end, or by anything but a name character. */
export function names(text: string, field: string): boolean {
  let from = 0;
  for (;;) {
    const at = text.indexOf(field, from);
    if (at < 0) return false;
    const next = text[at + field.length];
    if (next === undefined || !/[A-Za-z0-9_]/.test(next)) return true;
    from = at + 1;
  }
}

/** A stack trace or the internal-error path: never acceptable in what a person sees. */
export function looksLikeCrash(text: string): boolean {
  return /\n\s+at \S+ \(|\bat file:\/\/|internal error|INTERNAL/.test(text);
}

export interface Measured {
  readonly seconds: number;
  readonly mb: number;
}

export function budgetProblems(m: Measured, budget: Budget): string[] {
  const problems: string[] = [];
  if (m.seconds > budget.seconds) problems.push(`took ${m.seconds.toFixed(1)} s, over the ${budget.seconds} s budget`);
  if (m.mb > budget.mb) problems.push(`peaked at ${m.mb.toFixed(0)} MB, over the ${budget.mb} MB budget`);
  return problems;
}

/** The ending against the case's expectation; `named` is what the refusal said (its line, or message and path). */
export function endingProblems(
  actual: Actual,
  expect: Expect,
  named: { readonly text: string; readonly path?: string | undefined },
): string[] {
  if (!expect.accept.includes(actual as never)) return [`ended ${actual}; expected ${expect.accept.join(' or ')}`];
  if (actual !== 'refused' || expect.field === undefined || expect.field === null) return [];
  const fields = typeof expect.field === 'string' ? [expect.field] : expect.field;
  const field = fields.find((f) => names(named.text, f));
  if (field === undefined)
    return [`the refusal does not name ${fields.join(' or ')}: ${JSON.stringify(named.text.slice(0, 300))}`];
  if (named.path !== undefined && named.path !== '' && !names(named.path, field) && !names(field, named.path))
    return [`the refusal's path ${named.path} is not ${field}`];
  return [];
}

/** The expected field the refusal named (for the summary), if any. */
export function namedField(text: string, expect: Expect): string | undefined {
  if (expect.field === undefined || expect.field === null) return undefined;
  return (typeof expect.field === 'string' ? [expect.field] : expect.field).find((f) => names(text, f));
}

/** Whether `text` shows a form of each marker (a marker given as a list: any of its forms). */
export function missingShown(text: string, markers: readonly (string | readonly string[])[]): string[] {
  return markers
    .filter((m) => !(typeof m === 'string' ? [m] : m).some((form) => text.includes(form)))
    .map((m) => (typeof m === 'string' ? m : m.join(' or ')));
}
