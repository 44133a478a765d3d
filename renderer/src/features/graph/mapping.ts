/**
 * The canvas as a pure mapping of the host's WorkspaceView. A node whose view did not change keeps
 * its object (and so its memoised component); React Flow's own bookkeeping (measured size,
 * selection) is carried over.
 */
import type { ChainSummary, NodeView, WorkspaceView } from '../../../../shared/contract/views';
import { statusColours } from '../../theme/status';
import type { ThemeMode } from '../../theme/theme';
import { inputHandle, NODE_WIDTH, outputHandle, type SpendEdge, type TxFlowNode } from './flowTypes';
import { nodeHeight } from './OverviewNode';

export interface MappingCache {
  /** Per node id: the JSON of the view and clock last mapped. */
  readonly keys: Map<string, string>;
}

export function newMappingCache(): MappingCache {
  return { keys: new Map() };
}

function clockOf(chains: readonly ChainSummary[], chain: string): TxFlowNode['data']['clock'] {
  const c = chains.find((x) => x.id === chain);
  return c ? { height: c.height, medianTimePast: c.medianTimePast } : undefined;
}

export function mapNodes(view: WorkspaceView, previous: readonly TxFlowNode[], cache: MappingCache): TxFlowNode[] {
  const before = new Map(previous.map((n) => [n.id, n]));
  const keys = new Map<string, string>();
  const nodes = view.nodes.map((nodeView: NodeView): TxFlowNode => {
    // Only nodes with time locks depend on the chain's clock.
    const clock = nodeView.timelocks.length > 0 ? clockOf(view.chains, nodeView.chain) : undefined;
    const key = JSON.stringify(nodeView) + (clock ? `@${clock.height}:${clock.medianTimePast}` : '');
    keys.set(nodeView.id, key);
    const old = before.get(nodeView.id);
    if (old && cache.keys.get(nodeView.id) === key) return old;
    return {
      ...(old ?? {}),
      // The size TxNode will have, until React Flow measures it: framing, the minimap and the
      // zoomed-out picture need no measurement, and nodes kept out of layout far out (see
      // GraphCanvas) still count as sized.
      measured: old?.measured ?? { width: NODE_WIDTH, height: nodeHeight(nodeView) },
      id: nodeView.id,
      type: 'tx',
      position: { x: nodeView.position.x, y: nodeView.position.y },
      data: { view: nodeView, clock },
      // Chain transactions are facts: they can be moved but not edited.
      deletable: true,
    };
  });
  cache.keys.clear();
  for (const [id, key] of keys) cache.keys.set(id, key);
  return nodes;
}

export function mapEdges(view: WorkspaceView, previous: readonly SpendEdge[], mode: ThemeMode): SpendEdge[] {
  const selected = new Set(previous.filter((e) => e.selected).map((e) => e.id));
  const status = new Map(view.nodes.map((n) => [n.id, n.status.kind]));
  return view.edges.map((edge): SpendEdge => {
    const kind = status.get(edge.to.node) ?? 'draft';
    const colour = statusColours(kind, mode).main;
    return {
      id: edge.id,
      source: edge.from.node,
      sourceHandle: outputHandle(edge.from.output),
      target: edge.to.node,
      targetHandle: inputHandle(edge.to.input),
      type: 'default',
      animated: kind === 'mempool',
      selected: selected.has(edge.id),
      style: { stroke: colour, strokeWidth: 2.5 },
      markerEnd: { type: 'arrowclosed' as const, color: colour, width: 18, height: 18 },
      ariaLabel: `${edge.from.node} #${edge.from.output} → ${edge.to.node} #${edge.to.input}`,
    };
  });
}
