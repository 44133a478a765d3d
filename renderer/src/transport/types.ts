import type { ClientEndpoint } from '../../../shared/contract/wire';

/** Why a connection is closed; the UI turns these into sentences. */
export type ClosedReason = 'noToken' | 'refused' | 'lost';

export type ConnectionState =
  | { readonly kind: 'connecting' }
  | { readonly kind: 'open' }
  | { readonly kind: 'closed'; readonly reason: ClosedReason };

/** The renderer's endpoint plus what the status indicator needs to know about the link itself. */
export interface RendererTransport extends ClientEndpoint {
  readonly kind: 'ipc' | 'websocket';
  // Function properties: useSyncExternalStore takes them detached from the transport.
  readonly connection: () => ConnectionState;
  readonly onConnectionChange: (listener: (state: ConnectionState) => void) => () => void;
}
