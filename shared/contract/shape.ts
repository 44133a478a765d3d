/**
 * The shape of untrusted JSON, checked before any schema sees it: depth (a schema, a structured
 * clone or a recursive printer would overflow the stack on a value nested 100,000 deep), keys that
 * name the object prototype, and numbers that are not exact. Walks without recursion.
 */
import { err, ok, type ContractErrorCode, type Result } from './result';

export interface ShapeLimits {
  readonly maxDepth: number;
  /** Error code of a refusal (IMPORT_FAILED for files, BAD_REQUEST for requests). */
  readonly code: ContractErrorCode;
  /** What the value is, for messages: "the file", "the request". */
  readonly what: string;
}

/** A zod issue path as a JSON path: `moves[2].position.x`. */
function jsonPath(path: readonly PropertyKey[]): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? String(p) : `.${String(p)}`)).join('');
}

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

export function checkJsonShape(value: unknown, limits: ShapeLimits): Result<true> {
  const stack: { value: unknown; path: (string | number)[] }[] = [{ value, path: [] }];
  while (stack.length > 0) {
    const { value: v, path } = stack.pop()!;
    if (path.length > limits.maxDepth) {
      const where = jsonPath(path);
      const shown = where.length > 100 ? `${where.slice(0, 100)}…` : where;
      return err(limits.code, `${shown}: ${limits.what} nests deeper than ${limits.maxDepth} levels`, { path: where });
    }
    if (typeof v === 'number' && (!Number.isFinite(v) || Math.abs(v) > Number.MAX_SAFE_INTEGER)) {
      return err(limits.code, `${jsonPath(path) || 'a value'}: the number ${v} is too large to be exact`, {
        path: jsonPath(path),
      });
    }
    if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push({ value: v[i] as unknown, path: [...path, i] });
    } else if (v !== null && typeof v === 'object') {
      for (const key of Object.keys(v)) {
        if (FORBIDDEN_KEYS.has(key))
          return err(limits.code, `${jsonPath([...path, key])}: the key "${key}" is not allowed`, {
            path: jsonPath([...path, key]),
          });
        stack.push({ value: (v as Record<string, unknown>)[key], path: [...path, key] });
      }
    }
  }
  return ok(true);
}

/** The JSON path and message of a schema issue, looking inside unions for the real problem. */
export function describeIssue(issue: SchemaIssue): { path: string; message: string } {
  const deepest = deepestIssue(issue, []);
  // An unknown key is reported at its object; point at the key itself.
  const path =
    deepest.code === 'unrecognized_keys' && deepest.keys?.[0] !== undefined
      ? [...deepest.path, deepest.keys[0]]
      : deepest.path;
  return { path: jsonPath(path), message: deepest.message };
}

export interface SchemaIssue {
  readonly path: readonly PropertyKey[];
  readonly message: string;
  readonly code?: string;
  readonly keys?: readonly string[];
  readonly errors?: readonly (readonly SchemaIssue[])[];
}

/**
 * "Invalid input" at a union (a lesson action is a call, a task or a check) says nothing useful:
 * report the issue of the alternative that got furthest into the value instead.
 */
function deepestIssue(issue: SchemaIssue, prefix: readonly PropertyKey[]): SchemaIssue {
  const here = { ...issue, path: [...prefix, ...issue.path] };
  if (issue.code !== 'invalid_union' || !issue.errors || issue.errors.length === 0) return here;
  let best: SchemaIssue | undefined;
  for (const branch of issue.errors) {
    for (const inner of branch) {
      const candidate = deepestIssue(inner, here.path);
      if (!best || candidate.path.length > best.path.length) best = candidate;
    }
  }
  return best ?? here;
}

/** Requests are small and flat; nothing the contract accepts nests deeper than this. */
export const MAX_REQUEST_DEPTH = 16;
