/**
 * The zoomed-out canvas as one picture: one SVG in the viewport, a path per colour. React Flow
 * gives every edge its own stacked `<svg>`; with a couple of thousand the browser spends each
 * frame of a pan sorting them, and nobody clicks an edge a pixel long. Far out (`isFar`) the
 * nodes are drawn here as well, as blocks in their status colour, while their elements rest.
 * Geometry comes from the overview node's layout (where its handles are).
 */
import { getBezierPath, Position, ViewportPortal } from '@xyflow/react';
import { memo, useMemo, type ReactNode } from 'react';
import type { ThemeMode } from '../../theme/theme';
import { statusColours } from '../../theme/status';
import { handleIndex, NODE_WIDTH, type SpendEdge, type TxFlowNode } from './flowTypes';
import { nodeHeight, overviewHandlePoint } from './OverviewNode';

type Paths = ReadonlyMap<string, string>;

function append(paths: Map<string, string[]>, colour: string, d: string): void {
  const list = paths.get(colour);
  if (list) list.push(d);
  else paths.set(colour, [d]);
}

const joined = (paths: Map<string, string[]>): Paths =>
  new Map([...paths].map(([colour, list]) => [colour, list.join(' ')]));

function overviewEdgePaths(nodes: readonly TxFlowNode[], edges: readonly SpendEdge[]): Paths {
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const paths = new Map<string, string[]>();
  for (const edge of edges) {
    const from = byId.get(edge.source);
    const to = byId.get(edge.target);
    const output = handleIndex(edge.sourceHandle, 'out');
    const input = handleIndex(edge.targetHandle, 'in');
    if (!from || !to || output === undefined || input === undefined) continue;
    const source = overviewHandlePoint(from.data.view, from.position, 'out', output);
    const target = overviewHandlePoint(to.data.view, to.position, 'in', input);
    if (!source || !target) continue;
    const [d] = getBezierPath({
      sourceX: source.x,
      sourceY: source.y,
      sourcePosition: Position.Right,
      targetX: target.x,
      targetY: target.y,
      targetPosition: Position.Left,
    });
    append(paths, typeof edge.style?.stroke === 'string' ? edge.style.stroke : 'currentColor', d);
  }
  return joined(paths);
}

/** Each node's box, grouped by status colour; selected ones also under `selected`. */
function farNodePaths(
  nodes: readonly TxFlowNode[],
  mode: ThemeMode,
): { readonly fills: Paths; readonly selected: string } {
  const fills = new Map<string, string[]>();
  const selected: string[] = [];
  for (const n of nodes) {
    const box = `M${n.position.x},${n.position.y}h${NODE_WIDTH}v${n.measured?.height ?? nodeHeight(n.data.view)}h${-NODE_WIDTH}z`;
    append(fills, statusColours(n.data.view.status.kind, mode).main, box);
    if (n.selected) selected.push(box);
  }
  return { fills: joined(fills), selected: selected.join(' ') };
}

interface OverviewLayerProps {
  readonly nodes: readonly TxFlowNode[];
  readonly edges: readonly SpendEdge[];
  readonly far: boolean;
  readonly mode: ThemeMode;
  readonly selectionColour: string;
}

function OverviewLayerComponent({ nodes, edges, far, mode, selectionColour }: OverviewLayerProps): ReactNode {
  const edgePaths = useMemo(() => overviewEdgePaths(nodes, edges), [nodes, edges]);
  const nodePaths = useMemo(() => (far ? farNodePaths(nodes, mode) : undefined), [far, nodes, mode]);
  return (
    <ViewportPortal>
      {/* Under the node elements (z-index within the viewport); strokes stay 1.5 screen px at any zoom. */}
      <svg
        data-testid="overview-layer"
        width={1}
        height={1}
        style={{ position: 'absolute', left: 0, top: 0, overflow: 'visible', zIndex: -1, pointerEvents: 'none' }}
      >
        {[...edgePaths].map(([colour, d]) => (
          <path
            key={`e${colour}`}
            d={d}
            fill="none"
            stroke={colour}
            strokeWidth={1.5}
            vectorEffect="non-scaling-stroke"
          />
        ))}
        {nodePaths
          ? [...nodePaths.fills].map(([colour, d]) => (
              <path key={`n${colour}`} d={d} fill={colour} data-testid="overview-nodes" />
            ))
          : null}
        {nodePaths?.selected ? (
          <path
            d={nodePaths.selected}
            fill="none"
            stroke={selectionColour}
            strokeWidth={3}
            vectorEffect="non-scaling-stroke"
          />
        ) : null}
      </svg>
    </ViewportPortal>
  );
}

export const OverviewLayer = memo(OverviewLayerComponent);
