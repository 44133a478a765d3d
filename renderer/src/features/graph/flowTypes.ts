/** The canvas's React Flow types: one node kind (a transaction), one edge kind (an outpoint being spent). */
import type { Edge, Node } from '@xyflow/react';
import type { ChainSummary, NodeView } from '../../../../shared/contract/views';
import type { NodeStage } from '../stage/stageModel';

export interface TxNodeData extends Record<string, unknown> {
  readonly view: NodeView;
  /** The node's chain (height, MTP) for its timelock line. */
  readonly clock: Pick<ChainSummary, 'height' | 'medianTimePast'> | undefined;
  /** In a lesson: what the current step makes of this transaction (focus, marks). */
  readonly stage?: NodeStage;
}

export type TxFlowNode = Node<TxNodeData, 'tx'>;
export type SpendEdge = Edge<Record<string, never>, 'default'>;

export const inputHandle = (index: number): string => `in-${index}`;
export const outputHandle = (index: number): string => `out-${index}`;

export function handleIndex(handle: string | null | undefined, kind: 'in' | 'out'): number | undefined {
  if (!handle?.startsWith(`${kind}-`)) return undefined;
  const n = Number(handle.slice(kind.length + 1));
  return Number.isInteger(n) && n >= 0 ? n : undefined;
}

/** The node's width on the canvas (also used to place new nodes beside others). */
export const NODE_WIDTH = 284;
