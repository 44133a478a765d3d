/**
 * Incremental views through a real host: a page (the renderer's own `withViewPatches`) talks to a
 * workbench whose answers go through the worker's `ViewEncoder`, as in the app. After any random
 * sequence of edits, chain actions, lesson steps, undos and redos, the view the page holds — the
 * first whole view with every patch applied — equals a fresh whole view. A reconnect and a lost
 * answer end in a correct view too.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BuiltinCatalog } from '../../../main/host/catalog';
import { withViewPatches } from '../../../renderer/src/transport/viewPatches';
import type { ConnectionState, RendererTransport } from '../../../renderer/src/transport/types';
import { ViewEncoder } from '../../../shared/contract/viewPatch';
import type { WorkspaceView } from '../../../shared/contract/views';
import { testBench, type TestBench } from './helpers';

/** A transport to the test bench that encodes answers as the host worker does; `lose` drops the next answer's view. */
function fakeTransport(t: TestBench) {
  const encoder = new ViewEncoder();
  const listeners = new Set<(state: ConnectionState) => void>();
  const control = { lose: false, bytes: 0, lastPlain: undefined as unknown };
  const transport: RendererTransport = {
    kind: 'websocket',
    async invoke(method, params, options = {}) {
      const r = await t.call(method as never, params as never);
      if (!r.ok) return r;
      control.lastPlain = JSON.parse(JSON.stringify(r.value));
      const value = encoder.encode(r.value, options.knownView);
      control.bytes += JSON.stringify(value).length;
      if (control.lose) {
        control.lose = false;
        return { ok: false, error: { code: 'INTERNAL', message: 'lost on the way' } };
      }
      // The wire is JSON: the page gets copies, never the host's objects.
      return { ok: true, value: JSON.parse(JSON.stringify(value)) as unknown };
    },
    subscribe: () => () => {},
    connection: () => ({ kind: 'open' }),
    onConnectionChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
  return { transport, control, reconnect: () => listeners.forEach((l) => l({ kind: 'open' })) };
}

type Op =
  | { readonly kind: 'goto'; readonly position: number }
  | { readonly kind: 'mine'; readonly count: number }
  | { readonly kind: 'rename'; readonly pick: number; readonly label: string }
  | { readonly kind: 'move'; readonly pick: number; readonly x: number }
  | { readonly kind: 'add' }
  | { readonly kind: 'remove'; readonly pick: number }
  | { readonly kind: 'undo' }
  | { readonly kind: 'redo' }
  | { readonly kind: 'lose' }
  | { readonly kind: 'reconnect' };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant('goto' as const), position: fc.nat(8) }),
  fc.record({ kind: fc.constant('mine' as const), count: fc.integer({ min: 1, max: 3 }) }),
  fc.record({
    kind: fc.constant('rename' as const),
    pick: fc.nat(),
    label: fc.constantFrom('Pay Bob', 'Change', '付款'),
  }),
  fc.record({ kind: fc.constant('move' as const), pick: fc.nat(), x: fc.integer({ min: -500, max: 500 }) }),
  fc.constant({ kind: 'add' as const }),
  fc.record({ kind: fc.constant('remove' as const), pick: fc.nat() }),
  fc.constant({ kind: 'undo' as const }),
  fc.constant({ kind: 'redo' as const }),
  fc.constant({ kind: 'lose' as const }),
  fc.constant({ kind: 'reconnect' as const }),
);

function plain(view: unknown): unknown {
  return JSON.parse(JSON.stringify(view));
}

describe('incremental views through a real host', () => {
  it('after any sequence of 200 edits, chain actions, steps, undos and redos, the page holds the fresh view', async () => {
    let totalBytes = 0;
    let ops = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(opArb, { minLength: 200, maxLength: 200 }), async (sequence) => {
        const t = await testBench({ catalog: new BuiltinCatalog() });
        const { transport, control, reconnect } = fakeTransport(t);
        const page = withViewPatches(transport);
        let held = (await page.invoke('scenario.load', { name: 'p2pkh-basics' })) as { ok: true; value: WorkspaceView };
        expect(held.ok).toBe(true);
        const pick = (n: number) => held.value.nodes[n % Math.max(1, held.value.nodes.length)]?.id ?? 'none';
        for (const op of sequence) {
          ops++;
          let r;
          switch (op.kind) {
            case 'goto':
              r = await page.invoke('lesson.goto', { position: op.position });
              break;
            case 'mine':
              r = await page.invoke('chain.mine', { chain: 'btc', count: op.count });
              break;
            case 'rename':
              r = await page.invoke('graph.renameNode', { id: pick(op.pick), label: op.label });
              break;
            case 'move':
              r = await page.invoke('graph.moveNodes', {
                moves: [{ id: pick(op.pick), position: { x: op.x, y: 40 } }],
              });
              break;
            case 'add':
              r = await page.invoke('graph.addNode', {
                template: 'custom',
                chain: 'btc',
                position: { x: 900, y: 900 },
              });
              break;
            case 'remove':
              r = await page.invoke('graph.removeNodes', { ids: [pick(op.pick)] });
              break;
            case 'undo':
              r = await page.invoke('workspace.undo', {});
              break;
            case 'redo':
              r = await page.invoke('workspace.redo', {});
              break;
            case 'lose':
              control.lose = true;
              r = await page.invoke('workspace.get', {});
              break;
            case 'reconnect':
              reconnect();
              r = await page.invoke('workspace.get', {});
              break;
          }
          // The answer the page decoded is the host's answer, extras (`hashes`, `created`…) included.
          if (r.ok) expect(plain(r.value)).toEqual(control.lastPlain);
          // Refusals (nothing to undo, a step that no longer applies) are answers too; then the view the page holds must still be the host's.
          held = (await page.invoke('workspace.get', {})) as { ok: true; value: WorkspaceView };
          expect(held.ok).toBe(true);
          expect(plain(held.value)).toEqual(plain(await t.must('workspace.get', {})));
        }
        totalBytes += control.bytes;
      }),
      { numRuns: 3 },
    );
    expect(ops).toBe(600);
    expect(totalBytes).toBeGreaterThan(0);
  }, 120_000);
});
