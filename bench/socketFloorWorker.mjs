/**
 * The socket floor's two halves (socketFloor.ts): a fixed piece of CPU work, the same in every
 * thread, and, run as a worker, a bare WebSocket server on 127.0.0.1 that does that work for each
 * message and answers. No JSON, no schema, no host: what any thread-and-socket design pays.
 */
import { createHash } from 'node:crypto';
import { isMainThread, parentPort } from 'node:worker_threads';
import { WebSocketServer } from 'ws';

/**
 * Hashing, small objects and a JSON print, like a host call's mix. Returns a number so that the
 * work cannot be left out.
 */
export function work(units) {
  let total = 0;
  for (let u = 0; u < units; u++) {
    const made = [];
    for (let i = 0; i < 8; i++) {
      const digest = createHash('sha256').update(`unit ${u} item ${i}`).digest('hex');
      made.push({ digest, index: i, parts: [u, i, digest.length] });
    }
    total += JSON.stringify(made).length;
  }
  return total;
}

if (!isMainThread && parentPort) {
  const server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  server.on('listening', () => parentPort.postMessage({ port: server.address().port }));
  server.on('connection', (socket) => {
    socket.on('message', (data) => socket.send(String(work(Number(data.toString())))));
  });
}
