/** The selected draft's bytes, byte ranges, sighashes and per-input verdicts, refetched whenever the workspace changes. */
import { useEffect, useState } from 'react';
import type { InspectView, NodeView } from '../../../../shared/contract/views';
import { useWorkspace } from '../../app/workspace/WorkspaceProvider';
import { useI18n } from '../../i18n';
import { hostMessage } from '../../i18n/hostMessage';

export type InspectState =
  | { readonly kind: 'none' }
  | { readonly kind: 'ready'; readonly inspect: InspectView }
  | { readonly kind: 'failed'; readonly message: string };

export function useInspect(node: NodeView | undefined): InspectState {
  const { client, view } = useWorkspace();
  const { t } = useI18n();
  const [state, setState] = useState<InspectState>({ kind: 'none' });
  const id = node?.kind === 'draft' ? node.id : undefined;
  const revision = view?.revision;
  useEffect(() => {
    if (!id) {
      setState({ kind: 'none' });
      return;
    }
    let current = true;
    void client.call('tx.inspect', { node: id }).then((r) => {
      if (!current) return;
      setState(r.ok ? { kind: 'ready', inspect: r.value } : { kind: 'failed', message: hostMessage(t, r.error) });
    });
    return () => {
      current = false;
    };
  }, [client, id, revision, t]);
  return state;
}
