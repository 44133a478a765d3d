/**
 * Chooses the transport once, at start: the preload bridge when running in Electron, otherwise
 * the loopback WebSocket with the token from the page address (`#token=…`).
 */
import { PRELOAD_GLOBAL } from '../../../shared/contract/wire';
import { createIpcTransport, isPreloadBridge } from './ipc';
import type { RendererTransport } from './types';
import { withViewPatches } from './viewPatches';
import { createClosedTransport, createWebSocketTransport, webSocketUrl } from './websocket';

export type { ConnectionState, RendererTransport } from './types';

const TOKEN_STORAGE_KEY = 'txlab.token';

/**
 * The token is moved from the address bar into sessionStorage, so it is not shown on a projected
 * screen or copied with the URL, and a reload of the same tab still finds it.
 */
function takeToken(): string | undefined {
  const fromHash = new URLSearchParams(location.hash.slice(1)).get('token');
  if (fromHash) {
    try {
      sessionStorage.setItem(TOKEN_STORAGE_KEY, fromHash);
      history.replaceState(null, '', location.pathname + location.search);
    } catch {
      // Without storage the token stays in the address, which still works.
    }
    return fromHash;
  }
  try {
    return sessionStorage.getItem(TOKEN_STORAGE_KEY) ?? undefined;
  } catch {
    return undefined;
  }
}

export function chooseTransport(): RendererTransport {
  const bridge: unknown = Reflect.get(window, PRELOAD_GLOBAL);
  if (isPreloadBridge(bridge)) return withViewPatches(createIpcTransport(bridge));
  const token = takeToken();
  return token ? withViewPatches(createWebSocketTransport(webSocketUrl(location, token))) : createClosedTransport();
}
