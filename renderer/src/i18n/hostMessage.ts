/** The host's error in the reader's language: its catalogue words when it sent them, else its English sentence. */
import type { ContractError, HostText } from '../../../shared/contract/result';
import type { NodeStatus } from '../../../shared/contract/views';
import type { MessageKey } from '../../../shared/ui/i18n/en';
import { nodeLabel } from '../features/graph/nodeNames';
import { scriptErrorSentence } from './scriptError';
import type { Language, Translate } from './translate';

/** Parameters that name a node by its label ("Payment"), said as the canvas says it ("付款"). */
const NODE_PARAMS: ReadonlySet<string> = new Set(['node', 'from', 'to', 'by']);

/** Parameters that carry a node's status kind ("mempool"), said in the reader's words ("在内存池中"). */
const STATUS_PARAMS: ReadonlySet<string> = new Set(['status', 'expectedStatus']);
const STATUS_WORDS: Readonly<Record<NodeStatus['kind'], MessageKey>> = {
  draft: 'statusWord.draft',
  'partly-signed': 'statusWord.partly-signed',
  signed: 'statusWord.signed',
  mempool: 'statusWord.mempool',
  confirmed: 'statusWord.confirmed',
  conflicted: 'statusWord.conflicted',
  invalid: 'statusWord.invalid',
};
const statusWord = (value: string): MessageKey | undefined =>
  Object.hasOwn(STATUS_WORDS, value) ? STATUS_WORDS[value as NodeStatus['kind']] : undefined;

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
  const sayParam = (name: string, value: string | number): string | number => {
    if (typeof value !== 'string') return value;
    if (NODE_PARAMS.has(name)) return nodeLabel(value, t);
    const word = STATUS_PARAMS.has(name) ? statusWord(value) : undefined;
    if (word) return t(word);
    if (name === 'scriptError' && language && typeof code === 'string')
      return scriptErrorSentence(language, code, value);
    return value;
  };
  return t(text.key, Object.fromEntries(Object.entries(params).map(([name, value]) => [name, sayParam(name, value)])));
}
