/**
 * Small lesson tasks over the open workspace: the trace table, sizes side by side, a secret read
 * back from the chain, a chart point, and mining on one miner of a partitioned network.
 */
import { fromHex, toHex } from '../../bitcoin/bytes';
import { hash160, sha256 } from '../../bitcoin/hashes';
import { Transaction } from '../../bitcoin/transaction';
import { errFrom, errText, ok, type Result } from '../../contract/result';
import { findPreimage } from '../../protocols/inspect';
import { withDataItem } from '../../protocols/outputs';
import { chart, type Fact, factsTable, table, type Text, verbatim } from '../../scenario/lessonData';
import type { LessonTaskParams } from '../../scenario/lessonTasks';
import type { LessonHost, TaskReport } from '../host';
import { bilingual } from '../narration';
import { en } from '../taskWords/en';
import { zh } from '../taskWords/zh';

const say = bilingual(en, zh);

const short = (hex: string): string =>
  hex.length > 20 ? `${hex.slice(0, 8)}…${hex.slice(-8)}` : hex === '' ? '[]' : hex;

export async function traceTask(host: LessonHost, p: LessonTaskParams<'trace'>): Promise<Result<TaskReport>> {
  const r = await host.calls['tx.debug']({ node: p.node, input: p.input });
  if (!r.ok) return r;
  const steps = r.value.steps;
  host.showLessonData(
    `trace.${p.node}`,
    table(
      say.trace.title({ node: p.node, input: p.input }),
      [say.trace.script, say.trace.opcode, say.trace.stackAfter],
      steps.map((s, i) => ({
        label: verbatim(`${i + 1}`),
        cells: [
          s.script,
          s.executed ? s.opcode : { text: say.trace.skipped({ opcode: s.opcode }) },
          s.error
            ? { text: `${s.stack.map(short).join(' ')}  ✗ ${s.error}`, tone: 'bad' as const }
            : s.stack.map(short).join(' '),
        ],
      })),
    ),
  );
  const result = r.value.result;
  host.showLessonData(
    `trace.${p.node}.result`,
    factsTable(say.trace.verdict({ node: p.node }), [
      { id: 'valid', label: say.trace.valid, value: result.ok, tone: result.ok ? 'good' : 'bad' },
      { id: 'error', label: say.trace.scriptError, value: result.ok ? '' : result.error.code },
      { id: 'steps', label: say.trace.opcodesExecuted, value: steps.length },
      { id: 'finalStack', label: say.trace.finalStack, value: steps.at(-1)?.stack.join(' ') ?? '' },
    ]),
  );
  return ok({ detail: `${steps.length} steps, ${result.ok ? 'valid' : result.error.code}` });
}

export function compareSizesTask(host: LessonHost, p: LessonTaskParams<'compare-sizes'>): Result<TaskReport> {
  const view = host.view();
  const rows = [];
  const facts: Fact[] = [];
  for (const id of p.nodes) {
    const n = view.nodes.find((x) => x.id === id);
    if (!n) return errText('NOT_FOUND', 'host.noNode', { node: id });
    const baseSize = (n.weight - n.size) / 3;
    // The share of bytes the witness discount takes off: what a fee per vbyte no longer pays for.
    const discount = Math.round((1 - n.vsize / n.size) * 1000) / 10;
    rows.push({
      label: verbatim(id),
      cells: [
        short(n.txid),
        n.txid === n.wtxid
          ? { text: say.compareSizes.sameAsTxid, tone: 'neutral' as const }
          : { text: short(n.wtxid), tone: 'good' as const },
        n.size,
        n.size - baseSize,
        n.weight,
        n.vsize,
        `${discount}%`,
      ],
    });
    facts.push(
      { id: `${id}-size`, label: say.compareSizes.nodeSize({ node: id }), value: n.size },
      { id: `${id}-vsize`, label: say.compareSizes.nodeVsize({ node: id }), value: n.vsize },
      { id: `${id}-weight`, label: say.compareSizes.nodeWeight({ node: id }), value: n.weight },
      { id: `${id}-sameIds`, label: say.compareSizes.nodeSameIds({ node: id }), value: n.txid === n.wtxid },
      { id: `${id}-discountPercent`, label: say.compareSizes.nodeDiscount({ node: id }), value: discount },
    );
  }
  host.showLessonData(
    p.key,
    table(
      say.compareSizes.title,
      [
        say.compareSizes.txid,
        say.compareSizes.wtxid,
        say.compareSizes.size,
        say.compareSizes.witnessBytes,
        say.compareSizes.weight,
        say.compareSizes.vsize,
        say.compareSizes.discount,
      ],
      rows,
    ),
  );
  host.showLessonData(`${p.key}.facts`, factsTable(say.compareSizes.facts, facts));
  return ok({
    detail: p.nodes
      .map(
        (id) =>
          `${id}: ${facts.find((f) => f.id === `${id}-size`)!.value} B, ${facts.find((f) => f.id === `${id}-vsize`)!.value} vB`,
      )
      .join('; '),
  });
}

export function extractSecretTask(host: LessonHost, p: LessonTaskParams<'extract-secret'>): Result<TaskReport> {
  const from = host.assembled().get(p.from);
  if (!from) return errText('NOT_FOUND', 'lesson.task.noDraft', { node: p.from });
  const found = host.findTransaction(from.node.chain, from.record.txid);
  if (!found)
    return errText('INVALID_STATE', 'lesson.task.secretHidden', {
      node: p.from,
      chain: from.node.chain.toUpperCase(),
    });
  const secret = findPreimage(
    Transaction.fromBuffer(found.bytes),
    fromHex(p.hash),
    p.hashFunction === 'sha256' ? sha256 : hash160,
  );
  if (!secret) return errText('INVALID_STATE', 'lesson.task.noPreimage', { node: p.from, hash: p.hash });
  const nodes = host.graph().nodes;
  const into = nodes.find((n) => n.id === p.into);
  if (!into || into.kind !== 'draft') return errText('NOT_FOUND', 'lesson.task.noDraft', { node: p.into });
  host.editGraph({
    nodes: nodes.map((n) =>
      n.id === p.into && n.kind === 'draft' ? { ...n, tx: withDataItem(n.tx, p.label, secret) } : n,
    ),
  });
  host.showLessonData(
    `secret.${p.label}`,
    factsTable(say.extractSecret.title({ label: p.label }), [
      { id: 'from', label: say.extractSecret.revealedBy, value: `${p.from} (${short(from.record.txid)})` },
      { id: 'secret', label: verbatim(p.label), value: toHex(secret), tone: 'good' },
      { id: 'into', label: say.extractSecret.filledInto, value: p.into },
    ]),
  );
  host.changed();
  return ok({ detail: `${p.label} = ${toHex(secret)} read from ${p.from}, filled into ${p.into}` });
}

const SERIES: Readonly<Record<string, { title: Text; x: Text; y: Text }>> = {
  'channel.balances': {
    title: say.recordPoint.channelBalances.title,
    x: say.recordPoint.step,
    y: say.recordPoint.channelBalances.y,
  },
};

/** One point per series and step; the x value is the number of the lesson step that records it, as the lesson panel counts them. */
export function recordPointTask(host: LessonHost, p: LessonTaskParams<'record-point'>): Result<TaskReport> {
  const existing = host.lessonData(p.key);
  const names = Object.keys(p.values);
  const old = existing && existing.kind !== 'table' ? existing.series : [];
  const played = host.lessonPosition();
  const x = played !== undefined ? played + 1 : (old[0]?.points.length ?? 0) + 1;
  const meta = (Object.hasOwn(SERIES, p.key) ? SERIES[p.key] : undefined) ?? {
    title: verbatim(p.key),
    x: say.recordPoint.step,
    y: say.recordPoint.value,
  };
  const series = names.map((n) => {
    const before = old.find((s) => s.label.en === n)?.points ?? [];
    return { label: verbatim(n), points: [...before, [x, Number(p.values[n]) / 1e8] as const] };
  });
  host.showLessonData(p.key, chart('line', meta.title, meta.x, meta.y, series));
  return ok({ detail: `${p.label}: ${names.map((n) => `${n} ${Number(p.values[n]) / 1e8}`).join(', ')}` });
}

export async function mineAtTask(host: LessonHost, p: LessonTaskParams<'mine-at'>): Promise<Result<TaskReport>> {
  const chain = host.simulated(p.chain);
  if (!chain) return errText('INVALID_STATE', 'lesson.task.minerNeedsNetwork', { chain: p.chain });
  if (!chain.network.specs.some((s) => s.name === p.miner))
    return errText('NOT_FOUND', 'lesson.task.noPeer', { chain: p.chain, peer: p.miner });
  const script = await host.minerScript(p.chain);
  if (!script.ok) return script;
  const r = await host.applyChain({
    op: 'mine',
    chain: p.chain,
    count: p.count,
    script: script.value,
    miner: p.miner,
    settle: p.settle,
  });
  if (r.op === 'failed') return errFrom('INVALID_STATE', r);
  if (r.op !== 'mine') return errText('INTERNAL', 'lesson.task.miningFailed');
  host.changed();
  if (r.cancelled) host.cancelled();
  return ok({
    detail: `${p.miner} mined ${r.hashes.length} block(s)${p.settle ? '' : ' (not yet propagated)'}`,
    blocks: [...r.hashes],
  });
}
