/**
 * The lesson stage, computed here so the renderer only draws it: what each played step changed
 * (the node views before and after it, compared), what the current step is about (its `focus`,
 * or by default what it changed), the figures beside its narration (named, or those it
 * produced), and the lesson's transactions not introduced yet (progressive reveal).
 */
import type {
  LessonDatum,
  LessonStageView,
  NodeStatus,
  NodeView,
  StepChange,
  StepMark,
} from '../../shared/contract/views';
import type { LessonStep } from '../../shared/scenario/schema';
import type { Workbench } from './workbench';

/** What one played step did. */
export interface StepRecord {
  readonly changes: readonly StepChange[];
  /** Keys of the lesson data the step set. */
  readonly figures: readonly string[];
}

/** The workspace just before a step. */
export interface StepSnapshot {
  readonly nodes: readonly NodeView[];
  readonly data: ReadonlyMap<string, LessonDatum>;
}

/** The mark a new status earns; drafts earn none (nothing happened to them). */
const STATUS_MARK: Readonly<Record<NodeStatus['kind'], StepMark | undefined>> = {
  draft: undefined,
  'partly-signed': 'signed',
  signed: 'signed',
  mempool: 'broadcast',
  confirmed: 'confirmed',
  conflicted: 'conflicted',
  invalid: 'invalid',
};

function signatures(status: NodeStatus): number {
  return status.kind === 'partly-signed' ? status.signed : 0;
}

/** The status mark of a move from `was` to `now`, if the move is news (more confirmations are not). */
function statusMark(was: NodeStatus | undefined, now: NodeStatus): StepMark | undefined {
  if (was === undefined) return STATUS_MARK[now.kind];
  if (was.kind !== now.kind) return STATUS_MARK[now.kind];
  if (now.kind === 'partly-signed' && signatures(now) > signatures(was)) return 'signed';
  if (now.kind === 'confirmed' && was.kind === 'confirmed' && now.blockHash !== was.blockHash) return 'confirmed'; // another branch
  return undefined;
}

/**
 * What changed between two sets of node views: new transactions, a status that moved (signed,
 * broadcast, confirmed, conflicted, invalid), a broadcast refused (the host records each refusal
 * as a new object, so a refusal repeated with the same reason still counts), outputs spent on a
 * chain. Transactions that went away are not reported: nothing is left to mark.
 */
export function stepChanges(before: readonly NodeView[], after: readonly NodeView[]): StepChange[] {
  const old = new Map(before.map((n) => [n.id, n]));
  const changes: StepChange[] = [];
  for (const node of after) {
    const was = old.get(node.id);
    const marks: StepMark[] = [];
    if (!was) marks.push('new');
    const status = statusMark(was?.status, node.status);
    if (status) marks.push(status);
    if (node.lastRejection && node.lastRejection !== was?.lastRejection) marks.push('refused');
    const spentOutputs = node.outputs
      .filter((o) => o.spentBy?.txid !== undefined && was?.outputs[o.index]?.spentBy?.txid === undefined)
      .map((o) => o.index);
    if (spentOutputs.length > 0) marks.push('spent');
    if (marks.length > 0) changes.push({ node: node.id, marks, spentOutputs });
  }
  return changes;
}

/** Keys whose datum the step set (a task replaces a datum with a new object). */
function figuresSet(before: ReadonlyMap<string, LessonDatum>, after: ReadonlyMap<string, LessonDatum>): string[] {
  return [...after.keys()].filter((key) => after.get(key) !== before.get(key));
}

/** A stage's records, kept with a workspace that Undo may bring back. */
export interface StageMemory {
  readonly steps: readonly LessonStep[] | undefined;
  readonly records: readonly (StepRecord | undefined)[];
}

export class LessonStage {
  /** The steps the records belong to: a new lesson (load, import, another path) starts afresh. */
  private steps: readonly LessonStep[] | undefined;
  private records: (StepRecord | undefined)[] = [];

  private recordsOf(steps: readonly LessonStep[]): (StepRecord | undefined)[] {
    if (this.steps !== steps) {
      this.steps = steps;
      this.records = [];
    }
    return this.records;
  }

  remember(): StageMemory {
    return { steps: this.steps, records: [...this.records] };
  }

  recall(memory: StageMemory): void {
    this.steps = memory.steps;
    this.records = [...memory.records];
  }

  before(bench: Workbench): StepSnapshot {
    return { nodes: bench.view().nodes, data: new Map(bench.lessonData) };
  }

  /** Records step `index` (0-based) of the current path, played since `before`. */
  after(bench: Workbench, index: number, before: StepSnapshot): void {
    const lesson = bench.doc.lesson;
    if (!lesson) return;
    const records = this.recordsOf(lesson.paths[lesson.path] ?? []);
    records[index] = {
      changes: stepChanges(before.nodes, bench.view().nodes),
      figures: figuresSet(before.data, bench.lessonData),
    };
  }

  view(bench: Workbench, nodes: readonly NodeView[]): LessonStageView {
    const lesson = bench.doc.lesson;
    const steps = lesson ? (lesson.paths[lesson.path] ?? []) : [];
    const records = this.recordsOf(steps);
    const position = lesson?.position ?? 0;
    const present = new Set(nodes.map((n) => n.id));
    const step = position > 0 ? steps[position - 1] : undefined;
    const record = position > 0 ? records[position - 1] : undefined;
    const named = step?.focus?.nodes;
    const focus = (named ?? record?.changes.map((c) => c.node) ?? []).filter((id) => present.has(id));
    const focusOutputs = (
      step?.focus?.outputs ??
      record?.changes.flatMap((c) => c.spentOutputs.map((output) => ({ node: c.node, output }))) ??
      []
    ).filter((o) => present.has(o.node));
    const figures = (step?.focus?.figures ?? record?.figures ?? []).filter((key) => bench.lessonData.has(key));
    return {
      focus,
      focusOutputs,
      defaultFocus: named === undefined,
      changes: (record?.changes ?? []).filter((c) => present.has(c.node)),
      figures,
      hidden: notIntroduced(bench, steps, records, position, nodes),
    };
  }
}

/**
 * The lesson's own drafts (those of its starting point) that no step played so far has been
 * about. A step introduces what it names, or else what it changed; a step played before this
 * host kept records (a lesson reopened part-way) introduces whatever has left the draft state.
 * Anything added since the start (by a task, or by hand) is never hidden.
 */
function notIntroduced(
  bench: Workbench,
  steps: readonly LessonStep[],
  records: readonly (StepRecord | undefined)[],
  position: number,
  nodes: readonly NodeView[],
): string[] {
  const introduced = new Set<string>();
  for (let i = 0; i < position; i++) {
    const step = steps[i];
    const record = records[i];
    const named = step?.focus?.nodes ?? record?.changes.map((c) => c.node);
    if (named) for (const id of named) introduced.add(id);
    else for (const n of nodes) if (n.status.kind !== 'draft') introduced.add(n.id);
    for (const o of step?.focus?.outputs ?? []) introduced.add(o.node);
  }
  const present = new Set(nodes.map((n) => n.id));
  const start = (bench.base ?? bench.doc).graph.nodes;
  return start.filter((n) => n.kind === 'draft' && present.has(n.id) && !introduced.has(n.id)).map((n) => n.id);
}
