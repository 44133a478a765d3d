/**
 * Properties over random runs of a two-node network (fast-check): value is conserved, no
 * outpoint is spent twice on the active chain through forks and reorganisations, and the same
 * actions with the same seed give the same chain byte for byte.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hexToHash } from '../../../shared/bitcoin/bytes';
import { Transaction } from '../../../shared/bitcoin/transaction';
import type { ChainNode } from '../../../shared/chain/chainNode';
import { SimClock } from '../../../shared/chain/clock';
import { defaultPolicy } from '../../../shared/chain/era';
import { SimNetwork } from '../../../shared/chain/network';
import { BTC_REGTEST, blockSubsidy } from '../../../shared/chain/profiles';
import { inputOutpoint, outpointKey, txRecord } from '../../../shared/chain/txRecord';
import { SeededRng } from '../../../shared/rng';
import { p2pkhScript, p2wpkhScript, signSegwit, testKey } from '../../helpers/keys';

const KEY = testKey('properties');
const SCRIPT = p2wpkhScript(KEY.publicKey);
const CODE = p2pkhScript(KEY.publicKey);

type Action =
  | { kind: 'mine'; node: number; blocks: number }
  | { kind: 'spend'; node: number; pick: number; split: boolean }
  | { kind: 'settle' };

const actionArb: fc.Arbitrary<Action> = fc.oneof(
  fc.record({
    kind: fc.constant('mine' as const),
    node: fc.integer({ min: 0, max: 1 }),
    blocks: fc.integer({ min: 1, max: 3 }),
  }),
  fc.record({
    kind: fc.constant('spend' as const),
    node: fc.integer({ min: 0, max: 1 }),
    pick: fc.nat(1_000),
    split: fc.boolean(),
  }),
  fc.record({ kind: fc.constant('settle' as const) }),
);

let reorgsSeen = 0;

function run(actions: readonly Action[], seed: number, check?: (nodes: readonly ChainNode[]) => void): string[] {
  const clock = new SimClock(1_767_225_600);
  const net = new SimNetwork({
    profile: BTC_REGTEST,
    policy: defaultPolicy('modern'),
    clock,
    rng: new SeededRng(seed),
    nodes: [
      { name: 'a', hashShare: 0.5, coinbaseScript: SCRIPT },
      { name: 'b', hashShare: 0.5, coinbaseScript: SCRIPT },
    ],
  });
  for (const n of net.nodes) n.onEvent((e) => void (e.type === 'reorg' && reorgsSeen++));
  for (let i = 0; i < 101; i++) {
    clock.advance(600);
    net.mineAt(0);
    net.settle();
  }
  for (const action of actions) {
    if (action.kind === 'settle') net.settle();
    else if (action.kind === 'mine') {
      // Without settling first, the other node has not heard of recent blocks: forks happen.
      for (let b = 0; b < action.blocks; b++) {
        clock.advance(600);
        net.mineAt(action.node);
      }
    } else {
      const node = net.nodes[action.node]!;
      const coins = [...node.coins.entries()].filter(
        ([o, c]) => !node.mempool.spenderOf(o) && (!c.coinbase || node.height + 1 - c.height >= 100),
      );
      if (coins.length === 0) continue;
      const [outpoint, coin] = coins[action.pick % coins.length]!;
      const tx = new Transaction();
      tx.version = 2;
      tx.addInput(hexToHash(outpoint.slice(0, 64)), Number(outpoint.slice(65)), 0xfffffffd);
      const fee = 1_000n;
      if (action.split) {
        const half = (coin.output.value - fee) / 2n;
        tx.addOutput(SCRIPT, half);
        tx.addOutput(SCRIPT, coin.output.value - fee - half);
      } else tx.addOutput(SCRIPT, coin.output.value - fee);
      tx.setWitness(0, [signSegwit(KEY, tx, 0, CODE, coin.output.value), KEY.publicKey]);
      net.submit(action.node, txRecord(tx));
    }
    check?.(net.nodes);
  }
  net.settle();
  check?.(net.nodes);
  return net.nodes.map((n) => n.tip.block.hash);
}

function checkInvariants(nodes: readonly ChainNode[]): void {
  for (const node of nodes) {
    // Only coinbases create coins, and every fee goes back to a coinbase.
    let minted = 0n;
    for (let h = 1; h <= node.height; h++) minted += blockSubsidy(node.profile, h);
    expect(node.coins.totalValue()).toBe(minted);
    // No outpoint spent twice on the active chain, and every spent outpoint existed before.
    const created = new Set<string>();
    const spent = new Set<string>();
    for (let h = 1; h <= node.height; h++) {
      const block = node.blockAt(h)!.block;
      for (const [position, t] of block.txs.entries()) {
        if (position > 0) {
          for (let i = 0; i < t.tx.ins.length; i++) {
            const o = inputOutpoint(t.tx, i);
            expect(spent.has(o)).toBe(false);
            expect(created.has(o)).toBe(true);
            spent.add(o);
          }
        }
        t.tx.outs.forEach((_, v) => created.add(outpointKey(t.txid, v)));
      }
    }
  }
}

describe('chain properties (fast-check)', () => {
  it('conserve value and never double-spend across forks and reorganisations', () => {
    fc.assert(
      fc.property(fc.array(actionArb, { minLength: 5, maxLength: 30 }), fc.nat(1_000), (actions, seed) => {
        run(actions, seed, checkInvariants);
      }),
      { numRuns: 25, seed: 20261125 },
    );
    // The random runs did include reorganisations (otherwise the property says little).
    expect(reorgsSeen).toBeGreaterThan(0);
  });

  it('replay the same actions with the same seed to the same blocks', () => {
    fc.assert(
      fc.property(fc.array(actionArb, { minLength: 5, maxLength: 25 }), fc.nat(1_000), (actions, seed) => {
        expect(run(actions, seed)).toEqual(run(actions, seed));
      }),
      { numRuns: 10, seed: 7 },
    );
  });

  it('reorganises when two branches meet, keeping the invariants', () => {
    const before = reorgsSeen;
    // Both nodes mine three blocks apart, then hear of each other: one branch must lose.
    const hashes = run(
      [
        { kind: 'mine', node: 0, blocks: 3 },
        { kind: 'mine', node: 1, blocks: 3 },
        { kind: 'settle' },
        { kind: 'mine', node: 1, blocks: 1 },
        { kind: 'settle' },
      ],
      3,
      checkInvariants,
    );
    expect(hashes[0]).toBe(hashes[1]);
    expect(reorgsSeen).toBeGreaterThan(before);
  });
});
