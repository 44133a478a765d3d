/**
 * The platform globals the host's application core may use, in the shape Node and browsers
 * share. Only tsconfig.core.json includes this file (the Node code gets the same names from
 * @types/node), so the core compiles against nothing else of its platform.
 */
declare const performance: { now(): number };

declare const crypto: { getRandomValues<T extends Uint8Array | Uint32Array>(array: T): T };

interface CoreMessagePort {
  addEventListener(type: 'message', listener: () => void, options: { once: true }): void;
  start(): void;
  postMessage(message: null): void;
  close(): void;
}

/** For a turn of the event loop that waits for nothing (work.ts). */
declare class MessageChannel {
  readonly port1: CoreMessagePort;
  readonly port2: CoreMessagePort;
}
