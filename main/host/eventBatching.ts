/**
 * Host events on their way to the main thread. Mining 1000 blocks (a lesson step waiting out a
 * time lock) announces 1000 `chain.block` events; the window refetches on `workspace.changed` and
 * needs only the newest block of a run. So a run of `chain.block` events keeps its last one per
 * chain, in the order of their latest blocks, before the next other event.
 *
 * Events are held, not posted one by one: a request's events leave with its answer, in one
 * message (`take`), since each message wakes the main thread, which then competes with this one
 * for a core while the request is still being served. What is held when the worker next yields
 * to the event loop (a slice of long work, an event between requests) goes out then, so progress
 * still reaches the window during long work.
 */
import type { EventMessage } from '../../shared/contract/wire';

export interface EventBatcher {
  /** Takes an event from the session. */
  push(event: EventMessage): void;
  /** Everything held, in order, now leaving with an answer; nothing is held afterwards. */
  take(): EventMessage[];
}

export function batchBlockEvents(send: (events: readonly EventMessage[]) => void): EventBatcher {
  const ordered: EventMessage[] = [];
  const blocks = new Map<string, EventMessage>();
  let scheduled = false;
  const take = (): EventMessage[] => {
    ordered.push(...blocks.values());
    blocks.clear();
    return ordered.splice(0);
  };
  const schedule = (): void => {
    if (scheduled) return;
    scheduled = true;
    setImmediate(() => {
      scheduled = false;
      const held = take();
      if (held.length > 0) send(held);
    });
  };
  return {
    push(event) {
      schedule();
      const chain =
        event.event === 'chain.block' ? (event.payload as { chain?: unknown } | undefined)?.chain : undefined;
      if (typeof chain !== 'string') {
        ordered.push(...blocks.values(), event);
        blocks.clear();
        return;
      }
      blocks.delete(chain); // keeps the chains in the order of their latest block
      blocks.set(chain, event);
    },
    take,
  };
}
