/** `workspace.changed` says what Undo and Redo can do, for the desktop menu (it has no view to read). */
import { describe, expect, it } from 'vitest';
import type { HostEvents } from '../../../shared/contract/methods';
import { testBench } from './helpers';

const lastChange = (events: readonly { event: string; payload: unknown }[]) =>
  events.filter((e) => e.event === 'workspace.changed').at(-1)?.payload as HostEvents['workspace.changed'] | undefined;

describe('workspace.changed', () => {
  it('follows the undo and redo stacks through an edit, an undo and a redo', async () => {
    const t = await testBench();
    await t.must('graph.addNode', { template: 'custom', chain: 'btc', position: { x: 0, y: 0 } });
    expect(lastChange(t.events)).toMatchObject({ canUndo: true, canRedo: false });
    await t.must('workspace.undo', {});
    expect(lastChange(t.events)).toMatchObject({ canUndo: false, canRedo: true });
    await t.must('workspace.redo', {});
    expect(lastChange(t.events)).toMatchObject({ canUndo: true, canRedo: false });
  });
});
