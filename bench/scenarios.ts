/**
 * Scenario figures (issue 2, part 5): how long each built-in lesson takes to play headlessly,
 * how many channel updates a second one RSMC channel does (a new commitment pair signed by the
 * other side and the old state revoked by handing over its keys), and, for comparison, the
 * on-chain rate the 2014 throughput simulation reaches with full 1 MB blocks.
 */
import { BuiltinCatalog } from '../main/host/catalog';
import { createHandlers } from '../main/host/handlers';
import { gotoLessonPosition } from '../main/host/lesson';
import { simulateThroughput } from '../main/host/lessonTasks/throughput';
import { MemoryWalletProvider } from '../main/host/walletProviders';
import { Workbench } from '../main/host/workbench';
import { Keystore } from '../main/keystore/keystore';
import { concat, fromHex } from '../shared/bitcoin/bytes';
import { buildStateTransactions, type ChannelParams, type ChannelState, nextState } from '../shared/protocols/rsmc';
import { keyOutput, multisigOutput } from '../shared/protocols/outputs';
import { wrapsForEra } from '../shared/protocols/types';
import { BUILTINS } from '../shared/scenario/builtins';
import { assembleGraph, slotSighash, withSignature } from '../shared/workspace/assemble';
import type { DraftNode, Graph } from '../shared/workspace/model';
import { type BenchModule, type BenchResult, round, timeMsAsync } from './harness';

const catalog = new BuiltinCatalog();

async function scenarioRunMs(name: string): Promise<number> {
  const bench = await Workbench.open({ wallets: new MemoryWalletProvider(), mode: 'headless', version: 'bench', seed: 1, catalog });
  const handlers = createHandlers(bench);
  return timeMsAsync(async () => {
    const r = await handlers['scenario.load']({ name });
    if (!r.ok) throw new Error(`${name}: ${r.error.message}`);
    const steps = bench.doc.lesson!.paths[bench.doc.lesson!.path]!.length;
    const played = await gotoLessonPosition(bench, handlers, steps);
    if (!played.ok) throw new Error(`${name}: ${played.error.message}`);
  });
}

/**
 * One channel, updated `count` times: each update derives the next revocation keys, builds Cn
 * and RDn for both sides, has each side sign the other's pair in the keystore, and revokes the
 * previous state by handing its two revocation keys over.
 */
async function channelUpdatesPerSecond(count: number): Promise<number> {
  const store = Keystore.inMemory();
  const alice = await store.createWallet('Alice');
  const bob = await store.createWallet('Bob');
  if (!alice.ok || !bob.ok) throw new Error('wallets');
  const derive = async (walletId: string, purpose: 'funding' | 'revocation') => {
    const k = await store.deriveKey(walletId, purpose);
    if (!k.ok) throw new Error(k.error.message);
    return k.value;
  };
  const aKey = await derive(alice.value.id, 'funding');
  const bKey = await derive(bob.value.id, 'funding');
  const wraps = wrapsForEra('modern');
  const params: ChannelParams = { keys: { alice: fromHex(aKey.publicKey), bob: fromHex(bKey.publicKey) }, wraps, funding: { node: 'Funding', output: 0 }, capacity: 100_000_000n, delay: 1000, fee: 2_000n };
  // Funding as a confirmed-looking parent: its output 0 is all the drafts need to be signed.
  const fundingOutput = multisigOutput(2, [params.keys.alice, params.keys.bob], wraps.script, params.capacity);
  const fundingNode: DraftNode = { kind: 'draft', id: 'Funding', label: 'Funding', chain: 'btc', template: 'funding', position: { x: 0, y: 0 }, tx: { version: 2, locktime: 0, inputs: [], outputs: [fundingOutput, keyOutput(params.keys.alice, wraps.key, 1n)] } };
  let revA = await derive(alice.value.id, 'revocation');
  let revB = await derive(bob.value.id, 'revocation');
  let state: ChannelState = { n: 1, balance: { alice: 50_000_000n, bob: 50_000_000n }, revocation: { alice: fromHex(revA.publicKey), bob: fromHex(revB.publicKey) } };
  const ms = await timeMsAsync(async () => {
    for (let i = 0; i < count; i++) {
      const nextA = await derive(alice.value.id, 'revocation');
      const nextB = await derive(bob.value.id, 'revocation');
      const next = nextState(state, { from: i % 2 === 0 ? 'alice' : 'bob', amount: 10_000n }, { alice: fromHex(nextA.publicKey), bob: fromHex(nextB.publicKey) });
      if (!next.ok) throw new Error(next.error.message);
      const txs = buildStateTransactions(params, next.value);
      if (!txs.ok) throw new Error(txs.error.message);
      let graph: Graph = { nodes: [fundingNode, ...Object.entries(txs.value).map(([id, tx]): DraftNode => ({ kind: 'draft', id, label: id, chain: 'btc', template: 'custom', position: { x: 0, y: 0 }, tx }))] };
      // Each side signs the other's commitment and delivery (Bob signs Cna/RDna, Alice Cnb/RDnb).
      for (const [id, signer] of Object.entries(txs.value).map(([id]) => [id, id.endsWith('a') ? { wallet: bob.value, key: bKey } : { wallet: alice.value, key: aKey }] as const)) {
        const assembled = assembleGraph(graph, () => undefined).get(id)!;
        const slot = assembled.slots.find((s) => s.pubKey === signer.key.publicKey)!;
        const sighash = slotSighash(assembled, slot)!;
        const sig = await store.signDigest(signer.wallet.id, signer.key.id, sighash.digest);
        if (!sig.ok) throw new Error(sig.error.message);
        const tx = withSignature(assembled.node.tx, slot, concat(sig.value.signature, Uint8Array.of(1)));
        graph = { nodes: graph.nodes.map((n) => (n.id === id && n.kind === 'draft' ? { ...n, tx } : n)) };
      }
      // Revoke the old state: its revocation keys change hands.
      const a = await store.handOverKey(revA.id, alice.value.id, bob.value.id, `revoke state ${state.n}`);
      const b = await store.handOverKey(revB.id, bob.value.id, alice.value.id, `revoke state ${state.n}`);
      if (!a.ok || !b.ok) throw new Error('handover');
      revA = nextA;
      revB = nextB;
      state = next.value;
    }
  });
  return (count / ms) * 1000;
}

export const scenariosBench: BenchModule = {
  name: 'scenarios (built-in lessons, channel updates vs on-chain throughput)',
  async run(): Promise<BenchResult[]> {
    const rows: BenchResult[] = [];
    rows.push({ key: 'channel_updates_per_s', value: round(await channelUpdatesPerSecond(200), 1), unit: 'updates/s', target: 'through the keystore' });
    const sim = await simulateThroughput(1, { arrivalTps: 1, blocks: 1, backlog: 4_600, feeRates: [1, 5, 20] });
    rows.push({ key: 'onchain_tps_simulated', value: round(Math.max(...sim.blocks.map((b) => b.txs)) / 600, 2), unit: 'tx/s', target: '≈ 7 (1 MB blocks)' });
    for (const b of BUILTINS) rows.push({ key: `scenario_run_ms.${b.name}`, value: round(await scenarioRunMs(b.name), 0), unit: 'ms', target: b.name === 'throughput-finality' ? 'longer' : 'a few seconds' });
    return rows;
  },
};
