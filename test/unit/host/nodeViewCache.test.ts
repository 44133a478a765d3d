/**
 * Node views kept between requests (main/host/nodeViewCache.ts) against views built from nothing.
 * A workspace of payment chains is edited, signed, broadcast, mined, re-policied, its clock moved
 * and its wallets changed at random; after every call the view the host answers with — whose
 * unchanged node views are the same objects as before — must equal a view built anew.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { NodeView, WorkspaceView } from '../../../shared/contract/views';
import { buildWorkspaceView } from '../../../main/host/workspaceView';
import { testBench, type TestBench } from './helpers';

type Op =
  | { readonly kind: 'pay' }
  | { readonly kind: 'child'; readonly pick: number }
  | { readonly kind: 'orphan' }
  | { readonly kind: 'sign'; readonly pick: number }
  | { readonly kind: 'broadcast'; readonly pick: number }
  | { readonly kind: 'mine'; readonly count: number }
  | { readonly kind: 'era'; readonly era: '2014' | 'modern' }
  | { readonly kind: 'time'; readonly seconds: number }
  | { readonly kind: 'derive' }
  | { readonly kind: 'renameWallet'; readonly name: string }
  | { readonly kind: 'sequence'; readonly pick: number; readonly sequence: number }
  | { readonly kind: 'locktime'; readonly pick: number; readonly ahead: number }
  | { readonly kind: 'disconnect'; readonly pick: number }
  | { readonly kind: 'remove'; readonly pick: number }
  | { readonly kind: 'move'; readonly pick: number; readonly x: number }
  | { readonly kind: 'reconnect'; readonly pick: number; readonly parent: number }
  | { readonly kind: 'undo' }
  | { readonly kind: 'redo' };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  { arbitrary: fc.constant({ kind: 'pay' as const }), weight: 3 },
  { arbitrary: fc.record({ kind: fc.constant('child' as const), pick: fc.nat() }), weight: 3 },
  // A draft spending a transaction by txid that the chain learns of later.
  { arbitrary: fc.constant({ kind: 'orphan' as const }), weight: 2 },
  { arbitrary: fc.record({ kind: fc.constant('sign' as const), pick: fc.nat() }), weight: 4 },
  { arbitrary: fc.record({ kind: fc.constant('broadcast' as const), pick: fc.nat() }), weight: 4 },
  { arbitrary: fc.record({ kind: fc.constant('mine' as const), count: fc.integer({ min: 1, max: 3 }) }), weight: 3 },
  fc.record({ kind: fc.constant('era' as const), era: fc.constantFrom('2014' as const, 'modern' as const) }),
  fc.record({ kind: fc.constant('time' as const), seconds: fc.integer({ min: 60, max: 30 * 86_400 }) }),
  fc.constant({ kind: 'derive' as const }),
  fc.record({ kind: fc.constant('renameWallet' as const), name: fc.constantFrom('Alicia', 'Alice', '爱丽丝') }),
  // A relative time lock on an input: the view shows it against the chain's clock.
  fc.record({
    kind: fc.constant('sequence' as const),
    pick: fc.nat(),
    sequence: fc.constantFrom(1, 3, 0xffffffff, 0x400001),
  }),
  // An absolute one a few blocks ahead: it opens as blocks are mined.
  {
    arbitrary: fc.record({
      kind: fc.constant('locktime' as const),
      pick: fc.nat(),
      ahead: fc.integer({ min: 0, max: 3 }),
    }),
    weight: 2,
  },
  fc.record({ kind: fc.constant('disconnect' as const), pick: fc.nat() }),
  // Edits that keep every node in its place: the views follow only the nodes they replace.
  fc.record({ kind: fc.constant('move' as const), pick: fc.nat(), x: fc.integer({ min: -500, max: 500 }) }),
  fc.record({ kind: fc.constant('reconnect' as const), pick: fc.nat(), parent: fc.nat() }),
  fc.record({ kind: fc.constant('remove' as const), pick: fc.nat() }),
  fc.constant({ kind: 'undo' as const }),
  fc.constant({ kind: 'redo' as const }),
);

function plain(view: unknown): unknown {
  return JSON.parse(JSON.stringify(view));
}

async function setUp(): Promise<{ t: TestBench; alice: string }> {
  const t = await testBench({ seed: 11 });
  const alice = (await t.must('workspace.get', {})).wallets.find((w) => w.name === 'Alice')!.id;
  // Ten matured coinbases for Alice to pay from.
  await t.must('chain.mine', { chain: 'btc', count: 10, to: { wallet: alice } });
  await t.must('chain.mine', { chain: 'btc', count: 100 });
  return { t, alice };
}

/** Runs one op; true when the host accepted it. */
async function run(t: TestBench, alice: string, view: WorkspaceView, op: Op): Promise<boolean> {
  const drafts = view.nodes.filter((n) => n.kind === 'draft');
  const pickDraft = (n: number): NodeView | undefined => drafts[n % Math.max(1, drafts.length)];
  const any = (n: number): NodeView | undefined => view.nodes[n % Math.max(1, view.nodes.length)];
  switch (op.kind) {
    case 'pay': {
      const { utxos } = await t.must('wallet.utxos', { wallet: alice, chain: 'btc' });
      const coin = utxos.find((u) => u.mature && !view.nodes.some((n) => n.txid === u.txid));
      if (!coin) return false;
      const source = await t.must('graph.addChainTx', {
        chain: 'btc',
        txid: coin.txid,
        position: { x: 0, y: view.nodes.length * 50 },
      });
      const pay = await t.must('graph.addNode', {
        template: 'p2pkh-payment',
        chain: 'btc',
        position: { x: 300, y: view.nodes.length * 50 },
      });
      await t.must('graph.connect', {
        from: { node: source.created, output: coin.vout },
        to: { node: pay.created, input: 0 },
      });
      return (
        await t.call('graph.setOutput', {
          node: pay.created,
          output: 0,
          value: (BigInt(coin.value) - 5_000n).toString(),
          payTo: { wallet: alice },
        })
      ).ok;
    }
    case 'child': {
      const open = drafts.filter((d) => d.outputs[0] && !d.outputs[0].spentBy && BigInt(d.outputs[0].value) >= 20_000n);
      const parent = open[op.pick % Math.max(1, open.length)];
      const out = parent?.outputs[0];
      if (!parent || !out) return false;
      const child = await t.must('graph.addNode', {
        template: 'p2pkh-payment',
        chain: 'btc',
        position: { x: parent.position.x + 300, y: parent.position.y },
      });
      await t.must('graph.connect', { from: { node: parent.id, output: 0 }, to: { node: child.created, input: 0 } });
      return (
        await t.call('graph.setOutput', {
          node: child.created,
          output: 0,
          value: (BigInt(out.value) - 5_000n).toString(),
          payTo: { wallet: alice },
        })
      ).ok;
    }
    case 'orphan': {
      // Parent and child signed, the child imported by its bytes alone (the parent is off the canvas), then the parent broadcast behind the graph's back.
      if (!(await run(t, alice, view, { kind: 'pay' }))) return false;
      let now = await t.must('workspace.get', {});
      const parent = now.nodes.at(-1)!;
      await t.must('tx.sign', { node: parent.id, wallet: alice });
      if (!(await run(t, alice, await t.must('workspace.get', {}), { kind: 'child', pick: 0 }))) return false;
      now = await t.must('workspace.get', {});
      const child = now.nodes.at(-1)!;
      await t.must('tx.sign', { node: child.id, wallet: alice });
      const childHex = (await t.must('tx.inspect', { node: child.id })).hex;
      const parentHex = (await t.must('tx.inspect', { node: parent.id })).hex;
      await t.must('graph.removeNodes', { ids: [child.id, parent.id] });
      await t.must('graph.importTx', { chain: 'btc', data: childHex, position: { x: 900, y: 0 } });
      return (await t.call('rpc.call', { chain: 'btc', line: `sendrawtransaction ${parentHex}` })).ok;
    }
    case 'sign': {
      const node = pickDraft(op.pick);
      const owner = node?.inputs.flatMap((i) => i.slots).find((s) => s.owner)?.owner;
      return (
        node !== undefined &&
        owner !== undefined &&
        (await t.call('tx.sign', { node: node.id, wallet: owner.walletId })).ok
      );
    }
    case 'broadcast': {
      const node = pickDraft(op.pick);
      return node !== undefined && (await t.call('tx.broadcast', { node: node.id })).ok;
    }
    case 'mine':
      return (await t.call('chain.mine', { chain: 'btc', count: op.count, to: { wallet: alice } })).ok;
    case 'era':
      return (await t.call('chain.setPolicy', { chain: 'btc', era: op.era })).ok;
    case 'time':
      return (await t.call('chain.advanceTime', { chain: 'btc', seconds: op.seconds })).ok;
    case 'derive':
      return (await t.call('wallet.deriveKey', { wallet: alice, purpose: 'receive' })).ok;
    case 'renameWallet':
      return (await t.call('wallet.rename', { wallet: alice, name: op.name })).ok;
    case 'sequence': {
      const node = pickDraft(op.pick);
      return (
        node !== undefined && (await t.call('graph.setInput', { node: node.id, input: 0, sequence: op.sequence })).ok
      );
    }
    case 'locktime': {
      const node = pickDraft(op.pick);
      const height = view.chains.find((c) => c.id === 'btc')!.height;
      return (
        node !== undefined && (await t.call('graph.setTxFields', { node: node.id, locktime: height + op.ahead })).ok
      );
    }
    case 'disconnect': {
      const node = pickDraft(op.pick);
      return node !== undefined && (await t.call('graph.disconnect', { node: node.id, input: 0 })).ok;
    }
    case 'remove': {
      const node = any(op.pick);
      return node !== undefined && (await t.call('graph.removeNodes', { ids: [node.id] })).ok;
    }
    case 'move': {
      const node = any(op.pick);
      return (
        node !== undefined &&
        (await t.call('graph.moveNodes', { moves: [{ id: node.id, position: { x: op.x, y: 40 } }] })).ok
      );
    }
    case 'reconnect': {
      const node = pickDraft(op.pick);
      const parent = any(op.parent);
      return (
        node !== undefined &&
        parent !== undefined &&
        (await t.call('graph.connect', { from: { node: parent.id, output: 0 }, to: { node: node.id, input: 0 } })).ok
      );
    }
    case 'undo':
      return (await t.call('workspace.undo', {})).ok;
    case 'redo':
      return (await t.call('workspace.redo', {})).ok;
  }
}

describe('node views kept between requests', () => {
  it('equal views built anew after any 150 edits, signatures, broadcasts, blocks, policy, clock and wallet changes', async () => {
    const accepted = new Map<string, number>();
    let kept = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(opArb, { minLength: 150, maxLength: 150 }), async (sequence) => {
        const { t, alice } = await setUp();
        let view = await t.must('workspace.get', {});
        for (const op of sequence) {
          if (await run(t, alice, view, op)) accepted.set(op.kind, (accepted.get(op.kind) ?? 0) + 1);
          const before = new Map(view.nodes.map((n) => [n.id, n]));
          view = await t.must('workspace.get', {});
          kept += view.nodes.filter((n) => before.get(n.id) === n).length;
          expect(plain(view)).toEqual(plain(buildWorkspaceView(t.bench, { fresh: true })));
        }
      }),
      { numRuns: 4 },
    );
    // The sequences did what they are for: signed, broadcast and mined drafts, and kept views.
    for (const kind of [
      'pay',
      'orphan',
      'child',
      'sign',
      'broadcast',
      'mine',
      'era',
      'time',
      'derive',
      'renameWallet',
      'sequence',
      'locktime',
      'move',
      'undo',
    ]) {
      expect(accepted.get(kind) ?? 0, `${kind} was accepted`).toBeGreaterThan(2);
    }
    expect(kept).toBeGreaterThan(100);
  }, 180_000);

  it('a node brought back by undo shows a wallet renamed while it was off the canvas', async () => {
    // Found by the property test (seed 783917066): the cache kept the removed node's view and
    // reused it when undo brought the same node object back, missing the rename in between.
    const { t, alice } = await setUp();
    const { utxos } = await t.must('wallet.utxos', { wallet: alice, chain: 'btc' });
    const coin = await t.must('graph.addChainTx', { chain: 'btc', txid: utxos[0]!.txid, position: { x: 0, y: 0 } });
    const before = await t.must('workspace.get', {});
    expect(before.nodes.find((n) => n.id === coin.created)!.outputs.map((o) => o.owner)).toContain('Alice');
    await t.must('graph.removeNodes', { ids: [coin.created] });
    await t.must('wallet.rename', { wallet: alice, name: '爱丽丝' });
    await t.must('workspace.undo', {});
    const view = await t.must('workspace.get', {});
    expect(view.nodes.find((n) => n.id === coin.created)!.outputs.map((o) => o.owner)).toContain('爱丽丝');
    expect(plain(view)).toEqual(plain(buildWorkspaceView(t.bench, { fresh: true })));
  });

  it('a refusal shown on a node goes when the same node is accepted later, with nothing else edited', async () => {
    const { t, alice } = await setUp();
    expect(await run(t, alice, await t.must('workspace.get', {}), { kind: 'pay' })).toBe(true);
    const parent = (await t.must('workspace.get', {})).nodes.at(-1)!;
    expect(await run(t, alice, await t.must('workspace.get', {}), { kind: 'child', pick: 0 })).toBe(true);
    const child = (await t.must('workspace.get', {})).nodes.at(-1)!;
    await t.must('tx.sign', { node: parent.id, wallet: alice });
    await t.must('tx.sign', { node: child.id, wallet: alice });
    // The child first: its parent is nowhere yet, so it is refused and the node says so.
    const refused = await t.must('tx.broadcast', { node: child.id });
    expect(refused.broadcast.accepted).toBe(false);
    expect(refused.nodes.find((n) => n.id === child.id)!.lastRejection).toBeDefined();
    await t.must('tx.broadcast', { node: parent.id });
    const accepted = await t.must('tx.broadcast', { node: child.id });
    expect(accepted.broadcast.accepted).toBe(true);
    expect(accepted.nodes.find((n) => n.id === child.id)!.lastRejection).toBeUndefined();
    expect(plain(await t.must('workspace.get', {}))).toEqual(plain(buildWorkspaceView(t.bench, { fresh: true })));
  });

  it('keeps a wallet view while nothing it shows changed, and rebuilds it when a block or a rename does', async () => {
    const { t, alice } = await setUp();
    const first = await t.must('workspace.get', {});
    expect(await run(t, alice, first, { kind: 'pay' })).toBe(true); // a graph edit: no chain, no wallet moves
    const edited = await t.must('workspace.get', {});
    edited.wallets.forEach((w, i) => expect(w).toBe(first.wallets[i]));
    await t.must('chain.mine', { chain: 'btc', count: 1, to: { wallet: alice } });
    const mined = await t.must('workspace.get', {});
    const fresh = buildWorkspaceView(t.bench, { fresh: true });
    expect(mined.wallets.find((w) => w.id === alice)).not.toBe(edited.wallets.find((w) => w.id === alice));
    expect(plain(mined.wallets)).toEqual(plain(fresh.wallets));
    await t.must('wallet.rename', { wallet: alice, name: 'Alicia' });
    expect((await t.must('workspace.get', {})).wallets.find((w) => w.id === alice)!.name).toBe('Alicia');
  });
});
