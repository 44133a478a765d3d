/**
 * Long work in the host goes in slices (issue 9): while it works the host still answers
 * workspace.get and work.cancel, and a cancel stops it with the workspace left as it was (or,
 * for mining, with the blocks found so far recorded).
 */
import { describe, expect, it } from 'vitest';
import { BuiltinCatalog } from '../../../main/host/catalog';
import { openHostSession, type HostSession } from '../../../main/host/session';
import { WorkContext } from '../../../main/host/work';
import type { MethodResponses } from '../../../shared/contract/methods';
import type { WorkspaceView } from '../../../shared/contract/views';

async function session(): Promise<HostSession> {
  const opened = await openHostSession({ mode: 'headless', version: 'test', seed: 3, catalog: new BuiltinCatalog() });
  if (!opened.ok) throw new Error(opened.error.message);
  return opened.value;
}

async function view(s: HostSession): Promise<WorkspaceView> {
  const r = await s.invoke('workspace.get', {});
  if (!r.ok) throw new Error(r.error.message);
  return r.value as WorkspaceView;
}

/** Resolves once the host has reported progress for `task` (it is then inside the work). */
function progressOf(s: HostSession, task: RegExp): Promise<void> {
  return new Promise((resolve) => {
    const off = s.subscribe((e) => {
      if (e.event === 'progress' && task.test((e.payload as { task: string }).task)) {
        off();
        resolve();
      }
    });
  });
}

describe('work in slices', () => {
  it('answers workspace.get while mining, and a cancel keeps (and records) the blocks found', async () => {
    const s = await session();
    const before = (await view(s)).chains.find((c) => c.id === 'btc')!.height;
    const mining = s.invoke('chain.mine', { chain: 'btc', count: 10_000 });
    await progressOf(s, /^mine-btc$/);
    const during = await s.invoke('workspace.get', {});
    expect(during.ok).toBe(true);
    const cancel = await s.invoke('work.cancel', {});
    expect(cancel).toEqual({ ok: true, value: { cancelling: true } });
    const mined = await mining;
    expect(mined.ok).toBe(false);
    if (!mined.ok) expect(mined.error.code).toBe('CANCELLED');
    const after = (await view(s)).chains.find((c) => c.id === 'btc')!.height;
    expect(after).toBeGreaterThan(before);
    expect(after).toBeLessThan(before + 10_000);
    // The history holds what was mined, so the workspace replays to the same height.
    const history = s.bench.doc.history.filter((a) => a.chain === 'btc' && a.op === 'mine');
    expect(history.at(-1)).toMatchObject({ op: 'mine', count: after - before });
  });

  it('a cancelled import changes nothing', async () => {
    const s = await session();
    const exported = (await s.invoke('scenario.load', { name: 'rsmc-channel', path: 'unilateral' })).ok;
    expect(exported).toBe(true);
    await s.invoke('lesson.goto', { position: 8 }); // mines 1,000 blocks: a long history to replay
    const file = (await s.invoke('workspace.export', {})) as { ok: true; value: MethodResponses['workspace.export'] };
    await s.invoke('workspace.new', {});
    const before = await view(s);
    const importing = s.invoke('workspace.import', { json: file.value.json });
    await progressOf(s, /^replay$/);
    await s.invoke('work.cancel', {});
    const imported = await importing;
    expect(imported.ok).toBe(false);
    if (!imported.ok) expect(imported.error.code).toBe('CANCELLED');
    const after = await view(s);
    expect(after.nodes.map((n) => n.id)).toEqual(before.nodes.map((n) => n.id));
    expect(after.chains.map((c) => c.tipHash)).toEqual(before.chains.map((c) => c.tipHash));
  });

  it('a lesson step cancelled part-way goes back to the step it stood at', async () => {
    const s = await session();
    expect((await s.invoke('scenario.load', { name: 'throughput-finality', path: 'capacity' })).ok).toBe(true);
    const before = await view(s);
    expect(before.lesson!.position).toBe(0);
    // Step 2 runs the throughput crowd on a sandbox, thousands of payments long.
    await s.invoke('lesson.goto', { position: 1 });
    const stepping = s.invoke('lesson.goto', { position: 2 });
    await progressOf(s, /^throughput$/);
    await s.invoke('work.cancel', {});
    const stepped = await stepping;
    expect(stepped.ok).toBe(false);
    if (!stepped.ok) expect(stepped.error.code).toBe('CANCELLED');
    const after = await view(s);
    expect(after.lesson!.position).toBe(1);
    expect(after.lesson!.data?.['throughput.summary']).toBeUndefined();
  });

  it('work.cancel with nothing running says so and changes nothing', async () => {
    const s = await session();
    const before = await view(s);
    expect(await s.invoke('work.cancel', {})).toEqual({ ok: true, value: { cancelling: false } });
    expect((await s.invoke('chain.mine', { chain: 'btc', count: 1 })).ok).toBe(true);
    expect((await view(s)).chains[0]!.height).toBe(before.chains[0]!.height + 1);
  });
});

describe('progress reports', () => {
  it('go out at most every 100 ms, the first and the last always', async () => {
    const seen: number[] = [];
    const work = new WorkContext((r) => seen.push(r.done));
    for (let done = 0; done <= 1_000; done++) work.progress({ task: 'mine', done, total: 1_000 });
    // All within a few milliseconds: the first report and the one at the total.
    expect(seen).toEqual([0, 1_000]);
    await new Promise((resolve) => setTimeout(resolve, 120));
    work.progress({ task: 'mine', done: 5, total: 10 });
    expect(seen).toEqual([0, 1_000, 5]);
  });
});
