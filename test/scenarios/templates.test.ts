/** The palette's protocol templates build the seed's transactions, the same ones the lessons use. */
import { describe, expect, it } from 'vitest';
import { templateList } from '../../main/host/templates';
import { testBench } from '../unit/host/helpers';
import { load } from './support';

describe('protocol templates', () => {
  it('every template makes a draft in a new workspace, deriving the keys it needs', async () => {
    const t = await testBench();
    const ids = templateList().map((x) => x.id);
    for (const id of [
      'funding',
      'commitment-a',
      'delivery-a',
      'breach-remedy-a',
      'close',
      'htlc-timeout',
      'htlc-execution',
      'swap-tx1',
      'swap-tx2',
      'swap-tx3',
      'swap-tx4',
      'hop-htlc',
      'taproot-htlc',
      'taproot-htlc-key',
      'taproot-htlc-hashlock',
      'taproot-htlc-refund',
    ])
      expect(ids).toContain(id);
    for (const [i, id] of ids.entries()) {
      const r = await t.call('graph.addNode', { template: id, chain: 'btc', position: { x: i * 10, y: 0 } });
      if (!r.ok) throw new Error(`${id}: ${r.error.message}`);
    }
    const view = await t.must('workspace.get', {});
    expect(view.nodes.map((n) => n.label)).toEqual(
      expect.arrayContaining([
        'Funding',
        'C1a',
        'RD1a',
        'BR1a',
        'C1b',
        'Close',
        'C2a',
        'HT1a',
        'HE1b',
        'Tx1',
        'Tx2',
        'Tx3',
        'Tx4',
      ]),
    );
    expect(view.wallets.find((w) => w.name === 'Alice')!.keys.map((k) => k.label)).toEqual(
      expect.arrayContaining(['Alice', 'Alice2', 'Alice3']),
    );
  });

  it('in the RSMC lesson, the palette’s BR1a and C2a are the lesson’s', async () => {
    const t = await load('rsmc-channel');
    const view = await t.must('workspace.get', {});
    const added = await t.must('graph.addNode', {
      template: 'breach-remedy-a',
      chain: 'btc',
      position: { x: 0, y: 900 },
    });
    const c2a = await t.must('graph.addNode', {
      template: 'commitment-a',
      chain: 'btc',
      position: { x: 0, y: 1100 },
      params: { n: 2, balances: { alice: '40000000', bob: '60000000' } },
    });
    const nodes = c2a.nodes;
    const same = (a: string, b: string) => {
      const x = nodes.find((n) => n.id === a)!;
      const y = view.nodes.find((n) => n.id === b)!;
      expect(x.label).toBe(b);
      expect(x.outputs.map((o) => o.scriptPubKeyHex)).toEqual(y.outputs.map((o) => o.scriptPubKeyHex));
      expect(x.outputs.map((o) => o.value)).toEqual(y.outputs.map((o) => o.value));
      expect(x.inputs.map((i) => i.sequence)).toEqual(y.inputs.map((i) => i.sequence));
    };
    same(added.created, 'BR1a');
    same(c2a.created, 'C2a');
  });

  it('a bad parameter is refused with its path', async () => {
    const t = await testBench();
    const r = await t.call('graph.addNode', {
      template: 'commitment-a',
      chain: 'btc',
      position: { x: 0, y: 0 },
      params: { n: 0 },
    });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatchObject({ code: 'BAD_REQUEST', path: 'params.n' });
  });
});
