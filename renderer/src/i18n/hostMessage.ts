/** The host's error in the reader's language: its catalogue words when it sent them, else its English sentence. */
import type { ContractError, HostText } from '../../../shared/contract/result';
import { nodeLabel } from '../features/graph/nodeNames';
import type { Translate } from './translate';

/** Parameters that name a node by its label ("Payment"), said as the canvas says it ("付款"). */
const NODE_PARAMS: ReadonlySet<string> = new Set(['node', 'from', 'to', 'by']);

export function hostMessage(t: Translate, error: Pick<ContractError, 'message' | 'text' | 'where'>): string {
  if (!error.text) return error.message;
  return error.where ? say(t, error.where) + say(t, error.text) : say(t, error.text);
}

function say(t: Translate, text: HostText): string {
  const params = text.params;
  if (!params) return t(text.key);
  return t(
    text.key,
    Object.fromEntries(
      Object.entries(params).map(([name, value]) => [
        name,
        NODE_PARAMS.has(name) && typeof value === 'string' ? nodeLabel(value, t) : value,
      ]),
    ),
  );
}
