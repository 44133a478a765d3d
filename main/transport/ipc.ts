/**
 * Electron IPC transport: one `handle` channel for requests, one `send` channel for events.
 * Typed against the small slice of Electron it uses, so tests drive it without an Electron binary;
 * `main/index.ts` passes the real `ipcMain` and window.
 */
import { err, type Result } from '../../shared/contract/result';
import {
  IPC_EVENT_CHANNEL,
  IPC_INVOKE_CHANNEL,
  type EventMessage,
  type HostEndpoint,
} from '../../shared/contract/wire';
import { describe, dispatchInvoke } from './dispatch';

/** What the handler reads of Electron's `IpcMainInvokeEvent`. */
export interface IpcInvokeEventLike {
  readonly senderFrame: { readonly url: string; readonly parent: unknown } | null;
}

export interface IpcMainLike {
  handle(channel: string, listener: (event: IpcInvokeEventLike, ...args: unknown[]) => Promise<unknown>): void;
  removeHandler(channel: string): void;
}

/** What the transport needs of a `WebContents` to push events to it. */
export interface EventTargetLike {
  isDestroyed(): boolean;
  getURL(): string;
  send(channel: string, message: EventMessage): void;
}

export interface IpcTransportOptions {
  readonly ipcMain: IpcMainLike;
  readonly host: HostEndpoint;
  /** True only for the app's own page (see `main/security/appPage.ts`). */
  readonly isTrustedUrl: (url: string | undefined) => boolean;
  /** The windows that receive events; each is checked again before every send. */
  readonly eventTargets: () => readonly EventTargetLike[];
  readonly log?: (line: string) => void;
}

/** Reads the sender without trusting it: a frame may be gone, or be a subframe, or another page. */
function senderUrl(event: IpcInvokeEventLike): string | undefined {
  try {
    const frame = event.senderFrame;
    // Only the top-level frame speaks for the app; an iframe never does.
    if (!frame || frame.parent !== null) return undefined;
    return frame.url;
  } catch {
    return undefined; // Electron throws when the frame has been destroyed meanwhile.
  }
}

export async function handleIpcInvoke(
  host: HostEndpoint,
  isTrustedUrl: (url: string | undefined) => boolean,
  event: IpcInvokeEventLike,
  message: unknown,
): Promise<Result<unknown>> {
  const url = senderUrl(event);
  if (!isTrustedUrl(url)) {
    return err('BAD_REQUEST', 'Requests are only accepted from the TxLab window.', { detail: 'UNTRUSTED_SENDER' });
  }
  return (await dispatchInvoke(host, message)).result;
}

/** Starts serving; returns a function that stops it (handler removed, host unsubscribed). */
export function serveIpc(options: IpcTransportOptions): () => void {
  const { ipcMain, host, isTrustedUrl, eventTargets } = options;
  const log = options.log ?? (() => {});
  ipcMain.handle(IPC_INVOKE_CHANNEL, async (event, message) => {
    const result = await handleIpcInvoke(host, isTrustedUrl, event, message);
    if (!result.ok && result.error.detail === 'UNTRUSTED_SENDER')
      log(`ipc: refused a request from ${senderUrl(event) ?? 'an unknown frame'}`);
    return result;
  });
  const unsubscribe = host.subscribe((message) => {
    for (const target of eventTargets()) {
      try {
        if (!target.isDestroyed() && isTrustedUrl(target.getURL())) target.send(IPC_EVENT_CHANNEL, message);
      } catch (error) {
        log(`ipc: could not deliver event ${message.event}: ${describe(error)}`);
      }
    }
  });
  return () => {
    ipcMain.removeHandler(IPC_INVOKE_CHANNEL);
    unsubscribe();
  };
}
