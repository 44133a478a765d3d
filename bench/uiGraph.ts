/**
 * A large, realistic scenario file for the UI benchmark: chains of P2PKH payments, each starting
 * at one of Alice's matured coinbases and paying Bob onwards, 25 transactions a row. The host
 * builds the first two payments (so every field is what the workbench itself writes); the rest are
 * copies of them, chained output 0 → input 0 with 2,000 sat of fee a hop.
 */
import type { MethodName, MethodRequest, MethodResponses, UtxoView } from '../shared/contract/methods';
import type { HostEndpoint } from '../shared/contract/wire';

const ROW_LENGTH = 25;
const FEE = 2_000n;
const SPACING = { x: 340, y: 230 };

type Call = <M extends MethodName>(method: M, params: MethodRequest<M>) => Promise<MethodResponses[M]>;

function caller(host: HostEndpoint): Call {
  return async (method, params) => {
    const r = await host.invoke(method, params);
    if (!r.ok) throw new Error(`${method}: ${r.error.message}`);
    return r.value as MethodResponses[typeof method];
  };
}

interface ScenarioFile {
  name: string;
  graph: { nodes: GraphNode[] };
  [key: string]: unknown;
}
interface GraphNode {
  kind: 'chain' | 'draft';
  id: string;
  label: string;
  position: { x: number; y: number };
  tx?: { inputs: { prevout?: { node: string; output: number } }[]; outputs: { value: string }[] };
  [key: string]: unknown;
}

export interface GraphFiles {
  /** Scenario files by transaction count. */
  readonly files: ReadonlyMap<number, string>;
}

/**
 * Builds one scenario file per requested size (each a multiple of `ROW_LENGTH`), all from the
 * same chains, on a fresh host the caller owns.
 */
export async function buildGraphFiles(host: HostEndpoint, sizes: readonly number[]): Promise<GraphFiles> {
  const call = caller(host);
  const rows = Math.max(...sizes) / ROW_LENGTH;
  // The new workspace has Alice's 101 coinbases on btc, one of them mature; 100 more blocks mature them all.
  await call('chain.mine', { chain: 'btc', count: 100, to: { wallet: 'Carol' } });
  const { utxos } = await call('wallet.utxos', { wallet: 'Alice', chain: 'btc' });
  const first = utxos.find((u) => u.coinbase && u.mature);
  if (!first) throw new Error('no matured coinbase for Alice');
  // Copies reuse the first row's signature slots, so every row starts from a coin of the same key and value.
  const coins: UtxoView[] = utxos.filter(
    (u) => u.coinbase && u.mature && u.address === first.address && u.value === first.value && u.vout === first.vout,
  );
  if (coins.length < rows) throw new Error(`only ${coins.length} matured coinbases of one key, ${rows} rows wanted`);

  const source = await call('graph.addChainTx', { chain: 'btc', txid: first.txid, position: { x: 0, y: 0 } });
  const pay1 = await call('graph.addNode', {
    template: 'p2pkh-payment',
    chain: 'btc',
    position: { x: SPACING.x, y: 0 },
  });
  await call('graph.connect', {
    from: { node: source.created, output: first.vout },
    to: { node: pay1.created, input: 0 },
  });
  await call('graph.setOutput', {
    node: pay1.created,
    output: 0,
    value: (BigInt(first.value) - FEE).toString(),
    payTo: { wallet: 'Bob' },
  });
  const pay2 = await call('graph.addNode', {
    template: 'p2pkh-payment',
    chain: 'btc',
    position: { x: 2 * SPACING.x, y: 0 },
  });
  await call('graph.connect', { from: { node: pay1.created, output: 0 }, to: { node: pay2.created, input: 0 } });
  await call('graph.setOutput', {
    node: pay2.created,
    output: 0,
    value: (BigInt(first.value) - 2n * FEE).toString(),
    payTo: { wallet: 'Bob' },
  });

  const exported = JSON.parse((await call('workspace.export', {})).json) as ScenarioFile;
  const byId = new Map(exported.graph.nodes.map((n) => [n.id, n]));
  const [chainTemplate, fromCoinbase, fromPayment] = [source.created, pay1.created, pay2.created].map((id) => {
    const node = byId.get(id);
    if (!node) throw new Error(`the export has no node ${id}`);
    return node;
  }) as [GraphNode, GraphNode, GraphNode];

  // Big graphs put two rows side by side, so the whole graph still fits a window at the canvas's smallest zoom.
  const row = (r: number, perBand: number): GraphNode[] => {
    const coin = coins[r]!;
    const at = (d: number) => ({
      x: ((r % perBand) * ROW_LENGTH + d) * SPACING.x,
      y: Math.floor(r / perBand) * SPACING.y,
    });
    const nodes: GraphNode[] = [
      { ...chainTemplate, id: `coin-${r}`, label: coin.txid.slice(0, 8), txid: coin.txid, position: at(0) },
    ];
    for (let d = 1; d < ROW_LENGTH; d++) {
      const copy = structuredClone(d === 1 ? fromCoinbase : fromPayment);
      copy.id = `pay-${r}-${d}`;
      copy.label = `Pay ${r + 1}.${d}`;
      copy.position = at(d);
      copy.tx!.inputs[0]!.prevout = { node: nodes[d - 1]!.id, output: d === 1 ? coin.vout : 0 };
      copy.tx!.outputs[0]!.value = (BigInt(coin.value) - BigInt(d) * FEE).toString();
      nodes.push(copy);
    }
    return nodes;
  };

  const files = new Map<number, string>();
  for (const size of sizes) {
    if (size % ROW_LENGTH !== 0) throw new Error(`${size} is not a multiple of ${ROW_LENGTH}`);
    const perBand = size > 500 ? 2 : 1;
    const nodes = Array.from({ length: size / ROW_LENGTH }, (_, r) => row(r, perBand)).flat();
    files.set(size, JSON.stringify({ ...exported, name: `bench-${size}`, graph: { nodes } }));
  }
  return { files };
}
