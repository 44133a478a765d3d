/**
 * The host's worker thread: runs a host session and answers the main thread's messages, so long
 * work (mining a thousand blocks, a lesson replay) never blocks the window or the transports.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { BuiltinCatalog } from './catalog';
import { batchBlockEvents } from './eventBatching';
import { ViewEncoder } from '../../shared/contract/viewPatch';
import { openHostSession, type SessionOptions } from './session';
import { encodeResult } from '../../shared/contract/wire';
import type { ToWorker } from './workerHost';

async function main(): Promise<void> {
  const port = parentPort;
  if (!port) throw new Error('hostWorker must run in a worker thread');
  const options = workerData as Omit<SessionOptions, 'log' | 'catalog'>;
  const log = (line: string): void => port.postMessage({ kind: 'log', line });
  // The built-in scenarios are code, so the worker makes its own catalog (nothing to send across).
  const opened = await openHostSession({ ...options, log, catalog: new BuiltinCatalog() });
  if (!opened.ok) {
    port.postMessage({ kind: 'failed', error: opened.error });
    return;
  }
  const session = opened.value;
  const events = batchBlockEvents((held) => port.postMessage({ kind: 'events', events: held }));
  session.subscribe((event) => events.push(event));
  /** Before a reply that cannot carry them: the events held go first, as they happened first. */
  const flushEvents = (): void => {
    const held = events.take();
    if (held.length > 0) port.postMessage({ kind: 'events', events: held });
  };
  // Views go to the page as patches against the one it holds, built here so the whole view never crosses the thread.
  const views = new ViewEncoder();
  port.on('message', (message: ToWorker) => {
    if (message.kind === 'invoke') {
      void session.invoke(message.method, message.params).then((result) => {
        const sent = result.ok ? { ok: true as const, value: views.encode(result.value, message.knownView) } : result;
        // For the WebSocket, JSON made here crosses as one string and goes out as it is.
        const answer = message.json
          ? { json: encodeResult(sent, (e) => log(`${message.method}: cannot encode the result: ${String(e)}`)) }
          : { result: sent };
        const held = events.take();
        port.postMessage({ kind: 'result', id: message.id, ...answer, ...(held.length > 0 ? { events: held } : {}) });
      });
    } else if (message.kind === 'export-with-keys') {
      flushEvents();
      port.postMessage({ kind: 'exported', id: message.id, json: session.exportWithKeysDangerously() });
    } else if (message.kind === 'offer-daemon') {
      void session.offerDaemon(message.path).then((result) => {
        flushEvents();
        port.postMessage({ kind: 'offered', id: message.id, result });
      });
    } else if (message.kind === 'close') {
      void session.flush().then(() => {
        flushEvents();
        port.postMessage({ kind: 'closed' });
      });
    }
  });
  port.postMessage({ kind: 'ready' });
}

void main();
