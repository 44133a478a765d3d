/**
 * The RPC client and the local-node launcher: loopback only, typed failures (unreachable, refused
 * credentials, timeouts, RPC errors), two nodes connected over P2P, and cleanup on stop and on exit.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { freePort, type LocalDaemon, startLocalNetwork } from '../../main/backends/localDaemon';
import { createRpcClient } from '../../main/backends/rpcClient';
import { rpc, unwrap } from './support/node';

const run = promisify(execFile);

const isAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/** A local HTTP server that answers every request with `handler`. */
async function fakeNode(handler: http.RequestListener): Promise<{ url: string; close: () => Promise<void> }> {
  const server = http.createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

const auth = { kind: 'password', user: 'u', password: 'p' } as const;

describe('rpcClient', () => {
  it('refuses hosts outside loopback unless allowRemote is set', () => {
    for (const url of ['http://192.168.1.10:8332/', 'http://example.com:8332/', 'http://[2001:db8::1]:8332/']) {
      const client = createRpcClient({ url, auth });
      expect(client.ok ? 'accepted' : client.error.code).toBe('BAD_REQUEST');
    }
    expect(createRpcClient({ url: 'http://example.com:8332/', auth, allowRemote: true }).ok).toBe(true);
    for (const url of ['http://127.0.0.1:1/', 'http://localhost:1/', 'http://[::1]:1/'])
      expect(createRpcClient({ url, auth }).ok).toBe(true);
    const https = createRpcClient({ url: 'https://127.0.0.1:1/', auth });
    expect(https.ok ? 'accepted' : https.error.code).toBe('BAD_REQUEST');
  });

  it('reports an unreachable node as BACKEND_UNAVAILABLE', async () => {
    const client = unwrap(createRpcClient({ url: `http://127.0.0.1:${await freePort()}/`, auth }), 'client');
    const answer = await client.call('getblockcount', [], z.number());
    expect(answer.ok ? 'answered' : answer.error.code).toBe('BACKEND_UNAVAILABLE');
    expect(answer.ok ? '' : answer.error.detail).toBe('ECONNREFUSED');
    client.close();
  });

  it('reports a missing cookie, refused credentials, a timeout and non-JSON as BACKEND_UNAVAILABLE', async () => {
    const cookieless = unwrap(
      createRpcClient({ url: 'http://127.0.0.1:1/', auth: { kind: 'cookie', cookieFile: '/nonexistent/.cookie' } }),
      'client',
    );
    const noCookie = await cookieless.call('getblockcount', [], z.number());
    expect(noCookie.ok ? '' : noCookie.error.message).toMatch(/no RPC cookie/);

    const refusing = await fakeNode((_req, res) => res.writeHead(401).end());
    const silent = await fakeNode(() => undefined);
    const garbled = await fakeNode((_req, res) => res.writeHead(200).end('<html>'));
    try {
      for (const [server, pattern] of [
        [refusing, /refused the credentials/],
        [silent, /no answer within 200 ms/],
        [garbled, /not JSON/],
      ] as const) {
        const client = unwrap(createRpcClient({ url: server.url, auth, timeoutMs: 200 }), 'client');
        const answer = await client.call('getblockcount', [], z.number());
        expect(answer.ok ? 'answered' : answer.error.code).toBe('BACKEND_UNAVAILABLE');
        expect(answer.ok ? '' : answer.error.message).toMatch(pattern);
        client.close();
      }
    } finally {
      await Promise.all([refusing.close(), silent.close(), garbled.close()]);
    }
  });
});

describe('localDaemon', () => {
  let nodes: LocalDaemon[] = [];
  afterAll(async () => {
    await Promise.all(nodes.map((n) => n.stop()));
  });

  it('starts two regtest nodes on loopback, connects them, and a block mined on one reaches the other', async () => {
    nodes = unwrap(await startLocalNetwork(2), 'startLocalNetwork');
    const [a, b] = nodes as [LocalDaemon, LocalDaemon];
    expect(a.rpcPort).not.toBe(b.rpcPort);
    const chain = await rpc(a, 'getblockchaininfo', [], z.object({ chain: z.string() }));
    expect(chain.chain).toBe('regtest');
    const peers = await rpc(b, 'getpeerinfo', [], z.array(z.object({ addr: z.string() })));
    expect(peers.every((p) => p.addr.startsWith('127.0.0.1:'))).toBe(true);

    const rpcError = await a.rpc.call('getblockhash', [99], z.string());
    expect(rpcError.ok ? 'answered' : rpcError.error.code).toBe('REJECTED');
    expect(rpcError.ok ? '' : rpcError.error.detail).toBe('Block height out of range');

    // raw(51): an OP_TRUE output, so no address (and no network-specific encoding) is needed.
    const [hash] = await rpc(a, 'generatetodescriptor', [1, 'raw(51)'], z.array(z.string()));
    let seen = '';
    for (let i = 0; i < 100 && seen !== hash; i++) {
      seen = await rpc(b, 'getbestblockhash', [], z.string());
      if (seen !== hash) await new Promise((r) => setTimeout(r, 100));
    }
    expect(seen).toBe(hash);
  });

  it('stop() shuts the node down and deletes its datadir', async () => {
    const node = nodes.pop()!;
    await node.stop();
    expect(isAlive(node.pid)).toBe(false);
    expect(existsSync(node.datadir)).toBe(false);
    const after = await node.rpc.call('getblockcount', [], z.number());
    expect(after.ok ? 'answered' : after.error.code).toBe('BACKEND_UNAVAILABLE');
  });

  it('kills and cleans up a node whose process exits without stopping it', async () => {
    const script = path.join(import.meta.dirname, 'fixtures', 'startAndExit.ts');
    const { stdout } = await run(process.execPath, ['--import', 'tsx', script], { timeout: 60_000 });
    const { pid, datadir } = z.object({ pid: z.number(), datadir: z.string() }).parse(JSON.parse(stdout.trim()));
    for (let i = 0; i < 50 && isAlive(pid); i++) await new Promise((r) => setTimeout(r, 100));
    expect(isAlive(pid)).toBe(false);
    expect(existsSync(datadir)).toBe(false);
  });
});
