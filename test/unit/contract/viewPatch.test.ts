/**
 * View patches as data: for random views and random changes between them, the patch applied to
 * the old view gives the new one exactly, and unchanged nodes keep their objects. The encoder and
 * decoder agree when answers cross, forget old views, and send plain views to callers that do not
 * decode them.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyPatch, diffViews, ViewDecoder, ViewEncoder, type EncodedView } from '../../../shared/contract/viewPatch';
import type {
  ChainSummary,
  EdgeView,
  NodeStatus,
  NodeView,
  WalletView,
  WorkspaceView,
} from '../../../shared/contract/views';

function node(id: string, label: string, kind: 'draft' | 'signed', fee?: string): NodeView {
  const status: NodeStatus = { kind };
  return {
    ...(fee !== undefined ? { fee } : {}),
    id,
    kind: 'draft',
    label,
    chain: 'btc',
    template: 'custom',
    position: { x: 0, y: 0 },
    version: 2,
    locktime: 0,
    txid: '00'.repeat(32),
    wtxid: '00'.repeat(32),
    size: 100,
    vsize: 100,
    weight: 400,
    inputs: [],
    outputs: [],
    status,
    timelocks: [],
  };
}

function view(
  revision: number,
  nodes: readonly NodeView[],
  edges: readonly EdgeView[],
  extra: Partial<WorkspaceView> = {},
): WorkspaceView {
  return {
    revision,
    name: 'w',
    nodes,
    edges,
    chains: [],
    wallets: [],
    handovers: [],
    modified: false,
    canUndo: false,
    canRedo: false,
    ...extra,
  };
}

/** Only the fields a patch reads (id) and one that changes; the patch treats items as opaque JSON. */
function wallet(id: string, confirmed: string): WalletView {
  const balance = { confirmed, unconfirmed: '0', immature: '0' };
  return { id, name: id, keys: [], balances: { btc: balance, ltc: balance } };
}
function chain(id: 'btc' | 'ltc', height: number): ChainSummary {
  return { id, height } as unknown as ChainSummary;
}

const STATUSES = ['draft', 'signed'] as const;
const nodeArb = fc.record({
  id: fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'),
  label: fc.constantFrom('Funding', 'C1a', 'RD1a'),
  status: fc.constantFrom(...STATUSES),
  // A field some views have and others not: a patch must add it and drop it.
  fee: fc.option(fc.constantFrom('1000', '2000'), { nil: undefined }),
});
const edgeArb = fc.record({
  id: fc.constantFrom('e1', 'e2', 'e3', 'e4'),
  from: fc.constantFrom('a', 'b', 'c'),
  to: fc.constantFrom('d', 'e'),
});
const viewArb = fc
  .record({
    revision: fc.nat(1000),
    nodes: fc.uniqueArray(nodeArb, { selector: (n) => n.id, maxLength: 8 }),
    edges: fc.uniqueArray(edgeArb, { selector: (e) => e.id, maxLength: 4 }),
    name: fc.constantFrom('w', 'lesson'),
    modified: fc.boolean(),
    lesson: fc.option(fc.record({ position: fc.nat(9) }), { nil: undefined }),
    wallets: fc.uniqueArray(
      fc.record({ id: fc.constantFrom('alice', 'bob', 'carol'), confirmed: fc.constantFrom('0', '5') }),
      { selector: (w) => w.id, maxLength: 3 },
    ),
    chains: fc.uniqueArray(fc.record({ id: fc.constantFrom('btc' as const, 'ltc' as const), height: fc.nat(3) }), {
      selector: (c) => c.id,
      maxLength: 2,
    }),
  })
  .map((r) =>
    view(
      r.revision,
      r.nodes.map((n) => node(n.id, n.label, n.status, n.fee)),
      r.edges.map((e): EdgeView => ({ id: e.id, from: { node: e.from, output: 0 }, to: { node: e.to, input: 0 } })),
      {
        name: r.name,
        modified: r.modified,
        wallets: r.wallets.map((w) => wallet(w.id, w.confirmed)),
        chains: r.chains.map((c) => chain(c.id, c.height)),
        ...(r.lesson ? { lesson: r.lesson as unknown as NonNullable<WorkspaceView['lesson']> } : {}),
      },
    ),
  );

describe('a view patch', () => {
  it('turns any view into any other exactly, nodes, edges, chains and wallets in order, parts added and removed', () => {
    fc.assert(
      fc.property(viewArb, viewArb, (before, after) => {
        const patched = applyPatch(before, diffViews(before, after));
        expect(JSON.parse(JSON.stringify(patched))).toEqual(JSON.parse(JSON.stringify(after)));
        expect(Object.keys(patched).sort()).toEqual(Object.keys(after).sort());
      }),
      { numRuns: 500 },
    );
  });

  it('keeps the objects of unchanged nodes and sends only what changed', () => {
    const nodes = ['a', 'b', 'c', 'd'].map((id) => node(id, id, 'draft'));
    const before = view(1, nodes, []);
    const after = view(2, [nodes[0]!, node('b', 'b', 'signed'), nodes[2]!, nodes[3]!, node('e', 'e', 'draft')], []);
    const patch = diffViews(before, after);
    // A new node goes whole; a changed one as the fields that changed.
    expect(patch.nodes?.set.map((n) => n.id)).toEqual(['e']);
    expect(patch.nodes?.changed).toEqual([{ id: 'b', status: { kind: 'signed' } }]);
    expect(patch.nodes?.removed).toEqual([]);
    expect(patch.nodes?.order).toBeUndefined();
    expect(Object.keys(patch.parts)).toEqual(['revision']);
    const patched = applyPatch(before, patch);
    expect(patched.nodes[0]).toBe(nodes[0]);
    expect(patched.nodes[3]).toBe(nodes[3]);
    expect(patched.nodes[1]!.status).toEqual({ kind: 'signed' });
    // The edges did not change: the patch leaves them out and the page keeps its array.
    expect(patch.edges).toBeUndefined();
    expect(patched.edges).toBe(before.edges);
  });

  it('sends only the wallets and chains that changed, and nothing of them when none did', () => {
    const wallets = [wallet('alice', '5'), wallet('bob', '0'), wallet('carol', '0')];
    const chains = [chain('btc', 101), chain('ltc', 0)];
    const before = view(1, [], [], { wallets, chains });
    // A block pays Carol: a copy of each unchanged item (as a host without caches builds them) is still unchanged.
    const after = view(2, [], [], {
      wallets: [{ ...wallets[0]! }, wallets[1]!, wallet('carol', '50')],
      chains: [chain('btc', 102), { ...chains[1]! }],
    });
    const patch = diffViews(before, after);
    expect(patch.wallets).toEqual({
      set: [],
      removed: [],
      changed: [{ id: 'carol', balances: wallet('carol', '50').balances }],
    });
    expect(patch.chains).toEqual({ set: [], removed: [], changed: [{ id: 'btc', height: 102 }] });
    expect(Object.keys(patch.parts)).toEqual(['revision']);
    const patched = applyPatch(before, patch);
    expect(patched.wallets[1]).toBe(wallets[1]);
    expect(patched.wallets[2]!.balances.btc.confirmed).toBe('50');
    expect(patched.chains[1]).toBe(chains[1]);
    const quiet = diffViews(after, view(3, [], [], { wallets: after.wallets, chains: after.chains }));
    expect('wallets' in quiet || 'chains' in quiet).toBe(false);
  });
});

describe('the encoder and the decoder', () => {
  const v1 = view(1, [node('a', 'a', 'draft')], []);
  const v2 = view(2, [node('a', 'a', 'signed')], []);
  const v3 = view(3, [node('a', 'a', 'signed'), node('b', 'b', 'draft')], []);

  it('sends plain views to a caller that does not decode them', () => {
    expect(new ViewEncoder().encode(v1, undefined)).toBe(v1);
    expect(new ViewEncoder().encode({ accepted: true }, 0)).toEqual({ accepted: true });
  });

  it('sends the first view whole and the next ones as patches; answers that cross still decode', () => {
    const encoder = new ViewEncoder();
    const decoder = new ViewDecoder();
    const first = encoder.encode(v1, decoder.known) as EncodedView;
    expect('full' in first).toBe(true);
    expect(decoder.decode(first)?.value).toEqual(v1);
    // Two calls made while holding v1; their answers arrive in the other order.
    const known = decoder.known;
    const a = encoder.encode(v2, known) as EncodedView;
    const b = encoder.encode(v3, known) as EncodedView;
    expect('patch' in a && 'patch' in b).toBe(true);
    expect(decoder.decode(b)?.value).toEqual(v3);
    expect(decoder.decode(a)?.value).toEqual(v2);
    // The newest revision is the one named next.
    const c = encoder.encode(v3, decoder.known) as EncodedView;
    // Nothing changed between them: the patch carries no list at all.
    expect('patch' in c && c.patch.nodes).toBeUndefined();
  });

  it('sends the whole view when the one the page names is forgotten, and the page asks again for a patch it cannot apply', () => {
    const encoder = new ViewEncoder();
    const decoder = new ViewDecoder();
    decoder.decode(encoder.encode(v1, 0));
    const held = decoder.known;
    for (let i = 0; i < 20; i++) encoder.encode(v2, 0); // another page's calls push v1 out
    expect('full' in (encoder.encode(v3, held) as EncodedView)).toBe(true);
    // A page that never got the base (a fresh decoder) cannot apply the patch: undefined, so it asks for the whole view.
    const base = encoder.encode(v2, 0) as EncodedView;
    const patch = encoder.encode(v3, base.$view) as EncodedView;
    expect('patch' in patch).toBe(true);
    expect(new ViewDecoder().decode(patch)).toBeUndefined();
  });
});
