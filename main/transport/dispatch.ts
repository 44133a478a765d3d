/**
 * The part both transports share: a message arrives as `unknown`, passes the wire schema, reaches
 * the host, and always comes back as a `Result`. Nothing here throws.
 */
import { z } from 'zod';
import { err, fail, ok, type Result } from '../../shared/contract/result';
import { checkJsonShape, MAX_REQUEST_DEPTH } from '../../shared/contract/shape';
import { invokeMessageSchema, type HostEndpoint, type InvokeOptions } from '../../shared/contract/wire';

export interface Dispatched {
  /** The request id when one could be read, even from a message that failed its schema. */
  readonly id: number | undefined;
  readonly result: Result<unknown>;
}

/** An answer the host encoded itself (`HostEndpoint.invokeJson`): the JSON text of its Result. */
export interface DispatchedJson {
  readonly id: number;
  readonly json: string;
}

const idOnlySchema = z.object({ id: z.number().int().nonnegative() });

/** A request fit to go to the host; refused, the answer that goes back instead. */
type Checked = Result<
  { readonly id: number; readonly method: string; readonly params: unknown; readonly options: InvokeOptions },
  Dispatched
>;

/** The wire schema and the shape limits, before anything reaches the host. */
function check(message: unknown): Checked {
  const parsed = invokeMessageSchema.safeParse(message);
  if (!parsed.success) {
    const id = idOnlySchema.safeParse(message);
    const issue = parsed.error.issues[0];
    const path = issue && issue.path.length > 0 ? issue.path.map(String).join('.') : undefined;
    return fail({
      id: id.success ? id.data.id : undefined,
      result: err(
        'BAD_REQUEST',
        `Malformed request: ${issue?.message ?? 'not an invoke message'}.`,
        path ? { path } : {},
      ),
    });
  }
  const { id, method, params, knownView } = parsed.data;
  // Before the host: a value nested too deep cannot even be copied to the host's thread.
  const shape = checkJsonShape(params ?? {}, { maxDepth: MAX_REQUEST_DEPTH, code: 'BAD_REQUEST', what: 'request' });
  if (!shape.ok) return fail({ id, result: shape });
  return ok({ id, method, params, options: knownView === undefined ? {} : { knownView } });
}

function failed(method: string, error: unknown): Result<never> {
  // A throw from the host is a bug; the caller still gets an answer, not a hung promise.
  return err('INTERNAL', `The host failed while handling ${method}.`, { detail: describe(error) });
}

export async function dispatchInvoke(host: HostEndpoint, message: unknown): Promise<Dispatched> {
  const checked = check(message);
  if (!checked.ok) return checked.error;
  const { id, method, params, options } = checked.value;
  try {
    return { id, result: await host.invoke(method, params, options) };
  } catch (error) {
    return { id, result: failed(method, error) };
  }
}

/**
 * The same checks and answers, for a transport that sends JSON: when the host can encode its
 * answer itself (`invokeJson`), the text comes back as it is, never parsed here.
 */
export async function dispatchInvokeJson(host: HostEndpoint, message: unknown): Promise<Dispatched | DispatchedJson> {
  if (!host.invokeJson) return dispatchInvoke(host, message);
  const checked = check(message);
  if (!checked.ok) return checked.error;
  const { id, method, params, options } = checked.value;
  try {
    return { id, json: await host.invokeJson(method, params, options) };
  } catch (error) {
    return { id, result: failed(method, error) };
  }
}

export function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
