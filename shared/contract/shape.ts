/**
 * The shape of untrusted JSON, checked before any schema sees it: depth (a schema, a structured
 * clone or a recursive printer would overflow the stack on a value nested 100,000 deep), keys that
 * name the object prototype, and numbers that are not exact. Walks without recursion.
 */
import { en, type MessageKey } from '../ui/i18n/en';
import { errText, ok, type ContractErrorCode, type HostText, type Result } from './result';

export interface ShapeLimits {
  readonly maxDepth: number;
  /** Error code of a refusal (IMPORT_FAILED for files, BAD_REQUEST for requests). */
  readonly code: ContractErrorCode;
  /** What the value is, for messages: "the file", "the request" (of `method`, when known). */
  readonly what: 'file' | 'request';
  readonly method?: string;
}

/** A refusal of the shape, in catalogue words. */
function refused(
  limits: ShapeLimits,
  key: MessageKey,
  params: Readonly<Record<string, string | number>>,
  path: string,
) {
  return errText(limits.code, key, params, { path });
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
      const said = { path: shown, max: limits.maxDepth };
      if (limits.what === 'file') return refused(limits, 'shape.fileTooDeep', said, where);
      if (limits.method === undefined) return refused(limits, 'shape.requestTooDeep', said, where);
      return refused(limits, 'shape.methodRequestTooDeep', { ...said, method: limits.method }, where);
    }
    if (typeof v === 'number' && (!Number.isFinite(v) || Math.abs(v) > Number.MAX_SAFE_INTEGER)) {
      const where = jsonPath(path);
      return where === ''
        ? refused(limits, 'shape.inexactValue', { value: String(v) }, where)
        : refused(limits, 'shape.inexactNumber', { path: where, value: String(v) }, where);
    }
    if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push({ value: v[i] as unknown, path: [...path, i] });
    } else if (v !== null && typeof v === 'object') {
      for (const key of Object.keys(v)) {
        if (FORBIDDEN_KEYS.has(key)) {
          const where = jsonPath([...path, key]);
          return refused(limits, 'shape.forbiddenKey', { path: where, key }, where);
        }
        stack.push({ value: (v as Record<string, unknown>)[key], path: [...path, key] });
      }
    }
  }
  return ok(true);
}

/**
 * The JSON path and message of a schema issue, looking inside unions for the real problem, and
 * the same in the catalogue's words (`text`), which the page says in its reader's language.
 */
export function describeIssue(issue: SchemaIssue): { path: string; message: string; text: HostText } {
  const deepest = deepestIssue(issue, []);
  // An unknown key is reported at its object; point at the key itself.
  const path =
    deepest.code === 'unrecognized_keys' && deepest.keys?.[0] !== undefined
      ? [...deepest.path, deepest.keys[0]]
      : deepest.path;
  const where = jsonPath(path);
  return { path: where, message: deepest.message, text: issueText(deepest, where || '…') };
}

const isMessageKey = (key: string): key is MessageKey => Object.hasOwn(en, key);

/** What a value was expected to be, in words the catalogue has (zod's `expected`). */
const TYPE_KEYS: Readonly<Record<string, MessageKey>> = {
  string: 'request.notText',
  number: 'request.notNumber',
  int: 'request.notInteger',
  boolean: 'request.notBoolean',
  object: 'request.notObject',
  array: 'request.notList',
};

const bound = (value: number | bigint | undefined): string => (value === undefined ? '?' : String(value));

/** A zod issue as a catalogue sentence; a refinement names its own key in `params.key`. */
function issueText(issue: SchemaIssue, field: string): HostText {
  const text = (key: MessageKey, params: Record<string, string | number> = {}): HostText => ({
    key,
    params: { field, ...params },
  });
  switch (issue.code) {
    case 'too_big':
      if (issue.origin === 'string') return text('request.tooLong', { max: bound(issue.maximum) });
      if (issue.origin === 'array' || issue.origin === 'set')
        return text('request.tooMany', { max: bound(issue.maximum) });
      return text('request.tooBig', { max: bound(issue.maximum) });
    case 'too_small':
      if (issue.origin === 'string')
        return issue.minimum === 1 ? text('request.empty') : text('request.tooShort', { min: bound(issue.minimum) });
      if (issue.origin === 'array' || issue.origin === 'set')
        return text('request.tooFew', { min: bound(issue.minimum) });
      return text('request.tooSmall', { min: bound(issue.minimum) });
    case 'invalid_type':
      if (issue.message.endsWith('received undefined')) return text('request.missing');
      return text(TYPE_KEYS[issue.expected ?? ''] ?? 'request.wrongType');
    case 'invalid_value':
      return text('request.notOneOf', {
        values: (issue.values ?? []).map((v) => JSON.stringify(v)).join(', '),
      });
    case 'invalid_format':
      return issue.pattern ? text('request.badPattern', { pattern: issue.pattern }) : text('request.badFormat');
    case 'unrecognized_keys':
      return text('request.unknownField');
    case 'custom': {
      const key = issue.params?.['key'];
      if (typeof key === 'string' && isMessageKey(key)) return text(key);
      return text('request.invalid');
    }
    default:
      return text('request.invalid');
  }
}

export interface SchemaIssue {
  readonly path: readonly PropertyKey[];
  readonly message: string;
  readonly code?: string;
  readonly keys?: readonly string[];
  /** too_big / too_small: what was measured (string, number, array) and the bound. */
  readonly origin?: string;
  readonly maximum?: number | bigint;
  readonly minimum?: number | bigint;
  /** invalid_type: the type expected; invalid_value: the values allowed. */
  readonly expected?: string;
  readonly values?: readonly unknown[];
  /** invalid_format of a regex: the pattern. */
  readonly pattern?: string;
  /** A refinement's own data: `key`, the catalogue sentence that says what is wrong. */
  readonly params?: Readonly<Record<string, unknown>> | undefined;
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
