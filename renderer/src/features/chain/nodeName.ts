/** A chain node's name in the reader's language: a real node's parts ("litecoind 扮演 Bitcoin regtest（本机）"), else as named. */
import type { ChainSummary } from '../../../../shared/contract/views';
import type { Translate } from '../../i18n/translate';

export function chainNodeName(node: Pick<ChainSummary['nodes'][number], 'name' | 'real'>, t: Translate): string {
  const real = node.real;
  if (!real) return node.name;
  const named = real.plays ? t('host.node.plays', { program: real.program, chain: real.plays }) : real.program;
  return real.local ? t('host.node.local', { name: named }) : named;
}
