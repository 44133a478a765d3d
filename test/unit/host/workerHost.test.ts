import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { WorkspaceView } from '../../../shared/contract/views';
import type { EventMessage } from '../../../shared/contract/wire';
import { startWorkerHost, type WorkerHost } from '../../../main/host/workerHost';

async function start(dataDir: string): Promise<WorkerHost> {
  const r = await startWorkerHost({ dataDir, mode: 'headless', version: 'test', seed: 11 });
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

async function view(host: WorkerHost): Promise<WorkspaceView> {
  const r = await host.invoke('workspace.get', {});
  if (!r.ok) throw new Error(r.error.message);
  return r.value as WorkspaceView;
}

describe('the host in its worker thread', () => {
  it('reopens the workspace as it was after the process is killed', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'txlab-host-'));
    const first = await start(dir);
    const added = await first.invoke('graph.addNode', { template: 'custom', chain: 'btc', position: { x: 10, y: 20 } });
    expect(added.ok).toBe(true);
    await first.invoke('chain.mine', { chain: 'btc', count: 3, to: { wallet: 'Bob' } });
    const before = await view(first);
    // Give the debounced autosave time to land, then stop the worker as a crash would: no flush.
    await new Promise((r) => setTimeout(r, 1_000));
    await first.terminate();
    const second = await start(dir);
    const after = await view(second);
    expect(after.nodes.map((n) => [n.id, n.position])).toEqual(before.nodes.map((n) => [n.id, n.position]));
    expect(after.chains.map((c) => [c.id, c.height, c.tipHash])).toEqual(
      before.chains.map((c) => [c.id, c.height, c.tipHash]),
    );
    expect(after.wallets.map((w) => [w.name, w.balances])).toEqual(before.wallets.map((w) => [w.name, w.balances]));
    await second.close();
  });

  it('reports progress while mining and never blocks the main thread', async () => {
    const host = await start(mkdtempSync(join(tmpdir(), 'txlab-host-')));
    const progress: EventMessage[] = [];
    host.subscribe((e) => {
      if (e.event === 'progress') progress.push(e);
    });
    // The main thread's timer keeps firing while the worker mines 400 blocks.
    let ticks = 0;
    let worstGapMs = 0;
    let last = performance.now();
    const timer = setInterval(() => {
      const now = performance.now();
      worstGapMs = Math.max(worstGapMs, now - last);
      last = now;
      ticks++;
    }, 10);
    const startedAt = performance.now();
    const r = await host.invoke('chain.mine', { chain: 'btc', count: 400 });
    const elapsed = performance.now() - startedAt;
    clearInterval(timer);
    expect(r.ok).toBe(true);
    // Reported while it worked (at most every 100 ms: work.ts), not only at the end.
    expect(progress.length).toBeGreaterThanOrEqual(2);
    expect((progress[0]!.payload as { done: number }).done).toBeLessThan(400);
    const lastProgress = progress.at(-1)!.payload as { done: number; total: number };
    expect(lastProgress).toMatchObject({ done: 400, total: 400 });
    // The timer kept its pace (10 ms) for most of the time the worker was busy.
    expect(ticks).toBeGreaterThanOrEqual(Math.floor(elapsed / 10 / 2));
    expect(worstGapMs).toBeLessThan(250);
    await host.close();
  });

  it('answers a malformed request with a typed error', async () => {
    const host = await start(mkdtempSync(join(tmpdir(), 'txlab-host-')));
    const r = await host.invoke('chain.mine', { chain: 'doge', count: -1 });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe('BAD_REQUEST');
    const u = await host.invoke('no.such', {});
    expect(!u.ok && u.error.code).toBe('UNKNOWN_METHOD');
    await host.close();
  });

  it('delivers the events a request caused before its answer, and gives the answer as JSON on request', async () => {
    const host = await start(mkdtempSync(join(tmpdir(), 'txlab-host-')));
    const seen: string[] = [];
    host.subscribe((e) => seen.push(e.event));
    const mined = await host.invoke('chain.mine', { chain: 'btc', count: 2, to: { wallet: 'Bob' } });
    seen.push('answer');
    expect(mined.ok).toBe(true);
    expect(seen.slice(-2)).toEqual(['workspace.changed', 'answer']);
    expect(seen).toContain('chain.block');

    seen.length = 0;
    const text = await host.invokeJson('chain.mine', { chain: 'btc', count: 1, to: { wallet: 'Bob' } });
    seen.push('answer');
    expect(seen.slice(-2)).toEqual(['workspace.changed', 'answer']);
    const answer = JSON.parse(text) as { ok: boolean; value: { chains: { id: string; height: number }[] } };
    const before = mined.ok ? (mined.value as { chains: { id: string; height: number }[] }) : undefined;
    const height = (v: typeof before) => v?.chains.find((c) => c.id === 'btc')?.height;
    expect(answer.ok).toBe(true);
    expect(height(answer.value)).toBe(height(before)! + 1);

    const refused = JSON.parse(await host.invokeJson('chain.mine', { chain: 'doge', count: -1 })) as unknown;
    expect(refused).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    await host.close();
  });
});
