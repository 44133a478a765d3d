/**
 * Node templates for the palette: each builds a transaction draft. The basic ones are here; the
 * protocol ones (Funding, C1a, RD1a, BR1a, HTLC transactions, swap Tx1–Tx4, hops) come with their
 * lessons (shared/lessons/<name>/templates.ts, listed in shared/lessons/index.ts). They build with
 * a TemplateContext the host makes (lessonHost.ts).
 */
import { ok } from '../../shared/contract/result';
import { LESSON_TEMPLATES } from '../../shared/lessons';
import type { NodeTemplate } from '../../shared/lessons/host';
import type { TxDraft } from '../../shared/workspace/model';
import { EMPTY_UNLOCK } from '../../shared/workspace/unlock';

const oneInOneOut = (version: number): TxDraft => ({
  version,
  locktime: 0,
  inputs: [{ sequence: 0xffffffff, unlock: EMPTY_UNLOCK }],
  outputs: [{ value: '0', scriptPubKey: '' }],
});

const BASIC: readonly NodeTemplate[] = [
  {
    id: 'p2pkh-payment',
    label: 'Payment',
    build: (ctx) => Promise.resolve(ok({ tx: oneInOneOut(ctx.era === 'modern' ? 2 : 1) })),
  },
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

/** The palette's entries, in registration order (basic first, then the lessons' templates). */
export function templateList(): { id: string; label: string }[] {
  return [...REGISTRY.values()].map((t) => ({ id: t.id, label: t.label }));
}
