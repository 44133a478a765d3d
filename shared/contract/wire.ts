/**
 * Messages on the wire, shared by both transports (Electron IPC and the loopback WebSocket).
 * A transport moves these and nothing else; the host validates `params` against the method's schema.
 */
import { z } from 'zod';
import type { Result } from './result';

export const invokeMessageSchema = z.object({
  kind: z.literal('invoke'),
  id: z.number().int().nonnegative(),
  method: z.string().min(1).max(64),
  params: z.unknown(),
});
export type InvokeMessage = z.infer<typeof invokeMessageSchema>;

export interface ResultMessage {
  readonly kind: 'result';
  readonly id: number;
  readonly result: Result<unknown>;
}

export interface EventMessage {
  readonly kind: 'event';
  readonly event: string;
  readonly payload: unknown;
}

export type ServerMessage = ResultMessage | EventMessage;

/** What a transport needs from the host: one entry point for requests, one stream of events. */
export interface HostEndpoint {
  invoke(method: string, params: unknown): Promise<Result<unknown>>;
  subscribe(listener: (event: EventMessage) => void): () => void;
}

/** The renderer's side of the same thing, whichever transport carries it. */
export interface ClientEndpoint {
  invoke(method: string, params: unknown): Promise<Result<unknown>>;
  subscribe(listener: (event: EventMessage) => void): () => void;
}

/** The name under which the preload script exposes the API (`window.txlab`). */
export const PRELOAD_GLOBAL = 'txlab';
/** The one IPC channel for requests and the one for events. */
export const IPC_INVOKE_CHANNEL = 'txlab:invoke';
export const IPC_EVENT_CHANNEL = 'txlab:event';
