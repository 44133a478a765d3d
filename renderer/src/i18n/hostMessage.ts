/** The host's error in the reader's language: its catalogue words when it sent them, else its English sentence. */
import type { ContractError, HostText } from '../../../shared/contract/result';
import { nodeLabel } from '../features/graph/nodeNames';
import { scriptErrorSentence } from './scriptError';
import type { Language, Translate } from './translate';

/** Parameters that name a node by its label ("Payment"), said as the canvas says it ("付款"). */
const NODE_PARAMS: ReadonlySet<string> = new Set(['node', 'from', 'to', 'by']);

/**
 * `language` lets a `{scriptError}` parameter (Core's English sentence, its code in
 * `scriptErrorCode`) be said in the reader's language too, as a mempool's script refusal carries.
 */
export function hostMessage(
  t: Translate,
  error: Pick<ContractError, 'message' | 'text' | 'where'>,
  language?: Language,
): string {
  if (!error.text) return error.message;
  return error.where ? say(t, error.where, language) + say(t, error.text, language) : say(t, error.text, language);
}

function say(t: Translate, text: HostText, language: Language | undefined): string {
  const params = text.params;
  if (!params) return t(text.key);
  const code = params['scriptErrorCode'];
  return t(
    text.key,
    Object.fromEntries(
      Object.entries(params).map(([name, value]) => [
        name,
        NODE_PARAMS.has(name) && typeof value === 'string'
          ? nodeLabel(value, t)
          : name === 'scriptError' && language && typeof code === 'string'
            ? scriptErrorSentence(language, code, String(value))
            : value,
      ]),
    ),
  );
}
