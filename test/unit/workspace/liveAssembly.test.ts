/**
 * The assembly kept between edits (shared/workspace/liveAssembly.ts) against a whole assembly
 * from nothing: random graphs of drafts spending each other (cycles included), chain nodes and
 * txids, edited in place, reshaped, and with chain outputs appearing and going, must assemble
 * to the same transactions after every step.
 */
import fc from 'fast-check';
import * as ecc from 'tiny-secp256k1';
import { describe, expect, it } from 'vitest';
import { keyOutput, keyUnlock } from '../../../shared/protocols/outputs';
import { type AssembledDraft, assembleGraph } from '../../../shared/workspace/assemble';
import { type ChainTxChange, LiveAssembly } from '../../../shared/workspace/liveAssembly';
import type { DraftNode, Graph, GraphNode, PrevoutRef } from '../../../shared/workspace/model';

const pubKey = ecc.pointFromScalar(new Uint8Array(32).fill(1), true)!;
const TXIDS = ['11'.repeat(32), '22'.repeat(32)];

/** What an input spends: another node's output 0 (by index into the graph), or a chain txid. */
type Ref = { readonly node: number } | { readonly txid: number } | null;

function draft(id: string, refs: readonly Ref[], value: number, ids: readonly string[]): DraftNode {
  const prevout = (r: Ref): PrevoutRef | undefined =>
    r === null
      ? undefined
      : 'node' in r
        ? { node: ids[r.node % ids.length]!, output: 0 }
        : { txid: TXIDS[r.txid]!, vout: 0 };
  return {
    kind: 'draft',
    id,
    label: id,
    chain: 'btc',
    template: 'custom',
    position: { x: 0, y: 0 },
    tx: {
      version: 2,
      locktime: 0,
      inputs: refs.map((r) => ({
        ...(prevout(r) ? { prevout: prevout(r)! } : {}),
        sequence: 0xffffffff,
        unlock: keyUnlock(pubKey, 'p2wpkh'),
      })),
      outputs: [keyOutput(pubKey, 'p2wpkh', BigInt(1000 + value))],
    },
  };
}

function chainNode(id: string, txid: number): GraphNode {
  return { kind: 'chain', id, label: id, chain: 'btc', txid: TXIDS[txid]!, position: { x: 0, y: 0 } };
}

const refArb: fc.Arbitrary<Ref> = fc.oneof(
  fc.record({ node: fc.nat(12) }),
  fc.record({ txid: fc.nat(1) }),
  fc.constant(null),
);

type Op =
  | { readonly kind: 'edit'; readonly pick: number; readonly refs: readonly Ref[]; readonly value: number }
  | { readonly kind: 'touch'; readonly pick: number }
  | { readonly kind: 'chain'; readonly txid: number }
  | { readonly kind: 'add'; readonly refs: readonly Ref[] }
  | { readonly kind: 'remove'; readonly pick: number };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  {
    arbitrary: fc.record({
      kind: fc.constant('edit' as const),
      pick: fc.nat(),
      refs: fc.array(refArb, { maxLength: 2 }),
      value: fc.nat(5),
    }),
    weight: 4,
  },
  fc.record({ kind: fc.constant('touch' as const), pick: fc.nat() }),
  { arbitrary: fc.record({ kind: fc.constant('chain' as const), txid: fc.nat(1) }), weight: 2 },
  fc.record({ kind: fc.constant('add' as const), refs: fc.array(refArb, { maxLength: 2 }) }),
  fc.record({ kind: fc.constant('remove' as const), pick: fc.nat() }),
);

function summary(drafts: ReadonlyMap<string, AssembledDraft>): unknown {
  return [...drafts]
    .map(([id, a]) => [
      id,
      a.record.txid,
      a.connected,
      a.prevouts.map((p) => p && `${p.txid}:${p.vout}:${p.output.value}`),
    ])
    .sort((x, y) => String(x[0]).localeCompare(String(y[0])));
}

describe('LiveAssembly', () => {
  it('assembles as a whole assembly does after any edits, reshapes and chain changes', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(refArb, { maxLength: 2 }), { minLength: 2, maxLength: 8 }),
        fc.array(opArb, { maxLength: 40 }),
        (start, ops) => {
          // The chain's outputs: which of the txids it knows, and the value it gives.
          const known = new Map<string, bigint>([[TXIDS[0]!, 5000n]]);
          const lookup = (_chain: string, txid: string) => {
            const value = known.get(txid);
            return value === undefined ? undefined : { script: new Uint8Array([0x51]), value };
          };
          let next = 0;
          let ids = [...start.map(() => `d${next++}`), 'c0'];
          let graph: Graph = { nodes: [...start.map((refs, i) => draft(ids[i]!, refs, 0, ids)), chainNode('c0', 1)] };
          const live = new LiveAssembly();
          const step = (changes: ReadonlyMap<string, ChainTxChange> = new Map()) => {
            const got = live.update(graph, lookup, changes);
            expect(summary(got.drafts)).toEqual(summary(assembleGraph(graph, lookup)));
          };
          step();
          for (const op of ops) {
            const nodes = graph.nodes;
            const pick = (n: number) => n % nodes.length;
            if (nodes.length === 0 && op.kind !== 'chain' && op.kind !== 'add') continue;
            switch (op.kind) {
              case 'edit': {
                const i = pick(op.pick);
                const node = nodes[i]!;
                graph = {
                  nodes: nodes.map((n, k) =>
                    k === i && node.kind === 'draft' ? draft(node.id, op.refs, op.value, ids) : n,
                  ),
                };
                step();
                break;
              }
              case 'touch':
                graph = { nodes: nodes.map((n, k) => (k === pick(op.pick) ? { ...n } : n)) };
                step();
                break;
              case 'chain': {
                const txid = TXIDS[op.txid]!;
                if (known.has(txid)) known.delete(txid);
                else known.set(txid, 7000n);
                step(new Map([['btc', { all: false, txids: new Set([txid]) }]]));
                break;
              }
              case 'add': {
                const id = `d${next++}`;
                ids = [...ids, id];
                graph = { nodes: [...nodes, draft(id, op.refs, 1, ids)] };
                step();
                break;
              }
              case 'remove': {
                const gone = nodes[pick(op.pick)]!.id;
                graph = { nodes: nodes.filter((n) => n.id !== gone) };
                step();
                break;
              }
            }
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
