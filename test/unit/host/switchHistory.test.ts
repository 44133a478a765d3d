/**
 * Safe switching: the workspace says when the person changed it, and Undo after a lesson load, an
 * import or a new workspace brings the replaced one back — graph, chains and wallets, private
 * keys included (they never left the host).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { BuiltinCatalog } from '../../../main/host/catalog';
import { openHostSession, type HostSession } from '../../../main/host/session';
import type { MethodName, MethodRequest, MethodResponses } from '../../../shared/contract/methods';
import type { WorkspaceView } from '../../../shared/contract/views';
import { testBench, type TestBench } from './helpers';

const catalog = new BuiltinCatalog();

/** A hand-built workspace: a wallet of the person's own (random seed), a payment signed by it and mined. */
async function handBuilt(must: TestBench['must']): Promise<{ view: WorkspaceView; eveKey: string; payment: string }> {
  const created = await must('wallet.create', { name: 'Eve' });
  const eve = created.wallets.find((w) => w.name === 'Eve')!;
  const key = await must('wallet.deriveKey', { wallet: eve.id, purpose: 'receive' });
  const eveKey = key.wallets.find((w) => w.name === 'Eve')!.keys.find((k) => k.id === key.keyId)!.publicKey;
  const alice = created.wallets.find((w) => w.name === 'Alice')!;
  const coin = (await must('wallet.utxos', { wallet: alice.id, chain: 'btc' })).utxos.find((u) => u.mature)!;
  const src = await must('graph.addChainTx', { chain: 'btc', txid: coin.txid, position: { x: 0, y: 0 } });
  const pay = await must('graph.addNode', { template: 'p2pkh-payment', chain: 'btc', position: { x: 320, y: 0 } });
  await must('graph.connect', { from: { node: src.created, output: coin.vout }, to: { node: pay.created, input: 0 } });
  await must('graph.setOutput', {
    node: pay.created,
    output: 0,
    value: (BigInt(coin.value) - 10_000n).toString(),
    payTo: { wallet: 'Eve' },
  });
  await must('tx.sign', { node: pay.created, wallet: 'Alice' });
  await must('tx.broadcast', { node: pay.created });
  const view = await must('chain.mine', { chain: 'btc', count: 1, to: { wallet: 'Carol' } });
  return { view, eveKey, payment: pay.created };
}

const summary = (view: WorkspaceView) => ({
  nodes: view.nodes.map((n) => [n.id, n.label, n.status.kind, n.txid]),
  chains: view.chains.map((c) => [c.id, c.height, c.tipHash]),
  wallets: view.wallets.map((w) => [w.name, w.keys.map((k) => k.publicKey), w.balances]),
});

describe('safe switching between workspaces', () => {
  it('a new workspace is unchanged; an edit or a chain action changes it; playing a lesson does not', async () => {
    const t = await testBench({ catalog });
    expect((await t.must('workspace.get', {})).modified).toBe(false);
    expect((await t.must('chain.mine', { chain: 'btc', count: 1 })).modified).toBe(true);
    const loaded = await t.must('scenario.load', { name: 'p2pkh-basics' });
    expect(loaded.modified).toBe(false);
    expect(loaded.canUndo).toBe(true);
    expect((await t.must('lesson.goto', { position: 2 })).modified).toBe(false);
    expect((await t.must('workspace.get', {})).modified).toBe(false);
    expect((await t.must('graph.moveNodes', { moves: [{ id: 'Payment', position: { x: 5, y: 5 } }] })).modified).toBe(
      true,
    );
    // Reading is not changing.
    await t.must('tx.inspect', { node: 'Payment' });
    await t.must('rpc.call', { chain: 'btc', line: 'getblockchaininfo' });
    expect((await t.must('workspace.get', {})).modified).toBe(true);
  });

  it('Undo after a lesson load brings back the hand-built workspace: graph, chains and wallets; Redo the lesson', async () => {
    const t = await testBench({ catalog });
    const built = await handBuilt(t.must);
    expect(built.view.modified).toBe(true);
    const before = summary(await t.must('workspace.get', {}));

    const lesson = await t.must('scenario.load', { name: 'p2pkh-basics' });
    expect(lesson.wallets.some((w) => w.name === 'Eve')).toBe(false);
    await t.must('lesson.goto', { position: 2 });

    const undone = await t.must('workspace.undo', {});
    expect(summary(undone)).toEqual(before);
    expect(undone.lesson).toBeUndefined();
    expect(undone.modified).toBe(true);
    expect(undone.canRedo).toBe(true);
    // Eve's private key came back with her wallet: she can spend the coin she was paid.
    const eve = undone.wallets.find((w) => w.name === 'Eve')!;
    expect(eve.keys.map((k) => k.publicKey)).toContain(built.eveKey);
    const spend = await t.must('graph.addNode', {
      template: 'p2pkh-payment',
      chain: 'btc',
      position: { x: 640, y: 0 },
    });
    await t.must('graph.connect', { from: { node: built.payment, output: 0 }, to: { node: spend.created, input: 0 } });
    await t.must('graph.setOutput', { node: spend.created, output: 0, value: '100000', payTo: { wallet: 'Bob' } });
    const signed = await t.must('tx.sign', { node: spend.created, wallet: 'Eve' });
    expect(signed.signed).toBe(1);
    expect(signed.nodes.find((n) => n.id === spend.created)!.status.kind).toBe('signed');
    // Undo walks back through those edits first, then redoes nothing: the edits replaced the redo.
    await t.must('workspace.undo', {});
    expect((await t.must('workspace.get', {})).canRedo).toBe(true);
  });

  it('Redo after Undo reopens the lesson where it was', async () => {
    const t = await testBench({ catalog });
    await handBuilt(t.must);
    await t.must('scenario.load', { name: 'p2pkh-basics' });
    const played = await t.must('lesson.goto', { position: 2 });
    await t.must('workspace.undo', {});
    const redone = await t.must('workspace.redo', {});
    expect(redone.lesson?.position).toBe(2);
    expect(summary(redone)).toEqual(summary(played));
    expect(redone.modified).toBe(false);
    // The lesson's start came back too: its steps can be replayed from the beginning.
    expect((await t.must('lesson.goto', { position: 0 })).lesson?.position).toBe(0);
  });

  it('a failed import changes nothing, Undo history included', async () => {
    const t = await testBench({ catalog });
    await t.must('graph.addNode', { template: 'custom', chain: 'btc', position: { x: 0, y: 0 } });
    const before = await t.must('workspace.get', {});
    const r = await t.call('workspace.import', { json: '{"format":"txlab-scenario","version":1}' });
    expect(r.ok).toBe(false);
    const after = await t.must('workspace.get', {});
    expect(summary(after)).toEqual(summary(before));
    expect([after.modified, after.canUndo, after.canRedo]).toEqual([before.modified, before.canUndo, before.canRedo]);
  });

  it('Undo after File ▸ New and after an import', async () => {
    const t = await testBench({ catalog });
    // Without a wallet of the person's own: an export without keys re-derives the mock wallets.
    const alice = (await t.must('workspace.get', {})).wallets.find((w) => w.name === 'Alice')!;
    const coin = (await t.must('wallet.utxos', { wallet: alice.id, chain: 'btc' })).utxos.find((u) => u.mature)!;
    await t.must('graph.addChainTx', { chain: 'btc', txid: coin.txid, position: { x: 0, y: 0 } });
    await t.must('chain.mine', { chain: 'btc', count: 2 });
    const handBuiltView = summary(await t.must('workspace.get', {}));
    const exported = await t.must('workspace.export', {});
    await t.must('workspace.new', {});
    expect(summary(await t.must('workspace.undo', {}))).toEqual(handBuiltView);
    await t.must('scenario.load', { name: 'segwit' });
    const segwit = summary(await t.must('workspace.get', {}));
    await t.must('workspace.import', { json: exported.json });
    expect(summary(await t.must('workspace.undo', {}))).toEqual(segwit);
  });
});

describe('safe switching with the app’s keystore on disk', () => {
  let dir: string | undefined;
  let session: HostSession | undefined;
  afterEach(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
    dir = undefined;
    session = undefined;
  });

  it('restores the replaced wallets into the persistent keystore through the provider', async () => {
    dir = mkdtempSync(join(tmpdir(), 'txlab-switch-'));
    const opened = await openHostSession({ dataDir: dir, mode: 'headless', version: 'test', seed: 3, catalog });
    if (!opened.ok) throw new Error(opened.error.message);
    session = opened.value;
    const s = session;
    const must = async <M extends MethodName>(method: M, params: MethodRequest<M>): Promise<MethodResponses[M]> => {
      const r = await s.invoke(method, params);
      if (!r.ok) throw new Error(`${method}: ${r.error.message}`);
      return r.value as MethodResponses[M];
    };
    const built = await handBuilt(must);
    await must('scenario.load', { name: 'multihop' });
    expect(s.bench.wallets.listWallets().some((w) => w.name === 'Eve')).toBe(false);
    const undone = await must('workspace.undo', {});
    expect(undone.wallets.find((w) => w.name === 'Eve')?.keys.map((k) => k.publicKey)).toContain(built.eveKey);
    // The keystore the app persists is the one holding Eve again.
    expect(
      s.bench.wallets
        .listWallets()
        .find((w) => w.name === 'Eve')
        ?.keys.map((k) => k.publicKey),
    ).toContain(built.eveKey);
    await s.flush();
  });
});
