/**
 * Messages on the wire, shared by both transports (Electron IPC and the loopback WebSocket).
 * A transport moves these and nothing else; the host validates `params` against the method's schema.
 */
import { z } from 'zod';
import { err, type Result } from './result';

export const invokeMessageSchema = z.object({
  kind: z.literal('invoke'),
  id: z.number().int().nonnegative(),
  method: z.string().min(1).max(64),
  params: z.unknown(),
  /** The workspace view the page holds (viewPatch.ts): an answer's view comes as a patch against it. */
  knownView: z.number().int().nonnegative().optional(),
});
export type InvokeMessage = z.infer<typeof invokeMessageSchema>;

export interface ResultMessage {
  readonly kind: 'result';
  readonly id: number;
  readonly result: Result<unknown>;
  /**
   * Events that happened before this answer and were not yet sent on this socket: the receiver
   * handles them, in order, before the answer. One frame instead of several (WebSocket only).
   */
  readonly events?: readonly EventMessage[];
}

export interface EventMessage {
  readonly kind: 'event';
  readonly event: string;
  readonly payload: unknown;
}

export type ServerMessage = ResultMessage | EventMessage;

/** What a call may say besides its method and params. */
export interface InvokeOptions {
  /**
   * The workspace view the caller holds (0: none yet). Present, it says the caller decodes views
   * (viewPatch.ts): a view in the answer comes as an EncodedView, a patch when the host still has
   * that view. Absent, views come as plain WorkspaceViews.
   */
  readonly knownView?: number;
}

/**
 * One entry point for requests, one stream of events: what a transport needs from the host, and
 * what the renderer gets from its transport (`ClientEndpoint`, the same shape seen from the page).
 */
export interface HostEndpoint {
  invoke(method: string, params: unknown, options?: InvokeOptions): Promise<Result<unknown>>;
  /**
   * Optional: the same answer as the JSON text of its Result, for a transport that sends JSON,
   * so it is encoded once, where it is made, and not copied, decoded and encoded again on the way.
   */
  invokeJson?(method: string, params: unknown, options?: InvokeOptions): Promise<string>;
  subscribe(listener: (event: EventMessage) => void): () => void;
}

/** What an answer that cannot be encoded as JSON (a bigint, a cycle: a host bug) becomes. */
const UNENCODABLE_RESULT_MESSAGE = 'The result could not be encoded as JSON.';

/** The Result as JSON text; a Result that cannot be encoded becomes INTERNAL (and `onError` hears why). */
export function encodeResult(result: Result<unknown>, onError: (error: unknown) => void): string {
  try {
    return JSON.stringify(result);
  } catch (error) {
    onError(error);
    return JSON.stringify(err('INTERNAL', UNENCODABLE_RESULT_MESSAGE));
  }
}

export type ClientEndpoint = HostEndpoint;

/** The name under which the preload script exposes the API (`window.txlab`). */
export const PRELOAD_GLOBAL = 'txlab';
/** The one IPC channel for requests and the one for events. */
export const IPC_INVOKE_CHANNEL = 'txlab:invoke';
export const IPC_EVENT_CHANNEL = 'txlab:event';
