/**
 * JSON-RPC batches (an array of calls in one HTTP request, which Core answers in order): for the
 * tens of thousands of decoderawtransaction calls of the built-ins' comparison, where one request
 * per call costs more than the decoding. Test-only; the app's client (rpcClient.ts) makes single calls.
 */
import { readFile } from 'node:fs/promises';
import http from 'node:http';
import path from 'node:path';
import { z } from 'zod';
import type { LocalDaemon } from '../../../main/backends/localDaemon';

const Reply = z.array(
  z.object({
    id: z.number(),
    result: z.unknown(),
    error: z.object({ code: z.number(), message: z.string() }).nullable().optional(),
  }),
);

export type BatchAnswer =
  | { readonly ok: true; readonly result: unknown }
  | { readonly ok: false; readonly code: number; readonly message: string };

/** Calls `method` once per entry of `params`; the answers come back in the same order. */
export async function callBatch(
  node: LocalDaemon,
  method: string,
  params: readonly (readonly unknown[])[],
): Promise<BatchAnswer[]> {
  const cookie = (await readFile(path.join(node.datadir, 'regtest', '.cookie'), 'utf8')).trim();
  const body = JSON.stringify(params.map((p, id) => ({ jsonrpc: '1.0', id, method, params: p })));
  const text = await new Promise<string>((resolve, reject) => {
    const request = http.request(
      {
        host: '127.0.0.1',
        port: node.rpcPort,
        method: 'POST',
        path: '/',
        agent: false,
        headers: {
          'content-type': 'application/json',
          authorization: `Basic ${Buffer.from(cookie).toString('base64')}`,
        },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
        response.on('error', reject);
      },
    );
    request.on('error', reject);
    request.end(body);
  });
  const replies = Reply.parse(JSON.parse(text));
  const byId = new Map(replies.map((r) => [r.id, r]));
  return params.map((_, id) => {
    const r = byId.get(id);
    if (!r) return { ok: false, code: 0, message: `no answer to call ${id} of the batch` };
    return r.error ? { ok: false, code: r.error.code, message: r.error.message } : { ok: true, result: r.result };
  });
}
