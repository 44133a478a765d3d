/** The one transport of this window, chosen at start and shared with every component. */
import { createContext, useContext, useSyncExternalStore, type ReactNode } from 'react';
import type { ConnectionState, RendererTransport } from '../transport';

const HostContext = createContext<RendererTransport | null>(null);

export function HostProvider({
  transport,
  children,
}: {
  readonly transport: RendererTransport;
  readonly children: ReactNode;
}): ReactNode {
  return <HostContext.Provider value={transport}>{children}</HostContext.Provider>;
}

export function useHost(): RendererTransport {
  const transport = useContext(HostContext);
  if (!transport) throw new Error('useHost outside HostProvider'); // a wiring bug
  return transport;
}

export function useConnection(): ConnectionState {
  const transport = useHost();
  return useSyncExternalStore(transport.onConnectionChange, transport.connection);
}
