/**
 * The assembly cache gives back a draft's assembly only for the very draft object it was made
 * from with the same prevouts, and keeps no draft of an earlier graph.
 */
import * as ecc from 'tiny-secp256k1';
import { describe, expect, it } from 'vitest';
import { keyOutput, keyUnlock } from '../../../shared/protocols/outputs';
import { AssemblyCache, assembleGraph } from '../../../shared/workspace/assemble';
import type { DraftNode, Graph, TxDraft } from '../../../shared/workspace/model';

const pubKey = ecc.pointFromScalar(new Uint8Array(32).fill(1), true)!;
const noChain = () => undefined;

function draft(id: string, tx: TxDraft): DraftNode {
  return { kind: 'draft', id, label: id, chain: 'btc', template: 'custom', position: { x: 0, y: 0 }, tx };
}

function parent(value: bigint): DraftNode {
  return draft('P', { version: 2, locktime: 0, inputs: [], outputs: [keyOutput(pubKey, 'p2wpkh', value)] });
}

function child(): DraftNode {
  return draft('C', {
    version: 2,
    locktime: 0,
    inputs: [{ prevout: { node: 'P', output: 0 }, sequence: 0xffffffff, unlock: keyUnlock(pubKey, 'p2wpkh') }],
    outputs: [keyOutput(pubKey, 'p2wpkh', 900n)],
  });
}

describe('AssemblyCache', () => {
  it('gives the same assembly back for the same draft objects', () => {
    const cache = new AssemblyCache();
    const graph: Graph = { nodes: [parent(1000n), child()] };
    const first = assembleGraph(graph, noChain, cache);
    const second = assembleGraph(graph, noChain, cache);
    expect(second.get('P')).toBe(first.get('P'));
    expect(second.get('C')).toBe(first.get('C'));
  });

  it('assembles a draft again when its parent changed, though the draft object did not', () => {
    const cache = new AssemblyCache();
    const c = child();
    const before = assembleGraph({ nodes: [parent(1000n), c] }, noChain, cache).get('C')!;
    const after = assembleGraph({ nodes: [parent(2000n), c] }, noChain, cache).get('C')!;
    const uncached = assembleGraph({ nodes: [parent(2000n), c] }, noChain).get('C')!;
    expect(after).not.toBe(before);
    expect(after.prevouts[0]!.output.value).toBe(2000n);
    expect(after.prevouts[0]!.txid).not.toBe(before.prevouts[0]!.txid);
    expect(after.record.txid).toBe(uncached.record.txid);
  });

  it('assembles a new draft object again, with the same result', () => {
    const cache = new AssemblyCache();
    const p = parent(1000n);
    const before = assembleGraph({ nodes: [p, child()] }, noChain, cache).get('C')!;
    const after = assembleGraph({ nodes: [p, child()] }, noChain, cache).get('C')!;
    expect(after).not.toBe(before);
    expect(after.record.txid).toBe(before.record.txid);
  });

  it('keeps only the drafts of the graph it assembled last', () => {
    const cache = new AssemblyCache();
    const p = parent(1000n);
    assembleGraph({ nodes: [p, child()] }, noChain, cache);
    expect(cache.size).toBe(2);
    const alone = assembleGraph({ nodes: [p] }, noChain, cache);
    expect(cache.size).toBe(1);
    expect(assembleGraph({ nodes: [p] }, noChain, cache).get('P')).toBe(alone.get('P'));
  });
});
