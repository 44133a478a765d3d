/** The Electron transport: calls the preload's `window.txlab` bridge. */
import { err, type Result } from '../../../shared/contract/result';
import type { EventMessage, InvokeOptions } from '../../../shared/contract/wire';
import { toEvent, toResult } from './messages';
import type { ConnectionState, RendererTransport } from './types';

/** What the preload exposes (see preload/index.ts). */
export interface PreloadBridge {
  invoke(method: string, params: unknown, knownView?: number): Promise<unknown>;
  subscribe(listener: (message: unknown) => void): () => void;
}

export function isPreloadBridge(value: unknown): value is PreloadBridge {
  if (typeof value !== 'object' || value === null) return false;
  return typeof Reflect.get(value, 'invoke') === 'function' && typeof Reflect.get(value, 'subscribe') === 'function';
}

const OPEN: ConnectionState = { kind: 'open' };

export function createIpcTransport(bridge: PreloadBridge): RendererTransport {
  return {
    kind: 'ipc',
    async invoke(method: string, params: unknown, options: InvokeOptions = {}): Promise<Result<unknown>> {
      try {
        return toResult(
          await (options.knownView === undefined
            ? bridge.invoke(method, params)
            : bridge.invoke(method, params, options.knownView)),
        );
      } catch {
        // Only reachable when IPC itself breaks (the main process never throws across it).
        return err('INTERNAL', `The call to ${method} did not reach the host.`);
      }
    },
    subscribe(listener: (event: EventMessage) => void): () => void {
      return bridge.subscribe((message) => {
        const event = toEvent(message);
        if (event) listener(event);
      });
    },
    // IPC has no connection to lose: the window lives exactly as long as the main process.
    connection: () => OPEN,
    onConnectionChange: () => () => {},
  };
}
