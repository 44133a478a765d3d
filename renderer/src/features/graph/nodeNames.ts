/**
 * A node's label in the reader's language when it is a default name: the basic templates' names
 * ("Payment" → "付款") are translated, the lessons' own names (Funding, Close, Coins), which their
 * narration uses, keep the name and gain a gloss ("Funding（注资）"). A number or chain the
 * label carries after the name ("Payment-2", "Coins-LTC") stays. Any other label is the person's
 * or the protocol's own (C1a, RD1a, HTLC) and shows as written.
 */
import type { MessageKey } from '../../../../shared/ui/i18n/en';
import type { Translate } from '../../i18n/translate';

const TRANSLATED: Readonly<Record<string, MessageKey>> = {
  Payment: 'node.default.payment',
  Custom: 'node.default.custom',
  Imported: 'node.default.imported',
};

const GLOSSED: Readonly<Record<string, MessageKey>> = {
  Funding: 'node.default.funding',
  Close: 'node.default.close',
  Coins: 'node.default.coins',
  Coinbase: 'node.default.coinbase',
};

/** Default names with a type in them (the payment templates'), matched whole. */
const WHOLE: Readonly<Record<string, MessageKey>> = {
  'P2WPKH payment': 'template.p2wpkhPayment',
  'P2SH-P2WPKH payment': 'template.p2shP2wpkhPayment',
  'P2TR payment': 'template.p2trPayment',
};

const DEFAULT_LABEL = /^([A-Za-z]+)((?:-LTC)?(?:[- ]\d+)?)$/;

export function nodeLabel(label: string, t: Translate): string {
  if (Object.hasOwn(WHOLE, label)) return t(WHOLE[label]!);
  const match = DEFAULT_LABEL.exec(label);
  if (!match) return label;
  const [, name = '', rest = ''] = match;
  if (Object.hasOwn(TRANSLATED, name)) return `${t(TRANSLATED[name]!)}${rest}`;
  if (Object.hasOwn(GLOSSED, name)) return t(GLOSSED[name]!, { name: label });
  return label;
}
