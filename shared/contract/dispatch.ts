/**
 * The host side of the contract: validates each request against its schema, runs the handler,
 * and turns anything thrown into an INTERNAL error value (a thrown error must never cross a
 * transport as a crash).
 */
import { METHODS, type MethodName, type MethodResponses, type ParsedRequest } from './methods';
import { err, type Result } from './result';

export type Handlers = {
  [M in MethodName]: (params: ParsedRequest<M>) => Promise<Result<MethodResponses[M]>> | Result<MethodResponses[M]>;
};

function isMethod(name: string): name is MethodName {
  return Object.hasOwn(METHODS, name);
}

/** A zod issue path as a JSON path: `moves[2].position.x`. */
export function jsonPath(path: readonly PropertyKey[]): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? String(p) : `.${String(p)}`)).join('');
}

export async function dispatch(handlers: Handlers, method: string, params: unknown, onBug?: (e: unknown) => void): Promise<Result<unknown>> {
  if (!isMethod(method)) return err('UNKNOWN_METHOD', `there is no method "${method}"`);
  const parsed = METHODS[method].request.safeParse(params ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const path = jsonPath(issue.path);
    return err('BAD_REQUEST', `${method}: ${path ? `${path}: ` : ''}${issue.message}`, path ? { path } : {});
  }
  try {
    const handler = handlers[method] as (p: unknown) => Promise<Result<unknown>> | Result<unknown>;
    return await handler(parsed.data);
  } catch (e) {
    onBug?.(e);
    return err('INTERNAL', `${method} failed unexpectedly: ${e instanceof Error ? e.message : String(e)}`);
  }
}
