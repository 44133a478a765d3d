/**
 * The atomic swap's palette templates: Tx1 and Tx3 (the contracts, their coins left for the user
 * to connect), the refunds Tx2 and Tx4, and the claims. Defaults are the seed's: 1 BTC for 10 LTC.
 */
import { z } from 'zod';
import { fromHex } from '../../bitcoin/bytes';
import { ok } from '../../contract/result';
import { scriptOutput } from '../../protocols/outputs';
import {
  buildClaim,
  buildTx2,
  buildTx4,
  claimName,
  type SwapContract,
  swapScript,
  type SwapTerms,
} from '../../protocols/swap';
import { wrapsForEra } from '../../protocols/types';
import type { NodeTemplate } from '../host';
import { built, COIN, hex, name, parse, PLACEHOLDER_X, sats, unconnected } from '../templateKit';

const swapSchema = z
  .object({
    alice: name.default('Alice'),
    bob: name.default('Bob'),
    hash: hex(32).optional(),
    start: z.number().int().min(1).max(0xffffffff).optional(),
    amount: sats.optional(),
    fee: sats.default('2000'),
    secret: hex(32).optional(),
  })
  .strict();

function swapTemplate(
  id: string,
  label: string,
  contract: SwapContract,
  role: 'contract' | 'refund' | 'claim',
): NodeTemplate {
  return {
    id,
    label,
    async build(ctx, params) {
      const parsed = parse(swapSchema, params);
      if (!parsed.ok) return parsed;
      const p = parsed.value;
      const alice = await ctx.publicKey(p.alice, 'swap', p.alice);
      if (!alice.ok) return alice;
      const bob = await ctx.publicKey(p.bob, 'swap', p.bob);
      if (!bob.ok) return bob;
      const terms: SwapTerms = {
        alice: alice.value,
        bob: bob.value,
        hash: p.hash ? fromHex(p.hash) : PLACEHOLDER_X,
        start: p.start ?? ctx.time,
      };
      const value = p.amount ? BigInt(p.amount) : contract === 'Tx1' ? COIN : 10n * COIN;
      const wraps = wrapsForEra(ctx.era);
      if (role === 'contract') {
        const out = scriptOutput(swapScript(terms, contract), wraps.script, value, 'swap', {
          label: `${contract}: X and ${contract === 'Tx1' ? 'Bob' : 'Alice'}, or Alice and Bob`,
        });
        return ok({ label, tx: { version: 2, locktime: 0, inputs: unconnected(1), outputs: [out] } });
      }
      const spend = { terms, wrap: wraps.script, payout: wraps.key, value, fee: BigInt(p.fee) };
      if (role === 'refund') return built(contract === 'Tx1' ? buildTx2(spend) : buildTx4(spend), label);
      return built(buildClaim(contract, { ...spend, ...(p.secret ? { secret: fromHex(p.secret) } : {}) }), label);
    },
  };
}

export const SWAP_TEMPLATES: readonly NodeTemplate[] = [
  swapTemplate('swap-tx1', 'Tx1', 'Tx1', 'contract'),
  swapTemplate('swap-tx2', 'Tx2', 'Tx1', 'refund'),
  swapTemplate('swap-tx3', 'Tx3', 'Tx3', 'contract'),
  swapTemplate('swap-tx4', 'Tx4', 'Tx3', 'refund'),
  swapTemplate('swap-claim-tx1', claimName('Tx1'), 'Tx1', 'claim'),
  swapTemplate('swap-claim-tx3', claimName('Tx3'), 'Tx3', 'claim'),
];
