/**
 * Templates' names in the reader's language, for the palette and the inspector: the basic ones
 * are translated; the lessons' protocol templates keep the seed's names (C1a, RD1a, Tx1).
 */
import type { TemplateInfo } from '../../../../shared/contract/views';
import type { MessageKey, Translate } from '../../i18n';

/** The basic templates' names and hints, translated; protocol ones keep the seed's names (C1a, RD1a, Tx1). */
const BASIC_NAMES: Readonly<Record<string, readonly [MessageKey, MessageKey]>> = {
  'p2pkh-payment': ['template.p2pkhPayment', 'template.p2pkhPayment.hint'],
  'p2wpkh-payment': ['template.p2wpkhPayment', 'template.p2wpkhPayment.hint'],
  'p2sh-p2wpkh-payment': ['template.p2shP2wpkhPayment', 'template.p2shP2wpkhPayment.hint'],
  'p2tr-payment': ['template.p2trPayment', 'template.p2trPayment.hint'],
  custom: ['template.custom', 'template.custom.hint'],
};

/**
 * Basic templates have translated names (type names keep their hyphen on one line in the narrow
 * palette: P2SH‑P2WPKH); the channel's Funding and Close say what they are next to the name the
 * lesson uses; protocol ones keep the seed's names (C1a, RD1a, Tx1).
 */
export function templateName(template: TemplateInfo, t: Translate): string {
  const keys = BASIC_NAMES[template.id];
  if (keys) return t(keys[0]).replace(/(P2\w+)-(P2\w+)/g, '$1\u2011$2');
  if (template.id === 'funding') return t('template.funding');
  if (template.id === 'close') return t('template.close');
  return template.label;
}

export function templateHint(template: TemplateInfo, t: Translate): string {
  const keys = BASIC_NAMES[template.id];
  return keys ? t(keys[1]) : t('template.protocol.hint', { id: template.id });
}
