/** Mallory's tasks: a malleated copy of a signed transaction, sent to a chosen node. */
import { toHex } from '../../bitcoin/bytes';
import { errFrom, errText, errWithin, ok, type Result } from '../../contract/result';
import { mutate } from '../../protocols/malleability';
import { factsTable, type Fact } from '../../scenario/lessonData';
import type { LessonTaskParams } from '../../scenario/lessonTasks';
import type { LessonHost, TaskReport } from '../host';
import { bilingual } from '../narration';
import { en } from '../taskWords/en';
import { zh } from '../taskWords/zh';

const say = bilingual(en, zh).mutateBroadcast;

/** Facts of every copy Mallory sent in this lesson, by node. */
function recordCopy(host: LessonHost, facts: readonly Fact[]): void {
  const key = 'malleability.copies';
  const before = host.lessonData(key) as ReturnType<typeof factsTable> | undefined;
  const old: Fact[] = before
    ? Object.entries(before.facts).map(([id, value], i) => ({
        id,
        label: before.rows[i]!.label,
        value,
        ...(before.rows[i]!.cells[0]!.tone ? { tone: before.rows[i]!.cells[0]!.tone } : {}),
      }))
    : [];
  const merged = [...old.filter((f) => !facts.some((n) => n.id === f.id)), ...facts];
  host.showLessonData(key, factsTable(say.copies, merged));
}

export async function mutateBroadcastTask(
  host: LessonHost,
  p: LessonTaskParams<'mutate-broadcast'>,
): Promise<Result<TaskReport>> {
  const a = host.assembled().get(p.node);
  if (!a) return errText('NOT_FOUND', 'lesson.task.noDraft', { node: p.node });
  if (a.slots.some((s) => !s.signed)) return errText('INVALID_STATE', 'lesson.task.notSigned', { node: p.node });
  const m = mutate(a.record.tx, p.input, p.mutation);
  if (!m.ok)
    return errWithin(
      'INVALID_STATE',
      { key: 'lesson.task.mutationFails', params: { mutation: p.mutation, node: p.node } },
      m.error,
    );
  const copy = m.value;
  const chain = a.node.chain;
  const result = await host.applyChain({
    op: 'broadcast',
    chain,
    hex: toHex(copy.raw),
    ...(p.via ? { via: p.via } : {}),
  });
  if (result.op !== 'broadcast')
    return result.op === 'failed'
      ? errFrom('INVALID_STATE', result)
      : errText('INVALID_STATE', 'lesson.task.unexpectedResult');
  const outcome = result.outcome;
  if (copy.txidChanged && outcome.ok) {
    // Shown under the original, so the class sees two transactions spending the same coins.
    const id = host.freeId(`${p.node}-copy`);
    // One row of the lesson's layout below: a row is what a node needs.
    host.editGraph({
      nodes: [
        ...host.graph().nodes,
        {
          kind: 'chain',
          id,
          label: `${a.node.label} (Mallory)`,
          chain,
          txid: copy.txid,
          position: { x: a.node.position.x, y: a.node.position.y + 190 },
        },
      ],
    });
  }
  recordCopy(host, [
    {
      id: `${p.node}-mutation`,
      label: say.mutation({ node: p.node }),
      value: `${copy.kind} (${copy.area})`,
    },
    {
      id: `${p.node}-txidChanged`,
      label: say.txidChanged({ node: p.node }),
      value: copy.txidChanged,
      tone: copy.txidChanged ? 'bad' : 'good',
    },
    {
      id: `${p.node}-copyTxid`,
      label: say.copyTxid({ node: p.node }),
      value: copy.txid,
    },
    {
      id: `${p.node}-accepted`,
      label: say.accepted({ node: p.node }),
      value: outcome.ok ? true : outcome.rejection.reason,
      tone: outcome.ok ? 'bad' : 'good',
    },
  ]);
  host.changed();
  return ok({
    detail: `${copy.kind} copy of ${p.node}: txid ${copy.txidChanged ? 'changed' : 'unchanged'}, ${outcome.ok ? 'accepted' : `refused (${outcome.rejection.reason})`}`,
    txids: [copy.txid],
    ...(outcome.ok ? {} : { rejection: outcome.rejection.reason }),
  });
}
