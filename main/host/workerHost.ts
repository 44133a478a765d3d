/**
 * The main thread's side of the host: a HostEndpoint that forwards calls to the host worker and
 * relays its events. Both transports (Electron IPC and the loopback WebSocket) serve this.
 */
import { Worker } from 'node:worker_threads';
import { err, type Result } from '../../shared/contract/result';
import { checkJsonShape, MAX_REQUEST_DEPTH } from '../../shared/contract/shape';
import type { DaemonOffer } from '../../shared/contract/methods';
import { encodeResult, type EventMessage, type HostEndpoint, type InvokeOptions } from '../../shared/contract/wire';
import type { SessionOptions } from './session';

export type ToWorker =
  // json: the answer comes as the JSON text of its Result (invokeJson).
  | { kind: 'invoke'; id: number; method: string; params: unknown; knownView?: number; json?: true }
  | { kind: 'close' }
  // The main thread has a listener: events reach it from now on.
  | { kind: 'listen' }
  | { kind: 'export-with-keys'; id: number }
  | { kind: 'offer-daemon'; id: number; path: string };
type FromWorker =
  | { kind: 'ready'; web?: ServedPage }
  | { kind: 'failed'; error: { code: string; message: string } }
  // A request's events come with its answer, to be delivered before it; others come as `events`.
  | ({ kind: 'result'; id: number; events?: readonly EventMessage[] } & Answer)
  | { kind: 'events'; events: readonly EventMessage[] }
  | { kind: 'log'; line: string }
  | { kind: 'closed' }
  | { kind: 'exported'; id: number; json: string }
  | { kind: 'offered'; id: number; result: Result<DaemonOffer> };

type Answer = { result: Result<unknown> } | { json: string };

/** Browser mode's server, run by the worker (browserMode/server.ts). */
export interface ServedPage {
  /** The page to open, token included: `http://127.0.0.1:<port>/#token=<hex>`. */
  readonly url: string;
  readonly token: string;
  readonly port: number;
}

export type WorkerData = Omit<SessionOptions, 'log' | 'catalog'> & {
  /** Serve browser mode from the worker: the built renderer's folder, and a port (0: any free one). */
  readonly web?: { readonly rendererDir: string; readonly port?: number };
};

export interface WorkerHost extends HostEndpoint {
  /** Present when the worker serves browser mode (`web` given); `close` stops it. */
  readonly web?: ServedPage;
  invokeJson(method: string, params: unknown, options?: InvokeOptions): Promise<string>;
  /** Saves and stops. */
  close(): Promise<void>;
  /** Stops at once, without saving: what a crash does (tests use it). */
  terminate(): Promise<void>;
  /** The workspace file with mnemonics, for the main process's explicit export (never the renderer). */
  exportWithKeysDangerously(): Promise<string>;
  /** A node program the person chose in a file dialog of the main process (never a path from the page). */
  offerDaemon(path: string): Promise<Result<DaemonOffer>>;
}

function workerEntry(): { url: URL } {
  // From source (tsx) the worker is TypeScript and needs tsx's loader; a build ships hostWorker.js.
  if (import.meta.url.endsWith('.ts')) return { url: new URL('./hostWorker.dev.mjs', import.meta.url) };
  return { url: new URL('./hostWorker.js', import.meta.url) };
}

export function startWorkerHost(options: WorkerData & { log?: (line: string) => void }): Promise<Result<WorkerHost>> {
  const { log, ...data } = options;
  const entry = workerEntry();
  const worker = new Worker(entry.url, { workerData: data });
  const pending = new Map<number, (answer: Answer) => void>();
  const listeners = new Set<(e: EventMessage) => void>();
  const exports = new Map<number, (json: string) => void>();
  const offers = new Map<number, (result: Result<DaemonOffer>) => void>();
  let nextId = 1;
  let alive = true;
  let onClosed: (() => void) | undefined;
  const deliver = (events: readonly EventMessage[]): void => {
    for (const event of events) for (const l of listeners) l(event);
  };

  return new Promise((resolve) => {
    worker.on('message', (m: FromWorker) => {
      switch (m.kind) {
        case 'ready':
          resolve({ ok: true, value: m.web ? { ...host, web: m.web } : host });
          break;
        case 'failed':
          resolve(err('INTERNAL', `the host could not start: ${m.error.message}`));
          void worker.terminate();
          break;
        case 'result':
          if (m.events) deliver(m.events);
          pending.get(m.id)?.(m);
          pending.delete(m.id);
          break;
        case 'log':
          log?.(m.line);
          break;
        case 'closed':
          onClosed?.();
          break;
        case 'exported':
          exports.get(m.id)?.(m.json);
          exports.delete(m.id);
          break;
        case 'offered':
          offers.get(m.id)?.(m.result);
          offers.delete(m.id);
          break;
        case 'events':
          deliver(m.events);
          break;
      }
    });
    worker.on('error', (e) => {
      log?.(`host worker error: ${e.stack ?? e.message}`);
      resolve(err('INTERNAL', `the host worker failed: ${e.message}`));
    });
    worker.on('exit', (code) => {
      alive = false;
      for (const settle of pending.values()) settle({ result: err('INTERNAL', `the host stopped (exit ${code})`) });
      pending.clear();
      onClosed?.();
    });

    /** Posts a call to the worker; what the worker answers goes to `settle`. */
    const call = <T>(
      method: string,
      params: unknown,
      options: InvokeOptions,
      json: boolean,
      settle: (answer: Answer) => T,
    ): Promise<T> => {
      const refused = (r: Result<unknown>): Promise<T> => Promise.resolve(settle({ result: r }));
      if (!alive) return refused(err('INTERNAL', 'the host has stopped'));
      // postMessage copies recursively: a value nested 100,000 deep would throw here.
      const shape = checkJsonShape(params ?? {}, {
        maxDepth: MAX_REQUEST_DEPTH,
        code: 'BAD_REQUEST',
        what: 'request',
      });
      if (!shape.ok) return refused(shape);
      const id = nextId++;
      return new Promise((resolve) => {
        pending.set(id, (answer) => resolve(settle(answer)));
        const knownView = options.knownView;
        worker.postMessage({
          kind: 'invoke',
          id,
          method,
          params,
          ...(knownView === undefined ? {} : { knownView }),
          ...(json ? { json: true } : {}),
        } satisfies ToWorker);
      });
    };

    const host: WorkerHost = {
      invoke: (method, params, options = {}) =>
        // Asked for an object, the worker sends one; the text form is only for failures made here.
        call(method, params, options, false, (a) =>
          'result' in a ? a.result : (JSON.parse(a.json) as Result<unknown>),
        ),
      invokeJson: (method, params, options = {}) =>
        call(method, params, options, true, (a) =>
          'json' in a ? a.json : encodeResult(a.result, (e) => log?.(`cannot encode a result: ${String(e)}`)),
        ),
      subscribe(listener) {
        if (listeners.size === 0 && alive) worker.postMessage({ kind: 'listen' } satisfies ToWorker);
        listeners.add(listener);
        return () => listeners.delete(listener);
      },
      async close() {
        if (!alive) return;
        await new Promise<void>((done) => {
          onClosed = done;
          worker.postMessage({ kind: 'close' } satisfies ToWorker);
          // The worker saves, then gives its node programs 4 s to stop before it kills them.
          setTimeout(done, 10_000).unref();
        });
        await worker.terminate();
      },
      async terminate() {
        await worker.terminate();
      },
      exportWithKeysDangerously() {
        const id = nextId++;
        return new Promise((done) => {
          exports.set(id, done);
          worker.postMessage({ kind: 'export-with-keys', id } satisfies ToWorker);
        });
      },
      offerDaemon(path) {
        if (!alive) return Promise.resolve(err('INTERNAL', 'the host has stopped'));
        const id = nextId++;
        return new Promise((done) => {
          offers.set(id, done);
          worker.postMessage({ kind: 'offer-daemon', id, path } satisfies ToWorker);
        });
      },
    };
  });
}
