/** Every server TxLab opens listens on the loopback interface only, never on 0.0.0.0. */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export const LOOPBACK_HOST = '127.0.0.1';

/** Listens on 127.0.0.1; port 0 (the default) lets the OS pick a free one. */
export function listenOnLoopback(server: Server, port = 0): Promise<AddressInfo> {
  return new Promise((resolve, reject) => {
    const onError = (error: Error): void => reject(error);
    server.once('error', onError);
    server.listen({ host: LOOPBACK_HOST, port, exclusive: true }, () => {
      server.off('error', onError);
      const address = server.address();
      if (address === null || typeof address === 'string') {
        reject(new Error('server is not listening on a TCP port'));
        return;
      }
      resolve(address);
    });
  });
}
