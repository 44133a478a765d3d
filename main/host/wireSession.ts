/**
 * The host session as the worker's transports serve it: each answer's workspace view goes out
 * as a patch against the view the caller holds (viewPatch.ts), built here so the whole view never
 * crosses a thread or a socket; events are held, runs of blocks coalesced (eventBatching.ts),
 * until an answer carries them or the worker next yields. The port to the main thread (Electron)
 * and browser mode's WebSocket, which the worker serves itself, both go through this.
 */
import { errText, type Result } from '../../shared/contract/result';
import { ViewEncoder } from '../../shared/contract/viewPatch';
import { encodeResult, type EventMessage, type HostEndpoint } from '../../shared/contract/wire';
import { batchBlockEvents } from './eventBatching';
import type { HostSession } from './session';

export interface Answer {
  readonly result: Result<unknown>;
  /** Events that happened before the answer and were not yet sent: they go first. */
  readonly events: readonly EventMessage[];
}

/** One transport's line to the session: its answers carry the events held, which every other line gets at once. */
export interface WireLine {
  answer(method: string, params: unknown, knownView: number | undefined): Promise<Answer>;
  /** Everything held now, for a reply that carries no events; the other lines get it too. */
  takeEvents(): readonly EventMessage[];
}

export interface WireSession {
  /** `send` gets the events this line's answers do not carry: those of other lines' answers, and those held when the worker yields. */
  connect(send: (events: readonly EventMessage[]) => void): WireLine;
}

export function wireSession(session: HostSession): WireSession {
  // Views are numbered across lines; a line names only views it was sent, so they never mix.
  const views = new ViewEncoder();
  const lines = new Set<(events: readonly EventMessage[]) => void>();
  const events = batchBlockEvents((held) => {
    for (const send of lines) send(held);
  });
  session.subscribe((event) => events.push(event));
  /** Held events, for the line `to`; every other line is sent them now. */
  const take = (to: (events: readonly EventMessage[]) => void): readonly EventMessage[] => {
    const held = events.take();
    if (held.length > 0) for (const send of lines) if (send !== to) send(held);
    return held;
  };
  return {
    connect(send) {
      lines.add(send);
      return {
        async answer(method, params, knownView) {
          const result = await session.invoke(method, params);
          const sent = result.ok ? { ok: true as const, value: views.encode(result.value, knownView) } : result;
          return { result: sent, events: take(send) };
        },
        takeEvents: () => take(send),
      };
    },
  };
}

/**
 * A HostEndpoint over the wire session, for a transport in this thread: an answer's events reach
 * the listeners just before the answer resolves, so the transport sends them first (in its frame).
 */
export function wireEndpoint(wire: WireSession, log: (line: string) => void): HostEndpoint {
  const listeners = new Set<(event: EventMessage) => void>();
  const deliver = (events: readonly EventMessage[]): void => {
    for (const event of events) for (const listener of listeners) listener(event);
  };
  const line = wire.connect(deliver);
  const answered = async (method: string, params: unknown, knownView: number | undefined) => {
    try {
      const { result, events } = await line.answer(method, params, knownView);
      deliver(events);
      return result;
    } catch (error) {
      // A throw from a handler is a bug; the caller still gets an answer.
      log(`${method}: ${String(error)}`);
      return errText('INTERNAL', 'host.failedWhile', { method });
    }
  };
  return {
    invoke: (method, params, options = {}) => answered(method, params, options.knownView),
    invokeJson: async (method, params, options = {}) =>
      encodeResult(await answered(method, params, options.knownView), (e) =>
        log(`${method}: cannot encode the result: ${String(e)}`),
      ),
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
