/**
 * The host answers one request at a time: a request that waits (here, on a slow node at a URL)
 * finishes before the next one starts, so nothing changes the workspace under it.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openHostSession } from '../../../main/host/session';

let server: Server;
let port = 0;

beforeAll(async () => {
  // A "node" that takes 300 ms to refuse every call.
  server = createServer((_req, res) => {
    setTimeout(() => {
      res.writeHead(401);
      res.end();
    }, 300);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

describe('host request order', () => {
  it('finishes a waiting request before it starts the next one', async () => {
    const opened = await openHostSession({ mode: 'headless', version: 'test', seed: 3 });
    if (!opened.ok) throw new Error(opened.error.message);
    const session = opened.value;
    const before = session.bench.view().chains.find((c) => c.id === 'btc')!.height;
    const finished: string[] = [];
    const slow = session
      .invoke('chain.setBackend', {
        chain: 'btc',
        backend: { kind: 'rpc', url: `http://127.0.0.1:${port}/`, user: 'u', password: 'p' },
      })
      .then((r) => {
        finished.push('setBackend');
        return r;
      });
    const quick = session.invoke('chain.mine', { chain: 'btc', count: 1 }).then((r) => {
      finished.push('mine');
      return r;
    });
    const [refused, mined] = await Promise.all([slow, quick]);
    expect(refused.ok).toBe(false);
    expect(mined.ok).toBe(true);
    expect(finished).toEqual(['setBackend', 'mine']);
    expect(session.bench.view().chains.find((c) => c.id === 'btc')!.height).toBe(before + 1);
  });
});
