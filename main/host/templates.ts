/**
 * Node templates for the palette: each builds a transaction draft. The basic ones are here; the
 * protocol ones (Funding, C1a, RD1a, BR1a, HTLC transactions, swap Tx1–Tx4, hops) come with their
 * lessons (main/lessons/<name>/templates.ts, listed in main/lessons/index.ts).
 */
import type { ChainId } from '../../shared/chain/profiles';
import { ok, type Result } from '../../shared/contract/result';
import type { TxDraft } from '../../shared/workspace/model';
import { EMPTY_UNLOCK } from '../../shared/workspace/unlock';
import { lessonTemplates } from '../lessons';
import type { WalletStore } from './walletStore';
import type { Era } from '../../shared/chain/era';

export interface TemplateContext {
  readonly chain: ChainId;
  readonly era: Era;
  readonly wallets: WalletStore;
  /** The chain's clock: time locks default to "three days from now" and the like. */
  readonly time: number;
}

export interface NodeTemplate {
  readonly id: string;
  /** Default node label (the seed's name for protocol transactions). */
  readonly label: string;
  build(
    ctx: TemplateContext,
    params: Readonly<Record<string, unknown>>,
  ): Promise<Result<{ label?: string; tx: TxDraft }>>;
}

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

let registered: Map<string, NodeTemplate> | undefined;

/** Made on first use, after every module has loaded (the lessons' templates import the host's wallets). */
function registry(): Map<string, NodeTemplate> {
  registered ??= new Map([...BASIC, ...lessonTemplates()].map((t) => [t.id, t]));
  return registered;
}

export function findTemplate(id: string): NodeTemplate | undefined {
  return registry().get(id);
}

export function templateIds(): string[] {
  return [...registry().keys()];
}

/** The palette's entries, in registration order (basic first, then the lessons' templates). */
export function templateList(): { id: string; label: string }[] {
  return [...registry().values()].map((t) => ({ id: t.id, label: t.label }));
}
