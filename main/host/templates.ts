/**
 * Node templates for the palette: each builds a transaction draft. The basic ones are here; the
 * protocol ones (Funding, C1a, RD1a, BR1a, HTLC transactions, swap Tx1–Tx4, hops) come with their
 * lessons (shared/lessons/<name>/templates.ts, listed in shared/lessons/index.ts). They build with
 * a TemplateContext the host makes (lessonHost.ts).
 */
import { errText, ok } from '../../shared/contract/result';
import { LESSON_TEMPLATES } from '../../shared/lessons';
import type { NodeTemplate } from '../../shared/lessons/host';
import type { TemplateInfo } from '../../shared/contract/views';
import type { TxDraft } from '../../shared/workspace/model';
import { EMPTY_UNLOCK } from '../../shared/workspace/unlock';
import type { PayType } from '../../shared/workspace/payTypes';

const oneInOneOut = (version: number): TxDraft => ({
  version,
  locktime: 0,
  inputs: [{ sequence: 0xffffffff, unlock: EMPTY_UNLOCK }],
  outputs: [{ value: '0', scriptPubKey: '' }],
});

/** Address types as Bitcoin names them, the same in every language. */
const PAY_TYPE_NAMES: Readonly<Record<PayType, string>> = {
  p2pkh: 'P2PKH',
  p2wpkh: 'P2WPKH',
  'p2sh-p2wpkh': 'P2SH-P2WPKH',
  p2tr: 'P2TR',
};

/**
 * A payment of one address type: its outputs pay wallets in that type (graph.setOutput's default,
 * see handlers/graph.ts); its input unlocks as the coin it is connected to asks (unlock.ts), and
 * the node says so when that coin is of another type (payTypes.ts). SegWit types (P2TR is SegWit
 * v1) refuse the 2014 era, which had no SegWit.
 */
function payment(id: string, label: string, type: PayType): NodeTemplate {
  return {
    id,
    label,
    payType: type,
    build: (ctx) =>
      Promise.resolve(
        type !== 'p2pkh' && ctx.era === '2014'
          ? errText('INVALID_STATE', 'host.template.noSegwit', { type: PAY_TYPE_NAMES[type] })
          : ok({ tx: oneInOneOut(ctx.era === 'modern' ? 2 : 1) }),
      ),
  };
}

const BASIC: readonly NodeTemplate[] = [
  // The first lesson's template: its id and label stay what lessons and saved files name.
  payment('p2pkh-payment', 'Payment', 'p2pkh'),
  payment('p2wpkh-payment', 'P2WPKH payment', 'p2wpkh'),
  payment('p2sh-p2wpkh-payment', 'P2SH-P2WPKH payment', 'p2sh-p2wpkh'),
  payment('p2tr-payment', 'P2TR payment', 'p2tr'),
  {
    id: 'custom',
    label: 'Custom',
    build: (ctx) => Promise.resolve(ok({ tx: oneInOneOut(ctx.era === 'modern' ? 2 : 1) })),
  },
];

const REGISTRY: ReadonlyMap<string, NodeTemplate> = new Map([...BASIC, ...LESSON_TEMPLATES].map((t) => [t.id, t]));

export function findTemplate(id: string): NodeTemplate | undefined {
  return REGISTRY.get(id);
}

export function templateIds(): string[] {
  return [...REGISTRY.keys()];
}

/** The address type a draft of this template pays wallets in by default, if it has one. */
export function templatePayType(id: string): PayType | undefined {
  return REGISTRY.get(id)?.payType;
}

/** The palette's entries, in registration order (basic first, then the lessons' templates). */
export function templateList(): TemplateInfo[] {
  return [...REGISTRY.values()].map((t) => ({
    id: t.id,
    label: t.label,
    ...(t.payType ? { payType: t.payType } : {}),
  }));
}
