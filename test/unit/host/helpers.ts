/** A headless workbench for host tests: wallets in memory, a fixed seed, events collected. */
import { dispatch, type Handlers } from '../../../shared/contract/dispatch';
import type { MethodName, MethodRequest, MethodResponses } from '../../../shared/contract/methods';
import type { Result } from '../../../shared/contract/result';
import type { Unlock } from '../../../shared/workspace/model';
import type { EventMessage } from '../../../shared/contract/wire';
import { nodePlatform } from '../../../main/host/backends';
import { createHandlers } from '../../../main/host/handlers';
import { MemoryWalletProvider } from '../../../main/host/walletProviders';
import { Workbench, type ScenarioCatalog } from '../../../main/host/workbench';

/** The smallest valid scenario file (a Bitcoin chain, no wallets, an empty graph), with `extra` fields over it. */
export function scenarioFile(extra: Readonly<Record<string, unknown>> = {}): Record<string, unknown> {
  return {
    format: 'txlab-scenario',
    version: 1,
    name: 'x',
    title: { en: 'x', zh: 'x' },
    seed: 1,
    wallets: [],
    chains: [{ id: 'btc', era: 'modern', startTime: 1_700_000_000 }],
    history: [],
    graph: { nodes: [] },
    ...extra,
  };
}

export interface TestBench {
  bench: Workbench;
  handlers: Handlers;
  events: EventMessage[];
  // Function properties, not methods: tests pass `t.must` around on its own.
  call: <M extends MethodName>(method: M, params: MethodRequest<M>) => Promise<Result<MethodResponses[M]>>;
  /** Calls and fails the test with the error message if the call failed. */
  must: <M extends MethodName>(method: M, params: MethodRequest<M>) => Promise<MethodResponses[M]>;
}

export async function testBench(options: { seed?: number; catalog?: ScenarioCatalog } = {}): Promise<TestBench> {
  const events: EventMessage[] = [];
  const bench = await Workbench.open({
    wallets: new MemoryWalletProvider(),
    mode: 'headless',
    version: 'test',
    seed: options.seed ?? 7,
    backends: nodePlatform(),
    emit: (e) => events.push(e),
    ...(options.catalog ? { catalog: options.catalog } : {}),
  });
  const handlers = createHandlers(bench);
  const call = <M extends MethodName>(method: M, params: MethodRequest<M>) =>
    dispatch(handlers, method, params) as Promise<Result<MethodResponses[M]>>;
  return {
    bench,
    handlers,
    events,
    call,
    must: async (method, params) => {
      const r = await call(method, params);
      if (!r.ok) throw new Error(`${method} failed: ${r.error.code} ${r.error.message}`);
      return r.value;
    },
  };
}

/** As a lesson's template would: the draft's first input gets the unlock a builder made (one undo step). */
export function setUnlock(t: TestBench, node: string, unlock: Unlock): void {
  const graph = t.bench.doc.graph;
  t.bench.edit(
    {
      nodes: graph.nodes.map((n) =>
        n.id === node && n.kind === 'draft'
          ? { ...n, tx: { ...n.tx, inputs: n.tx.inputs.map((i, k) => (k === 0 ? { ...i, unlock } : i)) } }
          : n,
      ),
    },
    'record',
  );
}

/** A draft paying `to` from a coin on the chain (graph.payFromCoin, change back to the coin's owner); its node id. */
export async function payFrom(
  t: TestBench,
  coin: { readonly txid: string; readonly vout: number },
  to: string,
  value: bigint,
): Promise<string> {
  const paid = await t.must('graph.payFromCoin', {
    chain: 'btc',
    coin: { txid: coin.txid, vout: coin.vout },
    to: { wallet: to },
    value: value.toString(),
    position: { x: 0, y: 0 },
  });
  return paid.created;
}
