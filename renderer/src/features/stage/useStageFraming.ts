/**
 * Frames the lesson step on the canvas: its transactions (or, when it names none, everything
 * shown) fill the free part of the canvas, smoothly, at a zoom where their names and amounts are
 * readable — on a projector in presenter mode. Framed again on every step, when the canvas
 * changes size (panels, window, presenter mode) unless the person has panned or zoomed since,
 * and on request ("Frame the step", F). Outside lessons it does nothing.
 */
import type { InternalNode, ReactFlowInstance, useStoreApi } from '@xyflow/react';
import { useCallback, useEffect, useRef, useState, type RefObject } from 'react';
import type { WorkspaceView } from '../../../../shared/contract/views';
import type { SpendEdge, TxFlowNode } from '../graph/flowTypes';
import { STAGE_AMOUNT_PX, STAGE_TITLE_PX } from './StageFace';
import { boundsOf, framing, type Insets, type Rect, type Viewport } from './stageModel';

/** Rendered sizes the stage guarantees for the step's transactions (title, amount), in px. */
const READABLE = { presenter: { title: 24, amount: 18 }, normal: { title: 14, amount: 11 } } as const;
/** The smallest zoom that keeps the stage face's words at those sizes. */
function minReadableZoom(presenter: boolean): number {
  const want = presenter ? READABLE.presenter : READABLE.normal;
  return Math.max(want.title / STAGE_TITLE_PX, want.amount / STAGE_AMOUNT_PX) + 0.005;
}
/** Close enough to read, not so close that one transaction fills the room. Below 1 (1.6 presenting) nodes keep the stage face. */
const MAX_ZOOM = { presenter: 1.25, normal: 0.8 } as const;
/** Smooth, and short: a class waits for it on every step. */
const DURATION_MS = 100;

/** Already there (the step keeps the last one's framing): no animation to wait for. */
function near(a: Viewport, b: Viewport): boolean {
  return Math.abs(a.x - b.x) < 1 && Math.abs(a.y - b.y) < 1 && Math.abs(a.zoom / b.zoom - 1) < 0.002;
}

/** Where the stage bar (top, as tall as it is drawn) and the zoom controls (bottom left) sit, plus a margin all round. */
function insetsFor(presenter: boolean, canvas: HTMLElement | null): Insets {
  const margin = presenter ? 18 : 14;
  const bar = canvas?.querySelector('[data-testid="stage-bar"]');
  const barBottom =
    bar && canvas ? bar.getBoundingClientRect().bottom - canvas.getBoundingClientRect().top : presenter ? 60 : 52;
  return { top: Math.max(0, barBottom) + margin, left: 44 + margin, right: margin, bottom: margin };
}

/**
 * Where the nodes are, in canvas units. Sizes come from the page itself: a step that just gave a
 * node a mark or a status line made it taller, and React Flow measures that a frame later.
 */
function boxesOf(nodes: readonly (InternalNode<TxFlowNode> | undefined)[], canvas: HTMLElement | null): Rect[] {
  return nodes.flatMap((n) => {
    if (!n || n.hidden) return [];
    const element = canvas?.querySelector<HTMLElement>(`.react-flow__node[data-id="${CSS.escape(n.id)}"]`);
    const width = element ? element.offsetWidth : (n.measured.width ?? 0);
    const height = element ? element.offsetHeight : (n.measured.height ?? 0);
    return [{ x: n.internals.positionAbsolute.x, y: n.internals.positionAbsolute.y, width, height }];
  });
}

/**
 * The canvas's size now, from the page: React Flow's own figure follows a resize a frame or two
 * later, so a framing right after presenter mode was switched would fit the old size.
 */
function paneSize(canvas: HTMLElement | null, store: Options['store']): { width: number; height: number } {
  const pane = canvas?.querySelector<HTMLElement>('.react-flow') ?? canvas;
  if (pane && pane.clientWidth > 0 && pane.clientHeight > 0)
    return { width: pane.clientWidth, height: pane.clientHeight };
  const { width, height } = store.getState();
  return { width, height };
}

export interface StageFraming {
  /** The step framed last (`wanted` once framing has finished). */
  readonly framed: string | undefined;
  readonly wanted: string | undefined;
  /** React Flow's onMoveStart: a move by the person (not by this hook) stops reframing on resize. */
  readonly onMoveStart: (event: MouseEvent | TouchEvent | null) => void;
}

interface Options {
  readonly view: WorkspaceView | undefined;
  readonly flow: ReactFlowInstance<TxFlowNode, SpendEdge>;
  readonly store: ReturnType<typeof useStoreApi<TxFlowNode, SpendEdge>>;
  readonly presenter: boolean;
  readonly frameRequest: number;
  /** Ids shown on the canvas (not hidden by the progressive reveal). */
  readonly visible: readonly string[];
  readonly container: RefObject<HTMLElement | null>;
  /** Anything else that changes the faces' sizes (the language): a change frames again. */
  readonly layout: string;
}

export function useStageFraming({
  view,
  flow,
  store,
  presenter,
  frameRequest,
  visible,
  container,
  layout,
}: Options): StageFraming {
  const lesson = view?.lesson;
  const focus = lesson?.stage.focus ?? [];
  const ids = focus.length > 0 ? focus : visible;
  const wanted = lesson
    ? `${view.name}|${lesson.scenario}|${lesson.path}|${lesson.position}|${presenter ? 'p' : 'n'}|${layout}|${ids.join(',')}`
    : undefined;
  const [framed, setFramed] = useState<string>();
  const latest = useRef({ ids, focused: focus.length > 0, presenter, wanted });
  latest.current = { ids, focused: focus.length > 0, presenter, wanted };
  const moving = useRef(0);
  const userMoved = useRef(false);
  // Framings overlap (a step and the resize it caused): only the newest may move the canvas or say it is done.
  const generation = useRef(0);

  /**
   * Moves the canvas. A move cut short by a newer one never finishes (React Flow's promise waits
   * for a transition end that does not come), so the wait is bounded by the move's own length.
   */
  const moveTo = useCallback(
    async (target: Viewport, duration: number): Promise<void> => {
      moving.current++;
      try {
        await Promise.race([
          flow.setViewport(target, { duration }),
          new Promise((resolve) => setTimeout(resolve, duration + 250)),
        ]);
      } finally {
        moving.current--;
      }
    },
    [flow],
  );

  const frame = useCallback(
    async (duration: number, attempt = 0, token = ++generation.current): Promise<void> => {
      const { ids: targets, focused, presenter: presenting, wanted: key } = latest.current;
      if (key === undefined || token !== generation.current) return;
      const nodes = targets.map((id) => flow.getInternalNode(id));
      // The canvas may not hold the step's nodes yet (they arrive a render later): look again next frame.
      if (nodes.some((n) => n === undefined || n.hidden) && attempt < 5) {
        await new Promise((resolve) => requestAnimationFrame(resolve));
        return frame(duration, attempt + 1, token);
      }
      const bounds = boundsOf(boxesOf(nodes, container.current));
      const { width, height } = paneSize(container.current, store);
      if (!bounds || width === 0 || height === 0) {
        if (token === generation.current) setFramed(key);
        return;
      }
      const pane = { width, height };
      const zoom = {
        min: focused ? minReadableZoom(presenting) : 0.05,
        max: presenting ? MAX_ZOOM.presenter : MAX_ZOOM.normal,
      };
      const target = framing(bounds, pane, insetsFor(presenting, container.current), zoom);
      await moveTo(target, near(flow.getViewport(), target) ? 0 : duration);
      // The faces may have changed size with the zoom (detailed → stage face), or a mark or status
      // line the step gave a node was drawn a frame late: look again once drawn.
      await new Promise((resolve) => requestAnimationFrame(resolve));
      if (latest.current.wanted !== key || token !== generation.current) return;
      const again = boundsOf(
        boxesOf(
          targets.map((id) => flow.getInternalNode(id)),
          container.current,
        ),
      );
      if (again && (Math.abs(again.width - bounds.width) > 1 || Math.abs(again.height - bounds.height) > 1)) {
        await moveTo(framing(again, pane, insetsFor(presenting, container.current), zoom), 0);
      }
      if (latest.current.wanted !== key || token !== generation.current) return;
      // The canvas changed size meanwhile (the dock came back): this framing fitted the old one.
      const now = paneSize(container.current, store);
      if (now.width !== pane.width || now.height !== pane.height) return frame(0);
      if (latest.current.wanted === key && token === generation.current) setFramed(key);
    },
    [flow, store, container, moveTo],
  );

  // Every step (and "Frame the step"): frame once the canvas has the step's nodes.
  useEffect(() => {
    if (wanted === undefined) return;
    userMoved.current = false;
    // At once: frame() waits a frame itself while the canvas does not hold the step's nodes yet.
    void frame(DURATION_MS);
  }, [wanted, frameRequest, frame]);

  // A canvas of another size: frame again, unless the person moved it.
  useEffect(() => {
    const element = container.current;
    if (!element) return;
    let size = { width: element.clientWidth, height: element.clientHeight };
    let pending = 0;
    const observer = new ResizeObserver(() => {
      const next = { width: element.clientWidth, height: element.clientHeight };
      if (next.width === size.width && next.height === size.height) return;
      size = next;
      if (userMoved.current || latest.current.wanted === undefined) return;
      // Not framed until framed at this size.
      setFramed(undefined);
      cancelAnimationFrame(pending);
      pending = requestAnimationFrame(() => void frame(0));
    });
    observer.observe(element);
    return () => {
      observer.disconnect();
      cancelAnimationFrame(pending);
    };
  }, [container, frame]);

  const onMoveStart = useCallback((event: MouseEvent | TouchEvent | null) => {
    if (event && moving.current === 0) userMoved.current = true;
  }, []);

  return { framed, wanted, onMoveStart };
}
