/**
 * Where new nodes go: at a drop point, or beside the selected transaction, or in the middle of
 * the screen; then moved along until they cover no other node (a new node hiding an old one's
 * handles is the first thing a new user would trip over).
 */
import { useReactFlow, type XYPosition } from '@xyflow/react';
import { useCallback } from 'react';
import type { MethodResponses } from '../../../../shared/contract/methods';
import { useUi } from '../../app/workspace/UiState';
import { useWorkspace } from '../../app/workspace/WorkspaceProvider';
import { NODE_WIDTH } from './flowTypes';
import type { ChainId } from '../../../../shared/chain/profiles';

const GAP = 70;
const DEFAULT_HEIGHT = 220;

interface Box {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

const overlaps = (a: Box, b: Box): boolean =>
  a.x < b.x + b.width + GAP / 2 &&
  b.x < a.x + a.width + GAP / 2 &&
  a.y < b.y + b.height + GAP / 2 &&
  b.y < a.y + a.height + GAP / 2;

/** The first spot at or after `start` (along the row towards `side`, then row by row down) that covers no box. */
function freeSpot(start: XYPosition, boxes: readonly Box[], side: Side): XYPosition {
  const step = (side === 'left' ? -1 : 1) * (NODE_WIDTH + GAP);
  for (let row = 0; row < 12; row++) {
    for (let column = 0; column < 8; column++) {
      const spot = { x: start.x + column * step, y: start.y + row * (DEFAULT_HEIGHT / 2 + GAP) };
      if (!boxes.some((b) => overlaps({ ...spot, width: NODE_WIDTH, height: DEFAULT_HEIGHT }, b))) return spot;
    }
  }
  return start;
}

function useViewportCentre(): () => XYPosition {
  const flow = useReactFlow();
  return useCallback(() => {
    const pane = document.querySelector('[data-testid="graph-canvas"]');
    const rect = pane?.getBoundingClientRect();
    const centre = rect
      ? { x: rect.left + rect.width / 2, y: rect.top + rect.height / 2 }
      : { x: innerWidth / 2, y: innerHeight / 2 };
    return flow.screenToFlowPosition(centre);
  }, [flow]);
}

/** Which side of the selected node: spenders go right of what they spend, coins left of their spender. */
export type Side = 'left' | 'right';

/** A free spot: beside the selected node if there is one, else near the middle of the screen (or `preferred`). */
export function usePlacement(): (preferred?: XYPosition, side?: Side) => XYPosition {
  const flow = useReactFlow();
  const centre = useViewportCentre();
  const { selectedNodes } = useUi();
  return useCallback(
    (preferred, side = 'right') => {
      const nodes = flow.getNodes();
      const boxes = nodes.map((n) => ({
        x: n.position.x,
        y: n.position.y,
        width: n.measured?.width ?? NODE_WIDTH,
        height: n.measured?.height ?? DEFAULT_HEIGHT,
      }));
      const selected = nodes.find((n) => n.id === selectedNodes[0]);
      let start: XYPosition;
      if (preferred) start = preferred;
      else if (selected)
        start = {
          x:
            side === 'right'
              ? selected.position.x + (selected.measured?.width ?? NODE_WIDTH) + GAP
              : selected.position.x - NODE_WIDTH - GAP,
          y: selected.position.y,
        };
      else {
        const c = centre();
        start = { x: c.x - NODE_WIDTH / 2, y: c.y - DEFAULT_HEIGHT / 2 };
      }
      const spot = freeSpot(start, boxes, side);
      return { x: Math.round(spot.x), y: Math.round(spot.y) };
    },
    [flow, centre, selectedNodes],
  );
}

export function useAddNode(): (
  template: string,
  chain: ChainId,
  at?: XYPosition,
) => Promise<MethodResponses['graph.addNode'] | undefined> {
  const { act } = useWorkspace();
  const { select } = useUi();
  const place = usePlacement();
  const flow = useReactFlow();
  return useCallback(
    async (template, chain, at) => {
      const position = place(at);
      const r = await act('graph.addNode', { template, chain, position });
      if (!r.ok) return undefined;
      select([r.value.created]);
      // Keep the new node in sight: if it landed off screen, pan to it at the same zoom.
      requestAnimationFrame(() => {
        const pane = document.querySelector('[data-testid="graph-canvas"]')?.getBoundingClientRect();
        if (!pane) return;
        const topLeft = flow.flowToScreenPosition(position);
        const bottomRight = flow.flowToScreenPosition({ x: position.x + NODE_WIDTH, y: position.y + DEFAULT_HEIGHT });
        const visible =
          topLeft.x >= pane.left &&
          topLeft.y >= pane.top &&
          bottomRight.x <= pane.right &&
          bottomRight.y <= pane.bottom;
        if (visible) return;
        // A small graph is framed whole (never zooming in); in a big one the view moves to the new node.
        if (flow.getNodes().length <= 40) void flow.fitView({ padding: 0.15, maxZoom: flow.getZoom(), duration: 200 });
        else
          void flow.setCenter(position.x + NODE_WIDTH / 2, position.y + DEFAULT_HEIGHT / 2, {
            zoom: flow.getZoom(),
            duration: 200,
          });
      });
      return r.value;
    },
    [act, select, place, flow],
  );
}
