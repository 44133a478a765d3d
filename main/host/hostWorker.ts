/**
 * The host's worker thread: runs a host session and answers the main thread's messages, so long
 * work (mining a thousand blocks, a lesson replay) never blocks the window or the transports.
 * In browser mode it also serves the page itself (browserMode/server.ts): the page's requests
 * reach the host without crossing the main thread.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { killDaemonsNow } from '../backends/localDaemon';
import { BuiltinCatalog } from './catalog';
import { openHostSession } from './session';
import { encodeResult } from '../../shared/contract/wire';
import { type WireLine, wireEndpoint, wireSession } from './wireSession';
import type { WorkerData, ToWorker } from './workerHost';

/** How long quitting waits for the chains' node programs to stop cleanly before killing them. */
const NODE_STOP_MS = 4_000;

async function main(): Promise<void> {
  const port = parentPort;
  if (!port) throw new Error('hostWorker must run in a worker thread');
  const { web: webOptions, ...options } = workerData as WorkerData;
  const log = (line: string): void => port.postMessage({ kind: 'log', line });
  // The built-in scenarios are code, so the worker makes its own catalog (nothing to send across).
  const opened = await openHostSession({ ...options, log, catalog: new BuiltinCatalog() });
  if (!opened.ok) {
    port.postMessage({ kind: 'failed', error: opened.error });
    return;
  }
  const session = opened.value;
  const wire = wireSession(session);
  // Browser mode's main thread neither asks nor listens, unless a test does: its line opens then,
  // so a page's answers do not also wake the main thread with events nobody reads.
  let portLine: WireLine | undefined;
  const line = (): WireLine => (portLine ??= wire.connect((events) => port.postMessage({ kind: 'events', events })));
  if (!webOptions) line();
  /** Before a reply that cannot carry them: the events held go first, as they happened first. */
  const flushEvents = (): void => {
    const held = line().takeEvents();
    if (held.length > 0) port.postMessage({ kind: 'events', events: held });
  };
  let web: { readonly url: string; readonly token: string; readonly port: number; close(): Promise<void> } | undefined;
  if (webOptions) {
    // Loaded only here: the desktop app's worker never serves a page.
    const { startWebServer } = await import('../browserMode/server');
    try {
      web = await startWebServer({ host: wireEndpoint(wire, log), log, ...webOptions });
    } catch (error) {
      port.postMessage({ kind: 'failed', error: { code: 'INTERNAL', message: String(error) } });
      return;
    }
  }
  port.on('message', (message: ToWorker) => {
    if (message.kind === 'invoke') {
      void line()
        .answer(message.method, message.params, message.knownView)
        .then(({ result, events }) => {
          // For the WebSocket, JSON made here crosses as one string and goes out as it is.
          const answer = message.json
            ? { json: encodeResult(result, (e) => log(`${message.method}: cannot encode the result: ${String(e)}`)) }
            : { result };
          port.postMessage({ kind: 'result', id: message.id, ...answer, ...(events.length > 0 ? { events } : {}) });
        });
    } else if (message.kind === 'listen') {
      line();
    } else if (message.kind === 'export-with-keys') {
      flushEvents();
      port.postMessage({ kind: 'exported', id: message.id, json: session.exportWithKeysDangerously() });
    } else if (message.kind === 'offer-daemon') {
      void session.offerDaemon(message.path).then((result) => {
        flushEvents();
        port.postMessage({ kind: 'offered', id: message.id, result });
      });
    } else if (message.kind === 'close') {
      void (web?.close() ?? Promise.resolve())
        .then(() => session.flush())
        .then(() => Promise.race([session.stopNodes(), new Promise((done) => setTimeout(done, NODE_STOP_MS))]))
        .then(() => {
          // A node that has not stopped cleanly by now is killed: it must not outlive TxLab, and
          // nothing in this thread runs once the main thread terminates it.
          killDaemonsNow();
          flushEvents();
          port.postMessage({ kind: 'closed' });
        });
    }
  });
  const served = web ? { web: { url: web.url, token: web.token, port: web.port } } : {};
  port.postMessage({ kind: 'ready', ...served });
}

void main();
