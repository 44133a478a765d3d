/**
 * Host events on their way to the window. Mining 1000 blocks (a lesson step waiting out a time
 * lock) announces 1000 `chain.block` events; the window refetches on `workspace.changed` and needs
 * only the newest block of a run. So a run of `chain.block` events keeps its last one per chain,
 * sent before any other event and before any answer, in the order the chains first spoke.
 */
import type { EventMessage } from '../../shared/contract/wire';

export interface EventBatcher {
  /** Takes an event from the session. */
  push(event: EventMessage): void;
  /** Sends what is held (before an answer goes out). */
  flush(): void;
}

export function batchBlockEvents(send: (event: EventMessage) => void): EventBatcher {
  const held = new Map<string, EventMessage>();
  let scheduled = false;
  const flush = (): void => {
    for (const event of held.values()) send(event);
    held.clear();
  };
  return {
    push(event) {
      const chain =
        event.event === 'chain.block' ? (event.payload as { chain?: unknown } | undefined)?.chain : undefined;
      if (typeof chain !== 'string') {
        flush();
        send(event);
        return;
      }
      held.delete(chain); // keeps the chains in the order of their latest block
      held.set(chain, event);
      if (!scheduled) {
        scheduled = true;
        setImmediate(() => {
          scheduled = false;
          flush();
        });
      }
    },
    flush,
  };
}
