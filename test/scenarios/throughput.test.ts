/** Throughput and finality: full 1 MB blocks, a fee market, reorganisations that get rarer with depth, a double spend. */
import { describe, expect, it } from 'vitest';
import { reorgStats } from '../../shared/scenario/tasks/reorgStats';
import { balance, fact, play, status } from './support';

describe('throughput-finality', () => {
  it('capacity: blocks of ≥ 4,000 payments of ~225 bytes, ~7 tx/s, low fees wait, reorgs fall with depth', async () => {
    const { view, t } = await play('throughput-finality', 'capacity');
    expect(Number(fact(t, 'throughput.summary', 'fullestBlockTxs'))).toBeGreaterThanOrEqual(4_000);
    expect(Number(fact(t, 'throughput.summary', 'avgTxSize'))).toBeCloseTo(225, -1);
    expect(Number(fact(t, 'throughput.summary', 'capacityTps'))).toBeCloseTo(7.3, 0);
    expect(fact(t, 'throughput.summary', 'lowFeesWaitLonger')).toBe(true);
    // The charts the lesson panel draws.
    const backlog = t.bench.lessonData.get('throughput.backlog');
    expect(backlog?.kind).toBe('line');
    const shares = t.bench.lessonData.get('reorgs.deeperThan');
    expect(shares?.kind).toBe('line');
    if (shares && shares.kind !== 'table') {
      const deeper = shares.series[0]!.points.map(([, y]) => y);
      for (let k = 1; k < deeper.length; k++) expect(deeper[k]!).toBeLessThanOrEqual(deeper[k - 1]!);
      expect(deeper[0]!).toBeGreaterThan(deeper.at(-1)!);
    }
    expect(status(view, 'Coffee')).toBe('confirmed');
    // Six confirmations: its block and five on top.
    const coffee = view.nodes.find((n) => n.id === 'Coffee')!.status;
    expect(coffee.kind === 'confirmed' && view.chains.find((c) => c.id === 'btc')!.height - coffee.height + 1).toBe(6);
    expect(balance(view, 'Bob', 'btc')).toBe(200_000n);
  }, 120_000);

  it('reorganisations deeper than k get rarer as k grows, over many seeded runs', () => {
    const stats = reorgStats(3, {
      runs: 40,
      blocksPerRun: 150,
      miners: [0.4, 0.35, 0.25],
      delay: { min: 60, max: 300 },
      maxDepth: 4,
    });
    expect(stats.reorgs).toBeGreaterThan(50);
    for (let k = 1; k < stats.deeperThan.length; k++)
      expect(stats.deeperThan[k]!).toBeLessThanOrEqual(stats.deeperThan[k - 1]!);
    for (let k = 1; k < stats.undoneAfter.length; k++)
      expect(stats.undoneAfter[k]!).toBeLessThanOrEqual(stats.undoneAfter[k - 1]!);
    // With delays of seconds, as on the real network, forks are rare and shallow.
    const fast = reorgStats(3, {
      runs: 10,
      blocksPerRun: 150,
      miners: [0.4, 0.35, 0.25],
      delay: { min: 1, max: 10 },
      maxDepth: 4,
    });
    expect(fast.reorgs).toBeLessThan(stats.reorgs / 5);
    expect(fast.byDepth.slice(2).every((n) => n === 0)).toBe(true);
  });

  it('double spend: one confirmation is undone by a longer branch from pool B', async () => {
    const { view, t } = await play('throughput-finality', 'double-spend');
    expect(status(view, 'Coffee')).toBe('conflicted');
    expect(status(view, 'Double-spend')).toBe('confirmed');
    expect(balance(view, 'Bob', 'btc')).toBe(0n);
    const reorgs = t.events.filter((e) => e.event === 'chain.reorg').map((e) => (e.payload as { depth: number }).depth);
    expect(reorgs).toEqual([1]);
  });
});
