/** Framing the whole graph; in presenter mode with a lesson the narration covers the lower half, so the graph goes above it. */
import type { ReactFlowInstance } from '@xyflow/react';
import type { SpendEdge, TxFlowNode } from './flowTypes';

export function fitGraph(flow: ReactFlowInstance<TxFlowNode, SpendEdge>, options: { readonly overlay: boolean; readonly duration?: number }): void {
  void flow.fitView({
    padding: options.overlay ? { top: '4%', left: '4%', right: '4%', bottom: '50%' } : 0.15,
    maxZoom: 1,
    duration: options.duration ?? 0,
  });
}
