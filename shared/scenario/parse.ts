/**
 * Reading a scenario file: size and shape limits first (a hostile file is refused before it can
 * cost anything), then the schema, then migrations from older versions. Every refusal names the
 * problem and its JSON path.
 */
import { jsonPath } from '../contract/dispatch';
import { err, ok, type Result } from '../contract/result';
import { migrate } from './migrations';
import { type ScenarioFile, scenarioFileSchema } from './schema';

export const MAX_FILE_BYTES = 20_000_000;
export const MAX_DEPTH = 40;
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** Walks parsed JSON without recursion: depth, forbidden keys, non-finite or unsafe numbers. */
function checkShape(value: unknown): Result<true> {
  const stack: { value: unknown; path: (string | number)[] }[] = [{ value, path: [] }];
  while (stack.length > 0) {
    const { value: v, path } = stack.pop()!;
    if (path.length > MAX_DEPTH) return err('IMPORT_FAILED', `the file nests deeper than ${MAX_DEPTH} levels`, { path: jsonPath(path) });
    if (typeof v === 'number' && (!Number.isFinite(v) || Math.abs(v) > Number.MAX_SAFE_INTEGER)) {
      return err('IMPORT_FAILED', `${jsonPath(path) || 'a value'}: the number ${v} is too large to be exact`, { path: jsonPath(path) });
    }
    if (Array.isArray(v)) v.forEach((item, i) => stack.push({ value: item, path: [...path, i] }));
    else if (v !== null && typeof v === 'object') {
      for (const key of Object.keys(v)) {
        if (FORBIDDEN_KEYS.has(key)) return err('IMPORT_FAILED', `${jsonPath([...path, key])}: the key "${key}" is not allowed`, { path: jsonPath([...path, key]) });
        stack.push({ value: (v as Record<string, unknown>)[key], path: [...path, key] });
      }
    }
  }
  return ok(true);
}

export function parseScenarioJson(text: string): Result<ScenarioFile> {
  if (text.length > MAX_FILE_BYTES) return err('IMPORT_FAILED', `the file is ${(text.length / 1e6).toFixed(1)} MB; scenario files are limited to ${MAX_FILE_BYTES / 1e6} MB`);
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    return err('IMPORT_FAILED', `the file is not valid JSON (${e instanceof Error ? e.message : String(e)})`);
  }
  const shape = checkShape(raw);
  if (!shape.ok) return shape;
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return err('IMPORT_FAILED', 'a scenario file is a JSON object');
  const record = raw as Record<string, unknown>;
  if (record['format'] !== 'txlab-scenario') return err('IMPORT_FAILED', 'format: this is not a TxLab scenario file (expected "format": "txlab-scenario")', { path: 'format' });
  const migrated = migrate(record);
  if (!migrated.ok) return migrated;
  const parsed = scenarioFileSchema.safeParse(migrated.value);
  if (!parsed.success) {
    const { path, message } = describeIssue(parsed.error.issues[0]!);
    return err('IMPORT_FAILED', `${path || 'the file'}: ${message}`, { path });
  }
  return ok(parsed.data);
}

/** The JSON path and message of a schema issue, looking inside unions for the real problem. */
export function describeIssue(issue: Issue): { path: string; message: string } {
  const deepest = deepestIssue(issue, []);
  // An unknown key is reported at its object; point at the key itself.
  const path = deepest.code === 'unrecognized_keys' && deepest.keys?.[0] !== undefined ? [...deepest.path, deepest.keys[0]] : deepest.path;
  return { path: jsonPath(path), message: deepest.message };
}

interface Issue {
  readonly path: readonly PropertyKey[];
  readonly message: string;
  readonly code?: string;
  readonly keys?: readonly string[];
  readonly errors?: readonly (readonly Issue[])[];
}

/**
 * "Invalid input" at a union (a lesson action is a call, a task or a check) says nothing useful:
 * report the issue of the alternative that got furthest into the value instead.
 */
function deepestIssue(issue: Issue, prefix: readonly PropertyKey[]): Issue {
  const here = { ...issue, path: [...prefix, ...issue.path] };
  if (issue.code !== 'invalid_union' || !issue.errors || issue.errors.length === 0) return here;
  let best: Issue | undefined;
  for (const branch of issue.errors) {
    for (const inner of branch) {
      const candidate = deepestIssue(inner, here.path);
      if (!best || candidate.path.length > best.path.length) best = candidate;
    }
  }
  return best ?? here;
}

export function serializeScenario(file: ScenarioFile): string {
  return JSON.stringify(file, null, 1);
}
