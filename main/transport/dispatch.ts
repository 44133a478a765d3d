/**
 * The part both transports share: a message arrives as `unknown`, passes the wire schema, reaches
 * the host, and always comes back as a `Result`. Nothing here throws.
 */
import { z } from 'zod';
import { err, type Result } from '../../shared/contract/result';
import { checkJsonShape, MAX_REQUEST_DEPTH } from '../../shared/contract/shape';
import { invokeMessageSchema, type HostEndpoint } from '../../shared/contract/wire';

export interface Dispatched {
  /** The request id when one could be read, even from a message that failed its schema. */
  readonly id: number | undefined;
  readonly result: Result<unknown>;
}

const idOnlySchema = z.object({ id: z.number().int().nonnegative() });

export async function dispatchInvoke(host: HostEndpoint, message: unknown): Promise<Dispatched> {
  const parsed = invokeMessageSchema.safeParse(message);
  if (!parsed.success) {
    const id = idOnlySchema.safeParse(message);
    const issue = parsed.error.issues[0];
    const path = issue && issue.path.length > 0 ? issue.path.map(String).join('.') : undefined;
    return {
      id: id.success ? id.data.id : undefined,
      result: err(
        'BAD_REQUEST',
        `Malformed request: ${issue?.message ?? 'not an invoke message'}.`,
        path ? { path } : {},
      ),
    };
  }
  const { id, method, params, knownView } = parsed.data;
  // Before the host: a value nested too deep cannot even be copied to the host's thread.
  const shape = checkJsonShape(params ?? {}, { maxDepth: MAX_REQUEST_DEPTH, code: 'BAD_REQUEST', what: 'the request' });
  if (!shape.ok) return { id, result: shape };
  try {
    return { id, result: await host.invoke(method, params, knownView === undefined ? {} : { knownView }) };
  } catch (error) {
    // A throw from the host is a bug; the caller still gets an answer, not a hung promise.
    return { id, result: err('INTERNAL', `The host failed while handling ${method}.`, { detail: describe(error) }) };
  }
}

export function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
