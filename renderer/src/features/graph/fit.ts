/** Framing the whole graph; in presenter mode with a lesson the narration covers the lower half, so the graph goes above it. */
import { getViewportForBounds, type ReactFlowInstance } from '@xyflow/react';
import type { NodeView } from '../../../../shared/contract/views';
import { NODE_WIDTH, type SpendEdge, type TxFlowNode } from './flowTypes';
import { hasDetailLine, overviewLayout } from './OverviewNode';

const MAX_ZOOM = 1;

function padding(overlay: boolean) {
  return overlay ? ({ top: '4%', left: '4%', right: '4%', bottom: '50%' } as const) : 0.15;
}

/** Far out the nodes are hidden (drawn by the canvas's overview layer) and still count; their sizes are known before measurement (mapping.ts). */
export const FIT_VIEW_OPTIONS = { padding: padding(false), maxZoom: MAX_ZOOM, includeHiddenNodes: true } as const;

export function fitGraph(
  flow: ReactFlowInstance<TxFlowNode, SpendEdge>,
  options: { readonly overlay: boolean; readonly duration?: number },
): void {
  void flow.fitView({ ...FIT_VIEW_OPTIONS, padding: padding(options.overlay), duration: options.duration ?? 0 });
}

/**
 * Frames a graph that is about to mount, from its positions and the nodes' known footprint.
 * React Flow draws every node it has not measured yet, wherever the viewport is; framing first
 * means a big graph mounts already zoomed out (as light overview nodes), not at the old zoom in
 * full detail. `fitGraph` refines it once the nodes are measured.
 */
export function preframeGraph(
  flow: ReactFlowInstance<TxFlowNode, SpendEdge>,
  nodes: readonly NodeView[],
  pane: { readonly width: number; readonly height: number; readonly minZoom: number },
  overlay: boolean,
): void {
  if (nodes.length === 0 || pane.width === 0 || pane.height === 0) return;
  let [x0, y0, x1, y1] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const n of nodes) {
    x0 = Math.min(x0, n.position.x);
    y0 = Math.min(y0, n.position.y);
    x1 = Math.max(x1, n.position.x + NODE_WIDTH);
    y1 = Math.max(y1, n.position.y + overviewLayout(n, hasDetailLine(n)).height);
  }
  void flow.setViewport(
    getViewportForBounds(
      { x: x0, y: y0, width: x1 - x0, height: y1 - y0 },
      pane.width,
      pane.height,
      pane.minZoom,
      MAX_ZOOM,
      padding(overlay),
    ),
  );
}
