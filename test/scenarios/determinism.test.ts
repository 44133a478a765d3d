/** Same scenario, same seed: the same chains byte for byte and the same lesson figures. */
import { describe, expect, it } from 'vitest';
import type { WorkspaceView } from '../../shared/contract/views';
import { play } from './support';

const tips = (view: WorkspaceView) => Object.fromEntries(view.chains.map((c) => [c.id, c.tipHash]));

describe('determinism', () => {
  for (const [name, path] of [
    ['malleability-mtgox', 'attack-2014'],
    ['throughput-finality', 'double-spend'],
    ['rsmc-channel', 'cooperative'],
  ] as const) {
    it(`${name} / ${path}: two runs give the same best blocks and figures`, async () => {
      const a = await play(name, path);
      const b = await play(name, path);
      expect(tips(b.view)).toEqual(tips(a.view));
      expect(b.view.nodes.map((n) => [n.id, n.txid, n.status])).toEqual(
        a.view.nodes.map((n) => [n.id, n.txid, n.status]),
      );
      expect([...b.t.bench.lessonData]).toEqual([...a.t.bench.lessonData]);
    });
  }

  it('another seed gives other keys and chains, and the lesson still holds', async () => {
    const a = await play('malleability-mtgox', 'attack-2014');
    const b = await play('malleability-mtgox', 'attack-2014', 1234);
    expect(b.t.bench.doc.seed).toBe(1234);
    expect(tips(b.view)['btc']).not.toBe(tips(a.view)['btc']);
    expect(b.view.wallets.find((w) => w.name === 'Mallory')!.keys[0]!.publicKey).not.toBe(
      a.view.wallets.find((w) => w.name === 'Mallory')!.keys[0]!.publicKey,
    );
  });
});

describe('going back in a lesson', () => {
  it('replays from the lesson’s start to the same chains', async () => {
    const { t, view } = await play('htlc', 'redeem');
    const steps = view.lesson!.steps.length;
    const back = await t.must('lesson.goto', { position: 2 });
    expect(back.lesson!.position).toBe(2);
    const again = await t.must('lesson.goto', { position: steps });
    expect(tips(again)).toEqual(tips(view));
  });
});
