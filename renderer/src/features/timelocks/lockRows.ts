import type { NodeView } from '../../../../shared/contract/views';
import type { LockRow } from './timelineModel';

/** Every time lock of these nodes as a timeline row; keys are stable across updates of the same workspace. */
export function lockRows(workspace: string, nodes: readonly NodeView[]): LockRow[] {
  return nodes.flatMap((node) =>
    node.timelocks.map((lock) => ({
      key: `${workspace}|${node.id}|${lock.source}|${lock.input ?? ''}|${lock.output ?? ''}|${lock.kind}|${lock.value}`,
      node: node.id,
      nodeLabel: node.label,
      status: node.status.kind,
      lock,
    })),
  );
}
