/** A typed view of a ClientEndpoint: `call('chain.mine', {...})` with request and response types checked. */
import type { MethodName, MethodRequest, MethodResponses } from './methods';
import type { Result } from './result';
import type { ClientEndpoint, EventMessage } from './wire';
import type { HostEventName, HostEvents } from './methods';

export interface TypedClient {
  call<M extends MethodName>(method: M, params: MethodRequest<M>): Promise<Result<MethodResponses[M]>>;
  on<E extends HostEventName>(event: E, listener: (payload: HostEvents[E]) => void): () => void;
}

export function typedClient(endpoint: ClientEndpoint): TypedClient {
  return {
    call: (method, params) => endpoint.invoke(method, params) as Promise<Result<MethodResponses[typeof method]>>,
    on: (event, listener) =>
      endpoint.subscribe((message: EventMessage) => {
        if (message.event === event) listener(message.payload as HostEvents[typeof event]);
      }),
  };
}
