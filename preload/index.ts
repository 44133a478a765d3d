/**
 * The preload's whole surface: `window.txlab.invoke(method, params, knownView?)` and
 * `window.txlab.subscribe(listener)`. Nothing of Electron itself crosses the bridge (not even the
 * IPC event object), and the main process checks every message again.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { IPC_EVENT_CHANNEL, IPC_INVOKE_CHANNEL, PRELOAD_GLOBAL } from '../shared/contract/wire';

let nextId = 0;

contextBridge.exposeInMainWorld(PRELOAD_GLOBAL, {
  invoke(method: string, params: unknown, knownView?: unknown): Promise<unknown> {
    // knownView: the workspace view the page holds, so views come back as patches (main checks it).
    return ipcRenderer.invoke(IPC_INVOKE_CHANNEL, {
      kind: 'invoke',
      id: nextId++,
      method,
      params,
      ...(knownView === undefined ? {} : { knownView }),
    });
  },
  subscribe(listener: (message: unknown) => void): () => void {
    if (typeof listener !== 'function') throw new TypeError('txlab.subscribe needs a function');
    const forward = (_event: IpcRendererEvent, message: unknown): void => listener(message);
    ipcRenderer.on(IPC_EVENT_CHANNEL, forward);
    return () => {
      ipcRenderer.removeListener(IPC_EVENT_CHANNEL, forward);
    };
  },
});
