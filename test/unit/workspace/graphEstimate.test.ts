/**
 * The work budget's graph estimate, taken from the last graph's when an edit replaced nodes in
 * their places (shared/scenario/budget.ts), against the estimate made anew.
 */
import fc from 'fast-check';
import * as ecc from 'tiny-secp256k1';
import { describe, expect, it } from 'vitest';
import { keyOutput, keyUnlock } from '../../../shared/protocols/outputs';
import { checkWorkBudget } from '../../../shared/scenario/budget';
import type { ScenarioFile } from '../../../shared/scenario/schema';
import type { DraftNode, Graph } from '../../../shared/workspace/model';

const pubKey = ecc.pointFromScalar(new Uint8Array(32).fill(1), true)!;

/** A draft spending the one before it; `bare` outputs are 1-of-1 multisig, which adds signature checks to its spender. */
function draft(i: number, bare: boolean, checks: number): DraftNode {
  const unlock = keyUnlock(pubKey, 'p2wpkh');
  return {
    kind: 'draft',
    id: `d${i}`,
    label: `d${i}`,
    chain: 'btc',
    template: 'custom',
    position: { x: 0, y: 0 },
    tx: {
      version: 2,
      locktime: 0,
      inputs:
        i === 0
          ? []
          : [
              {
                prevout: { node: `d${i - 1}`, output: 0 },
                sequence: 0xffffffff,
                unlock: {
                  ...unlock,
                  scriptSig: Array.from({ length: checks }, () => ({ kind: 'script', hex: 'ac' }) as const),
                },
              },
            ],
      outputs: [
        bare
          ? { value: '1000', scriptPubKey: `5121${Buffer.from(pubKey).toString('hex')}51ae` }
          : keyOutput(pubKey, 'p2wpkh', 1000n),
      ],
    },
  };
}

const ms = (graph: Graph): number => {
  const r = checkWorkBudget({ history: [], chains: [{ id: 'btc' }], graph } as unknown as ScenarioFile);
  if (!r.ok) throw new Error(r.error.message);
  return r.value.ms;
};

describe('graph estimate', () => {
  it('after edits in place equals the estimate made anew', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ pick: fc.nat(), bare: fc.boolean(), checks: fc.nat(3) }), { maxLength: 20 }),
        (edits) => {
          let graph: Graph = { nodes: Array.from({ length: 6 }, (_, i) => draft(i, false, 0)) };
          ms(graph);
          for (const e of edits) {
            const at = e.pick % graph.nodes.length;
            graph = { nodes: graph.nodes.map((n, i) => (i === at ? draft(i, e.bare, e.checks) : n)) };
            const kept = ms(graph);
            ms({ nodes: [] }); // another graph in between: the next is estimated anew
            expect(kept).toBeCloseTo(ms({ nodes: [...graph.nodes] }), 9);
          }
        },
      ),
      { numRuns: 100 },
    );
  });
});
