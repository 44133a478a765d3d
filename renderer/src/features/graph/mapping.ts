/**
 * The canvas as a pure mapping of the host's WorkspaceView. A node whose view did not change keeps
 * its object (and so its memoised component); React Flow's own bookkeeping (measured size,
 * selection) is carried over.
 */
import type { ChainSummary, NodeView, WorkspaceView } from '../../../../shared/contract/views';
import { statusColours } from '../../theme/status';
import type { ThemeMode } from '../../theme/theme';
import type { NodeStage } from '../stage/stageModel';
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

/** The lesson stage as the canvas applies it (stage/stageModel.ts); absent outside lessons. */
export interface StageDecor {
  readonly byNode: ReadonlyMap<string, NodeStage>;
  readonly quiet: NodeStage;
  /** Not introduced yet, and the whole protocol is not asked for. */
  readonly hidden: ReadonlySet<string>;
}

export function mapNodes(
  view: WorkspaceView,
  previous: readonly TxFlowNode[],
  cache: MappingCache,
  decor?: StageDecor,
): TxFlowNode[] {
  const before = new Map(previous.map((n) => [n.id, n]));
  const keys = new Map<string, string>();
  const nodes = view.nodes.map((nodeView: NodeView): TxFlowNode => {
    // Only nodes with time locks depend on the chain's clock.
    const clock = nodeView.timelocks.length > 0 ? clockOf(view.chains, nodeView.chain) : undefined;
    const stage = decor ? (decor.byNode.get(nodeView.id) ?? decor.quiet) : undefined;
    const hidden = decor?.hidden.has(nodeView.id) ?? false;
    const key =
      JSON.stringify(nodeView) +
      (clock ? `@${clock.height}:${clock.medianTimePast}` : '') +
      (stage ? JSON.stringify(stage) : '') +
      (hidden ? '#hidden' : '');
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
      data: { view: nodeView, clock, ...(stage ? { stage } : {}) },
      // Chain transactions are facts: they can be moved but not edited.
      deletable: true,
      hidden,
      className: stage?.focused ? 'txlab-focused' : stage?.dimmed ? 'txlab-dimmed' : '',
    };
  });
  cache.keys.clear();
  for (const [id, key] of keys) cache.keys.set(id, key);
  return nodes;
}

export function mapEdges(
  view: WorkspaceView,
  previous: readonly SpendEdge[],
  mode: ThemeMode,
  decor?: StageDecor,
): SpendEdge[] {
  const selected = new Set(previous.filter((e) => e.selected).map((e) => e.id));
  const status = new Map(view.nodes.map((n) => [n.id, n.status.kind]));
  return view.edges.map((edge): SpendEdge => {
    const kind = status.get(edge.to.node) ?? 'draft';
    const colour = statusColours(kind, mode).main;
    const from = decor?.byNode.get(edge.from.node);
    const to = decor?.byNode.get(edge.to.node);
    // An output the step names is the step's edge; edges between the step's transactions stay; the rest recede.
    const named = from?.focusOutputs.includes(edge.from.output) ?? false;
    const recede = decor !== undefined && decor.quiet.dimmed && !named && !(from?.focused && to?.focused);
    return {
      id: edge.id,
      source: edge.from.node,
      sourceHandle: outputHandle(edge.from.output),
      target: edge.to.node,
      targetHandle: inputHandle(edge.to.input),
      type: 'default',
      animated: kind === 'mempool',
      selected: selected.has(edge.id),
      style: { stroke: colour, strokeWidth: named ? 6 : 2.5, opacity: recede ? 0.25 : 1 },
      hidden: decor !== undefined && (decor.hidden.has(edge.from.node) || decor.hidden.has(edge.to.node)),
      ...(named ? { className: 'txlab-step-edge' } : {}),
      markerEnd: { type: 'arrowclosed' as const, color: colour, width: 18, height: 18 },
      ariaLabel: `${edge.from.node} #${edge.from.output} → ${edge.to.node} #${edge.to.input}`,
    };
  });
}
