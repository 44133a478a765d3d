/**
 * A transaction as the zoomed-out canvas shows it: its outline in its status colour, its name in
 * large type, and its handles. Below `OVERVIEW_BELOW_ZOOM` the detailed node's words are too small
 * to read, and drawing thousands of them is what makes a big graph slow to load and to pan; this
 * node is a handful of plain elements (static styles live on the canvas, see GraphCanvas).
 *
 * It keeps the detailed node's footprint: same width, same height and handles at the same places,
 * so edges do not jump when the zoom crosses the threshold.
 */
import { Handle, Position, type ReactFlowState } from '@xyflow/react';
import { memo, type ReactNode } from 'react';
import type { NodeView } from '../../../../shared/contract/views';
import { statusColours } from '../../theme/status';
import { useI18n } from '../../i18n';
import { useThemeMode } from '../../theme/ThemeModeProvider';
import { inputHandle, NODE_WIDTH, outputHandle } from './flowTypes';
import { nodeLabel } from './nodeNames';

/** At 0.3 the detailed node's 1 rem name is under 5 px high. */
const OVERVIEW_BELOW_ZOOM = 0.3;
/**
 * Below this the names are unreadable too and a node is a few pixels wide: the canvas becomes a
 * picture (`OverviewLayer`) and the node elements are taken out of layout, because the browser's
 * cost per frame of a pan grows with the number of positioned elements, painted or not.
 */
const FAR_BELOW_ZOOM = 0.12;
export const isOverview = (s: ReactFlowState): boolean => s.transform[2] < OVERVIEW_BELOW_ZOOM;
export const isFar = (s: ReactFlowState): boolean => s.transform[2] < FAR_BELOW_ZOOM;

/** The detailed node's blocks (TxNode), in px: keep in step with its sx. */
const LAYOUT = {
  border: 2,
  borderLeft: 7,
  handle: 12,
  header: 35,
  detail: 23.24,
  inputsTop: 2,
  outputsTop: 1,
  outputsBottom: 2,
  row: 24,
  footer: 24,
  lockRow: 17.76,
  locksBottom: 3.2,
  maxLocks: 2,
} as const;

export interface OverviewLayout {
  /** Outer height, borders included. */
  readonly height: number;
  /** Centre of each input's and output's row, from the top of the padding box (where handles are placed). */
  readonly inputs: readonly number[];
  readonly outputs: readonly number[];
}

export function overviewLayout(view: NodeView, hasDetail: boolean): OverviewLayout {
  const L = LAYOUT;
  const inputsStart = L.header + (hasDetail ? L.detail : 0) + L.inputsTop;
  const outputsStart = inputsStart + view.inputs.length * L.row + L.outputsTop;
  const locks = Math.min(L.maxLocks, view.timelocks.length);
  const inner =
    outputsStart +
    view.outputs.length * L.row +
    L.outputsBottom +
    L.footer +
    (locks > 0 ? locks * L.lockRow + L.locksBottom : 0);
  return {
    height: inner + 2 * L.border,
    inputs: view.inputs.map((_, i) => inputsStart + i * L.row + L.row / 2),
    outputs: view.outputs.map((_, i) => outputsStart + i * L.row + L.row / 2),
  };
}

/** Statuses whose detailed node has a line under the header (see `statusDetail`). */
export const hasDetailLine = (view: NodeView): boolean =>
  view.status.kind === 'invalid' ||
  view.status.kind === 'conflicted' ||
  ((view.status.kind === 'confirmed' || view.status.kind === 'mempool') && view.status.otherWitness !== undefined);

/** The node's outer height as TxNode draws it, known before it is measured. */
export function nodeHeight(view: NodeView): number {
  return overviewLayout(view, hasDetailLine(view)).height;
}

/**
 * Where an edge meets a handle, in flow coordinates: React Flow's rule (the outer side of the
 * handle, its middle) applied to this layout.
 */
export function overviewHandlePoint(
  view: NodeView,
  position: { readonly x: number; readonly y: number },
  side: 'in' | 'out',
  index: number,
): { x: number; y: number } | undefined {
  const layout = overviewLayout(view, hasDetailLine(view));
  const at = (side === 'in' ? view.inputs : view.outputs).findIndex((row) => row.index === index);
  const y = (side === 'in' ? layout.inputs : layout.outputs)[at];
  if (y === undefined) return undefined;
  const x = side === 'in' ? LAYOUT.borderLeft - LAYOUT.handle / 2 : NODE_WIDTH - LAYOUT.border + LAYOUT.handle / 2;
  return { x: position.x + x, y: position.y + LAYOUT.border + y };
}

function OverviewNodeComponent({ view, selected }: { readonly view: NodeView; readonly selected: boolean }): ReactNode {
  const { mode } = useThemeMode();
  const { t } = useI18n();
  const colours = statusColours(view.status.kind, mode);
  const layout = overviewLayout(view, hasDetailLine(view));
  return (
    <div
      className="txlab-overview-node"
      data-testid="tx-node"
      data-node-id={view.id}
      data-status={view.status.kind}
      data-selected={selected}
      style={{ height: layout.height, borderColor: colours.main, background: colours.soft }}
    >
      <div className="txlab-overview-label" data-testid="node-label" data-label={view.label}>
        {nodeLabel(view.label, t)}
      </div>
      {view.inputs.map((input, i) => (
        <Handle
          key={`in${input.index}`}
          type="target"
          position={Position.Left}
          id={inputHandle(input.index)}
          style={{
            top: layout.inputs[i],
            borderColor: colours.main,
            background: input.prevout !== undefined ? colours.main : undefined,
          }}
        />
      ))}
      {view.outputs.map((output, i) => (
        <Handle
          key={`out${output.index}`}
          type="source"
          position={Position.Right}
          id={outputHandle(output.index)}
          style={{
            top: layout.outputs[i],
            borderColor: colours.main,
            background: output.spentBy !== undefined ? colours.main : undefined,
          }}
        />
      ))}
    </div>
  );
}

export const OverviewNode = memo(OverviewNodeComponent);
