/** Keys for the lessons' palette templates, found in the workspace's wallets by label. */
import { type Bytes, fromHex } from '../../shared/bitcoin/bytes';
import { ok, type Result } from '../../shared/contract/result';
import { findWallet } from '../host/payees';
import type { TemplateContext } from '../host/templates';
import type { KeyPurpose } from '../host/walletStore';

/** The key labelled `label` in `wallet`, derived (with that label) the first time it is asked for. */
export async function key(
  ctx: TemplateContext,
  wallet: string,
  purpose: KeyPurpose,
  label: string,
): Promise<Result<Bytes>> {
  const w = findWallet(ctx.wallets, wallet);
  if (!w.ok) return w;
  const held = w.value.keys.find((k) => k.label === label && k.origin === 'derived');
  if (held) return ok(fromHex(held.publicKey));
  const derived = await ctx.wallets.deriveKey(w.value.id, purpose, label);
  return derived.ok ? ok(fromHex(derived.value.publicKey)) : derived;
}
