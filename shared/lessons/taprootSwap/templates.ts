/**
 * The Taproot swap's palette templates: the Taproot HTLC output (its coin left for the user to
 * connect) and its three spends — the MuSig2 key path, the hashlock leaf and the refund leaf.
 * Defaults: Alice pays Bob 1 coin, the refund opens 48 hours from the chain's clock, the hash is
 * the placeholder X's unless `hash` is set; the spends take output 0 of the draft named `htlc`.
 */
import { z } from 'zod';
import { fromHex } from '../../bitcoin/bytes';
import { ok } from '../../contract/result';
import {
  buildHashlockSpend,
  buildKeyPathSpend,
  buildRefundSpend,
  taprootHtlc,
  taprootHtlcOutput,
  type TaprootHtlcTerms,
} from '../../protocols/taprootHtlc';
import { wrapsForEra } from '../../protocols/types';
import type { NodeTemplate } from '../host';
import { built, COIN, hex, name, parse, PLACEHOLDER_X, refused, sats, unconnected } from '../templateKit';

const HOURS_48 = 48 * 3600;

const schema = z
  .object({
    payer: name.default('Alice'),
    payee: name.default('Bob'),
    hash: hex(32).optional(),
    timeout: z.number().int().min(1).max(0xffffffff).optional(),
    amount: sats.optional(),
    fee: sats.default('2000'),
    secret: hex(32).optional(),
    htlc: z
      .string()
      .min(1)
      .max(64)
      .regex(/^[A-Za-z0-9_.:-]+$/)
      .default('HTLC'),
  })
  .strict();

type Role = 'output' | 'key' | 'hashlock' | 'refund';

function template(id: string, label: string, role: Role): NodeTemplate {
  return {
    id,
    label,
    async build(ctx, params) {
      const parsed = parse(schema, params);
      if (!parsed.ok) return parsed;
      const p = parsed.value;
      const payer = await ctx.publicKey(p.payer, 'swap', p.payer);
      if (!payer.ok) return payer;
      const payee = await ctx.publicKey(p.payee, 'swap', p.payee);
      if (!payee.ok) return payee;
      const terms: TaprootHtlcTerms = {
        payer: payer.value,
        payee: payee.value,
        hash: p.hash ? fromHex(p.hash) : PLACEHOLDER_X,
        timeout: p.timeout ?? ctx.time + HOURS_48,
      };
      const value = p.amount ? BigInt(p.amount) : COIN;
      if (role === 'output') {
        const htlc = taprootHtlc(terms);
        if (!htlc.ok) return refused(htlc.error);
        const out = taprootHtlcOutput(htlc.value, value, { label: `MuSig2(${p.payer}, ${p.payee}) + 2 leaves` });
        return ok({ label, tx: { version: 2, locktime: 0, inputs: unconnected(1), outputs: [out] } });
      }
      const spend = {
        terms,
        value,
        fee: BigInt(p.fee),
        payout: wrapsForEra(ctx.era).key,
        htlcOutput: { node: p.htlc, output: 0 },
      };
      if (role === 'key') return built(buildKeyPathSpend({ ...spend, to: 'payee', label: p.payee }), label);
      if (role === 'refund') return built(buildRefundSpend({ ...spend, label: p.payer }), label);
      return built(
        buildHashlockSpend({ ...spend, label: p.payee, ...(p.secret ? { secret: fromHex(p.secret) } : {}) }),
        label,
      );
    },
  };
}

export const TAPROOT_SWAP_TEMPLATES: readonly NodeTemplate[] = [
  template('taproot-htlc', 'HTLC', 'output'),
  template('taproot-htlc-key', 'HTLC-key', 'key'),
  template('taproot-htlc-hashlock', 'HTLC-leaf', 'hashlock'),
  template('taproot-htlc-refund', 'HTLC-refund', 'refund'),
];
