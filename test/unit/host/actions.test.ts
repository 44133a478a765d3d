/**
 * The action layer (main/host/actions.ts): each method's declared history policy is what undo
 * does — record, merge, skip — and a batch edit is one call and one undo step.
 */
import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { METHODS } from '../../../shared/contract/methods';
import { MERGE_WINDOW_MS } from '../../../main/host/workbench';
import { testBench, type TestBench } from './helpers';

/** A payment chain on the canvas: a coinbase, a payment spending it, and a child spending that. */
async function chainOfThree(t: TestBench): Promise<{ source: string; pay: string; child: string }> {
  const alice = (await t.must('workspace.get', {})).wallets.find((w) => w.name === 'Alice')!.id;
  const { utxos } = await t.must('wallet.utxos', { wallet: alice, chain: 'btc' });
  const coin = utxos.find((u) => u.mature)!;
  const source = (await t.must('graph.addChainTx', { chain: 'btc', txid: coin.txid, position: { x: 0, y: 0 } }))
    .created;
  const pay = (await t.must('graph.addNode', { template: 'p2pkh-payment', chain: 'btc', position: { x: 300, y: 0 } }))
    .created;
  await t.must('graph.connect', { from: { node: source, output: coin.vout }, to: { node: pay, input: 0 } });
  const child = (await t.must('graph.addNode', { template: 'p2pkh-payment', chain: 'btc', position: { x: 600, y: 0 } }))
    .created;
  await t.must('graph.connect', { from: { node: pay, output: 0 }, to: { node: child, input: 0 } });
  return { source, pay, child };
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('history policies', () => {
  it('every method declares one, and only graph edits and signing touch the history', () => {
    for (const [method, row] of Object.entries(METHODS)) {
      expect(['record', 'merge', 'skip']).toContain(row.history);
      if (row.history !== 'skip') expect(method.startsWith('graph.') || method === 'tx.sign', method).toBe(true);
    }
  });

  it('record: each edit is an undo step; skip: chain and wallet actions leave the history alone', async () => {
    const t = await testBench();
    const { pay } = await chainOfThree(t);
    const steps = t.bench.undoSteps;
    await t.must('graph.setTxFields', { node: pay, locktime: 5 });
    await t.must('graph.setTxFields', { node: pay, locktime: 6 });
    expect(t.bench.undoSteps).toBe(steps + 2);
    await t.must('chain.mine', { chain: 'btc', count: 2 });
    await t.must('wallet.create', { name: 'Dora' });
    expect(t.bench.undoSteps).toBe(steps + 2);
    await t.must('workspace.undo', {});
    expect(t.bench.doc.graph.nodes.find((n) => n.id === pay && n.kind === 'draft')).toMatchObject({
      tx: { locktime: 5 },
    });
  });

  it('merge: the same node renamed again within a moment is one step; later, or another node, is another', async () => {
    const t = await testBench();
    const { pay, child } = await chainOfThree(t);
    let now = 1_000_000;
    vi.spyOn(performance, 'now').mockImplementation(() => now);
    const steps = t.bench.undoSteps;
    await t.must('graph.renameNode', { id: pay, label: 'P' });
    now += 200;
    await t.must('graph.renameNode', { id: pay, label: 'Pa' });
    now += 200;
    await t.must('graph.renameNode', { id: pay, label: 'Pay' });
    expect(t.bench.undoSteps).toBe(steps + 1);
    now += 200;
    await t.must('graph.renameNode', { id: child, label: 'Child' });
    expect(t.bench.undoSteps).toBe(steps + 2);
    now += MERGE_WINDOW_MS + 1;
    await t.must('graph.renameNode', { id: child, label: 'Kid' });
    expect(t.bench.undoSteps).toBe(steps + 3);
    // Undo takes the typing back as it was before it started.
    await t.must('workspace.undo', {});
    await t.must('workspace.undo', {});
    await t.must('workspace.undo', {});
    expect(t.bench.doc.graph.nodes.find((n) => n.id === pay)!.label).toBe('Payment');
  });

  it('merge: a drag interrupted by another edit starts a new step', async () => {
    const t = await testBench();
    const { pay, child } = await chainOfThree(t);
    vi.spyOn(performance, 'now').mockImplementation(() => 5_000);
    const steps = t.bench.undoSteps;
    await t.must('graph.moveNodes', { moves: [{ id: pay, position: { x: 10, y: 10 } }] });
    await t.must('graph.setTxFields', { node: child, version: 1 });
    await t.must('graph.moveNodes', { moves: [{ id: pay, position: { x: 20, y: 20 } }] });
    expect(t.bench.undoSteps).toBe(steps + 3);
  });
});

describe('batch edits', () => {
  it('deleting a selection of nodes and edges is one call and one undo step, and undo restores the graph before it', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.subarray(['source', 'pay', 'child'] as const),
        fc.subarray(['pay', 'child'] as const),
        async (nodes, edges) => {
          fc.pre(nodes.length + edges.length > 0);
          const t = await testBench();
          const ids = await chainOfThree(t);
          await t.must('tx.sign', {
            node: ids.pay,
            wallet: (await t.must('workspace.get', {})).wallets.find((w) => w.name === 'Alice')!.id,
          });
          const before = t.bench.doc.graph;
          const steps = t.bench.undoSteps;
          const events = t.events.length;
          const view = await t.must('graph.deleteSelection', {
            nodes: nodes.map((n) => ids[n]),
            edges: edges.map((n) => ({ node: ids[n], input: 0 })),
          });
          expect(t.bench.undoSteps).toBe(steps + 1);
          // One change announced for the whole selection.
          expect(t.events.slice(events).filter((e) => e.event === 'workspace.changed')).toHaveLength(1);
          for (const n of nodes) expect(view.nodes.some((v) => v.id === ids[n])).toBe(false);
          for (const n of edges)
            if (!nodes.includes(n)) expect(view.edges.some((e) => e.to.node === ids[n])).toBe(false);
          await t.must('workspace.undo', {});
          expect(t.bench.doc.graph).toEqual(before);
        },
      ),
      { numRuns: 20 },
    );
  }, 60_000);

  it('refuses a selection naming a node that is not there, and changes nothing', async () => {
    const t = await testBench();
    const { pay } = await chainOfThree(t);
    const before = t.bench.doc.graph;
    const r = await t.call('graph.deleteSelection', { nodes: [pay, 'nobody'], edges: [] });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe('NOT_FOUND');
    expect(t.bench.doc.graph).toBe(before);
    const empty = await t.call('graph.deleteSelection', { nodes: [], edges: [] });
    expect(empty.ok).toBe(false);
  });
});
