/**
 * The host side of the contract: validates each request against its schema, runs the handler,
 * and turns anything thrown into an INTERNAL error value (a thrown error must never cross a
 * transport as a crash). Messages leave with their control and bidi characters made visible:
 * they often quote a name from a file.
 */
import { visibleText } from '../text/safeText';
import { METHODS, type MethodName, type MethodResponses, type ParsedRequest } from './methods';
import { englishText, err, type Result } from './result';
import { checkJsonShape, describeIssue, MAX_REQUEST_DEPTH } from './shape';

export type Handlers = {
  [M in MethodName]: (params: ParsedRequest<M>) => Promise<Result<MethodResponses[M]>> | Result<MethodResponses[M]>;
};

/** A handler as a wrapper around every method sees it: its request already validated, its answer passed on. */
export type AnyHandler = (params: unknown) => Promise<Result<unknown>> | Result<unknown>;

const METHOD_NAMES = Object.keys(METHODS) as MethodName[];

/**
 * A table with a handler for every method METHODS declares, made by `make` for each. Wrappers
 * around every method (the actions layer, the switch history) build their tables here; each
 * method's own request and answer types are checked where its handler is written
 * (`ActionHandlers`), and the table's completeness is checked here, when it is built.
 */
export function handlerTable(make: (method: MethodName) => AnyHandler): Handlers {
  const table: Partial<Record<MethodName, AnyHandler>> = {};
  for (const method of METHOD_NAMES) table[method] = make(method);
  if (!hasEveryMethod(table)) throw new Error('bug: a method has no handler');
  return table;
}

function hasEveryMethod(table: object): table is Handlers {
  return METHOD_NAMES.every((method) => typeof Reflect.get(table, method) === 'function');
}

/** One method's handler, seen as a wrapper sees it. */
export function anyHandler(handlers: Handlers, method: MethodName): AnyHandler {
  return handlers[method] as AnyHandler;
}

function isMethod(name: string): name is MethodName {
  return Object.hasOwn(METHODS, name);
}

function shown<T>(result: Result<T>): Result<T> {
  if (result.ok) return result;
  const { message, ...rest } = result.error;
  return { ok: false, error: { ...rest, message: visibleText(message) } };
}

export async function dispatch(
  handlers: Handlers,
  method: string,
  params: unknown,
  onBug?: (e: unknown) => void,
): Promise<Result<unknown>> {
  if (!isMethod(method)) return err('UNKNOWN_METHOD', visibleText(`there is no method "${method.slice(0, 64)}"`));
  const shape = checkJsonShape(params ?? {}, {
    maxDepth: MAX_REQUEST_DEPTH,
    code: 'BAD_REQUEST',
    what: 'request',
    method,
  });
  if (!shape.ok) return shape;
  const parsed = METHODS[method].request.safeParse(params ?? {});
  if (!parsed.success) {
    const { path, text } = describeIssue(parsed.error.issues[0]!);
    return shown({
      ok: false,
      error: { code: 'BAD_REQUEST', message: `${method}: ${englishText(text)}`, ...(path ? { path } : {}), text },
    });
  }
  try {
    return shown(await anyHandler(handlers, method)(parsed.data));
  } catch (e) {
    onBug?.(e);
    return shown(err('INTERNAL', `${method} failed unexpectedly: ${e instanceof Error ? e.message : String(e)}`));
  }
}
