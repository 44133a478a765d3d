/**
 * The lesson stage on the canvas, from the host's LessonStageView: which transactions the step is
 * about (framed, outlined), which recede (dimmed), what each just went through (marks), which
 * are not introduced yet (hidden unless the whole protocol is shown), and where to put the
 * viewport so the step's transactions fill the free part of the canvas, readable.
 */
import type { LessonStageView, StepMark } from '../../../../shared/contract/views';

export interface NodeStage {
  readonly focused: boolean;
  readonly dimmed: boolean;
  readonly marks: readonly StepMark[];
  readonly spentOutputs: readonly number[];
  /** Outputs the step names (their edges are drawn strong). */
  readonly focusOutputs: readonly number[];
}

const NONE: readonly number[] = [];

export function nodeStages(stage: LessonStageView): ReadonlyMap<string, NodeStage> {
  const focus = new Set(stage.focus);
  const changes = new Map(stage.changes.map((c) => [c.node, c]));
  const outputs = new Map<string, number[]>();
  for (const o of stage.focusOutputs) outputs.set(o.node, [...(outputs.get(o.node) ?? []), o.output]);
  const ids = new Set([...focus, ...changes.keys(), ...outputs.keys()]);
  const out = new Map<string, NodeStage>();
  for (const id of ids) {
    const change = changes.get(id);
    out.set(id, {
      focused: focus.has(id),
      dimmed: focus.size > 0 && !focus.has(id),
      marks: change?.marks ?? [],
      spentOutputs: change?.spentOutputs ?? NONE,
      focusOutputs: outputs.get(id) ?? NONE,
    });
  }
  return out;
}

/** A node with nothing to say in this step: dimmed when the step has a focus, plain otherwise. */
export function quietStage(stage: LessonStageView): NodeStage {
  return { focused: false, dimmed: stage.focus.length > 0, marks: [], spentOutputs: NONE, focusOutputs: NONE };
}

/** Marks in the order the legend lists them. */
const MARK_ORDER: readonly StepMark[] = [
  'new',
  'signed',
  'broadcast',
  'confirmed',
  'refused',
  'conflicted',
  'invalid',
  'spent',
];

export function marksOf(stage: LessonStageView): StepMark[] {
  const present = new Set(stage.changes.flatMap((c) => c.marks));
  return MARK_ORDER.filter((m) => present.has(m));
}

export interface Rect {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

export interface Insets {
  readonly top: number;
  readonly right: number;
  readonly bottom: number;
  readonly left: number;
}

export interface Viewport {
  readonly x: number;
  readonly y: number;
  readonly zoom: number;
}

export function boundsOf(boxes: readonly Rect[]): Rect | undefined {
  if (boxes.length === 0) return undefined;
  const x0 = Math.min(...boxes.map((b) => b.x));
  const y0 = Math.min(...boxes.map((b) => b.y));
  const x1 = Math.max(...boxes.map((b) => b.x + b.width));
  const y1 = Math.max(...boxes.map((b) => b.y + b.height));
  return { x: x0, y: y0, width: x1 - x0, height: y1 - y0 };
}

/**
 * The viewport that shows `bounds` centred in the pane less its insets (where panels and
 * controls sit), as large as fits between `min` and `max` zoom. Below `min` the focus would be
 * unreadable: the zoom stays at `min` and what does not fit goes off-screen, centred.
 */
export function framing(
  bounds: Rect,
  pane: { readonly width: number; readonly height: number },
  insets: Insets,
  zoom: { readonly min: number; readonly max: number },
): Viewport {
  const width = Math.max(1, pane.width - insets.left - insets.right);
  const height = Math.max(1, pane.height - insets.top - insets.bottom);
  const fit = Math.min(width / Math.max(1, bounds.width), height / Math.max(1, bounds.height));
  const z = Math.min(zoom.max, Math.max(zoom.min, fit));
  return {
    zoom: z,
    x: insets.left + (width - bounds.width * z) / 2 - bounds.x * z,
    y: insets.top + (height - bounds.height * z) / 2 - bounds.y * z,
  };
}
