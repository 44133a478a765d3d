/**
 * Helpers for what lesson tasks hand to the lesson panel (the contract's LessonDatum: charts and
 * coloured tables), and the `expect.data` checks that read figures back out of them. A figure a
 * check needs sits in a "facts" table whose rows carry an `id`, so a check names it by id
 * (`facts.fullestBlockTxs`) rather than by position or by its translated label.
 */
import { errText, ok, type Result } from '../contract/result';
import type { LessonDatum, Localized } from '../contract/views';
import { bilingual } from '../lessons/narration';
import { en } from '../lessons/taskWords/en';
import { zh } from '../lessons/taskWords/zh';
import type { DataCheck } from './schema';

export type { LessonDatum, Localized };
export type Text = Localized;
export type TableDatum = Extract<LessonDatum, { kind: 'table' }>;
export type ChartDatum = Extract<LessonDatum, { kind: 'line' | 'bar' | 'scatter' }>;
export type Tone = 'good' | 'bad' | 'neutral';

const say = bilingual(en, zh).facts;

/** Words that are the same in every language: a node's id, a name, a number. */
export function verbatim(text: string): Localized {
  return { en: text, zh: text };
}

export interface Fact {
  readonly id: string;
  readonly label: Localized;
  readonly value: string | number | boolean;
  readonly tone?: Tone;
}

/** Yes or no in words of the reader's language. */
export function yesNo(value: boolean): Localized {
  return value ? say.yes : say.no;
}

/** A yes/no figure in words; other values as they are. */
function factText(value: string | number | boolean): string | Localized {
  return typeof value === 'boolean' ? yesNo(value) : String(value);
}

/** A two-column table of named figures; each row keeps its fact's id and raw value for checks. */
export function factsTable(
  title: Localized,
  facts: readonly Fact[],
): TableDatum & { readonly facts: Readonly<Record<string, string | number | boolean>> } {
  return {
    kind: 'table',
    title,
    columns: [say.value],
    rows: facts.map((f) => ({
      label: f.label,
      cells: [{ text: factText(f.value), ...(f.tone ? { tone: f.tone } : {}) }],
    })),
    facts: Object.fromEntries(facts.map((f) => [f.id, f.value])),
  };
}

export function table(
  title: Localized,
  columns: readonly Localized[],
  rows: readonly {
    id?: string;
    label: Localized;
    cells: readonly (string | number | boolean | { text: string | Localized; tone?: Tone })[];
  }[],
): TableDatum {
  return {
    kind: 'table',
    title,
    columns,
    rows: rows.map((r) => ({
      ...(r.id !== undefined ? { id: r.id } : {}),
      label: r.label,
      cells: r.cells.map((c) => (typeof c === 'object' ? c : { text: factText(c) })),
    })),
  };
}

export function chart(
  kind: ChartDatum['kind'],
  title: Localized,
  xLabel: Localized,
  yLabel: Localized,
  series: readonly { label: Localized; points: readonly (readonly [number, number])[] }[],
): ChartDatum {
  return { kind, title, xLabel, yLabel, series };
}

/** The value at a dot path (`facts.tps`, `series.0.points.2.1`), or undefined. */
function valueAt(data: unknown, path: string): unknown {
  let at: unknown = data;
  for (const part of path === '' ? [] : path.split('.')) {
    if (at === null || typeof at !== 'object') return undefined;
    if (!Object.hasOwn(at, part)) return undefined;
    at = (at as Record<string, unknown>)[part];
  }
  return at;
}

/** Checks one figure; the message says what was found where. */
export function checkData(data: ReadonlyMap<string, unknown>, check: DataCheck): Result<true> {
  const entry = data.get(check.key);
  if (entry === undefined) return errText('INVALID_STATE', 'lesson.fail.noData', { key: check.key });
  const value = valueAt(entry, check.path);
  const where = `${check.key}${check.path ? `.${check.path}` : ''}`;
  // A value as JSON says it ("undefined" when the path leads nowhere), the same in every language.
  const json = (v: unknown): string => String(JSON.stringify(v));
  if (check.equals !== undefined && value !== check.equals)
    return errText('INVALID_STATE', 'lesson.fail.notEqual', {
      where,
      value: json(value),
      expected: json(check.equals),
    });
  if (check.min !== undefined || check.max !== undefined) {
    if (typeof value !== 'number' || !Number.isFinite(value))
      return errText('INVALID_STATE', 'lesson.fail.notNumber', { where, value: json(value) });
    if (check.min !== undefined && value < check.min)
      return errText('INVALID_STATE', 'lesson.fail.tooSmall', { where, value: String(value), min: String(check.min) });
    if (check.max !== undefined && value > check.max)
      return errText('INVALID_STATE', 'lesson.fail.tooBig', { where, value: String(value), max: String(check.max) });
  }
  return ok(true);
}
