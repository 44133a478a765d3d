/**
 * Export → import is lossless for every built-in: the same file again, the same graph and
 * positions, statuses, best block hashes and balances — before the lesson, and after its last path.
 */
import { describe, expect, it } from 'vitest';
import { gotoLessonPosition } from '../../main/host/lesson';
import type { WorkspaceView } from '../../shared/contract/views';
import { BUILTINS } from '../../shared/lessons';
import { testBench } from '../unit/host/helpers';
import { catalog, load } from './support';

function essentials(view: WorkspaceView) {
  return {
    nodes: view.nodes.map((n) => ({ id: n.id, position: n.position, txid: n.txid, status: n.status })),
    edges: view.edges,
    tips: view.chains.map((c) => ({
      id: c.id,
      tip: c.tipHash,
      height: c.height,
      time: c.time,
      era: c.era,
      rules: c.rules,
    })),
    balances: view.wallets.map((w) => ({
      name: w.name,
      balances: w.balances,
      keys: w.keys.map((k) => `${k.label}:${k.publicKey}:${k.handedOverFrom ?? ''}`),
    })),
    handovers: view.handovers.map((h) => `${h.keyLabel}:${h.from}→${h.to}`),
    lesson: view.lesson && { path: view.lesson.path, position: view.lesson.position, steps: view.lesson.steps.length },
  };
}

async function roundTrip(json: string) {
  const t = await testBench({ catalog });
  const imported = await t.call('workspace.import', { json });
  if (!imported.ok) throw new Error(`${imported.error.code} ${imported.error.path}: ${imported.error.message}`);
  return { view: imported.value, json: (await t.must('workspace.export', {})).json };
}

describe('export → import round trip of every built-in', () => {
  for (const b of BUILTINS) {
    const last = b.paths.at(-1)!;
    it(`${b.name}: as built, and after playing "${last}"`, async () => {
      const t = await load(b.name, last);
      const fresh = (await t.must('workspace.export', {})).json;
      const again = await roundTrip(fresh);
      expect(JSON.parse(again.json)).toEqual(JSON.parse(fresh));
      expect(essentials(again.view)).toEqual(essentials(await t.must('workspace.get', {})));

      const played = await gotoLessonPosition(t.bench, t.handlers, t.bench.doc.lesson!.paths[last]!.length);
      if (!played.ok) throw new Error(played.error.message);
      const after = (await t.must('workspace.export', {})).json;
      const replayed = await roundTrip(after);
      expect(JSON.parse(replayed.json)).toEqual(JSON.parse(after));
      expect(essentials(replayed.view)).toEqual(essentials(await t.must('workspace.get', {})));
    });
  }
});
