/**
 * What any thread-and-socket design costs on this machine, measured beside the host: a bare
 * WebSocket server in a worker thread does a fixed piece of CPU work per message, and the same
 * work is timed in this thread. Their ratio is the floor under `host_overhead_ratio` in the same
 * run: the wake-ups of two threads and the loopback, with no JSON, schema or host in the way.
 */
import { Worker } from 'node:worker_threads';
import { WebSocket } from 'ws';
import { median } from './harness';
import { work } from './socketFloorWorker.mjs';

export interface SocketFloor {
  /** Sizes the work so that three calls take about `ms` in this thread, measured as they are timed. */
  calibrate(ms: number): Promise<void>;
  /** Three calls through the socket, each doing the work in the worker: ms. */
  throughSocket(): Promise<number>;
  /** The same three pieces of work in this thread: ms. */
  inThisThread(): Promise<number>;
  close(): Promise<void>;
}

export async function startSocketFloor(): Promise<SocketFloor> {
  const worker = new Worker(new URL('./socketFloorWorker.mjs', import.meta.url));
  const { port } = await new Promise<{ port: number }>((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
  });
  const socket = new WebSocket(`ws://127.0.0.1:${port}`);
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });
  let units = 1;
  const call = (): Promise<void> =>
    new Promise((resolve) => {
      socket.once('message', () => resolve());
      socket.send(String(units));
    });
  const inThisThread = async (): Promise<number> => {
    const t = performance.now();
    // Each call ends in a promise turn, as an awaited host call does.
    for (let i = 0; i < 3; i++) await Promise.resolve(work(units));
    return performance.now() - t;
  };
  return {
    async calibrate(ms) {
      // A few passes, each the median of several: the time per unit in a tight loop is not the
      // time between host calls, and one sample on this machine can be twice another.
      for (let pass = 0; pass < 4; pass++) {
        const took: number[] = [];
        for (let i = 0; i < 7; i++) took.push(await inThisThread());
        units = Math.max(1, Math.round((units * ms) / median(took)));
      }
    },
    async throughSocket() {
      const t = performance.now();
      for (let i = 0; i < 3; i++) await call();
      return performance.now() - t;
    },
    inThisThread,
    async close() {
      socket.close();
      await worker.terminate();
    },
  };
}
