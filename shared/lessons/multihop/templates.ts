/**
 * The multi-hop payment's palette templates: one hop's HTLC (its coin left for the user to
 * connect), its redeem with R and its timeout. Defaults are the seed's first hop (0.052, three days).
 */
import { z } from 'zod';
import { fromHex } from '../../bitcoin/bytes';
import { hash160 } from '../../bitcoin/hashes';
import { ok } from '../../contract/result';
import { buildHopRedeem, buildHopTimeout, type Hop, hopScript } from '../../protocols/multihop';
import { scriptOutput } from '../../protocols/outputs';
import { SECONDS_PER_DAY, wrapsForEra } from '../../protocols/types';
import type { NodeTemplate } from '../host';
import { built, hex, name, parse, PLACEHOLDER_R, sats, unconnected } from '../templateKit';

const hopSchema = z
  .object({
    payer: name.default('Alice'),
    payee: name.default('Bob'),
    amount: sats.default('5200000'),
    timeout: z.number().int().min(1).max(0xffffffff).optional(),
    hash: hex(20).optional(),
    fee: sats.default('1000'),
    htlc: z.string().min(1).max(64).optional(),
  })
  .strict();

function hopTemplate(id: string, label: string, role: 'offer' | 'redeem' | 'timeout'): NodeTemplate {
  return {
    id,
    label,
    async build(ctx, params) {
      const parsed = parse(hopSchema, params);
      if (!parsed.ok) return parsed;
      const p = parsed.value;
      const payer = await ctx.publicKey(p.payer, 'htlc', p.payer);
      if (!payer.ok) return payer;
      const payee = await ctx.publicKey(p.payee, 'htlc', p.payee);
      if (!payee.ok) return payee;
      const hop: Hop = {
        index: 0,
        payer: { name: p.payer, key: payer.value },
        payee: { name: p.payee, key: payee.value },
        amount: BigInt(p.amount),
        timeout: p.timeout ?? ctx.time + 3 * SECONDS_PER_DAY,
      };
      const hash = p.hash ? fromHex(p.hash) : hash160(PLACEHOLDER_R);
      const wraps = wrapsForEra(ctx.era);
      const nodeLabel = `${label}-${p.payer}-${p.payee}`;
      if (role === 'offer') {
        const out = scriptOutput(hopScript(hop, hash), wraps.script, hop.amount, 'htlc', {
          label: `HTLC ${p.payer} → ${p.payee}`,
        });
        return ok({ label: nodeLabel, tx: { version: 2, locktime: 0, inputs: unconnected(1), outputs: [out] } });
      }
      const spend = {
        hop,
        hash,
        wrap: wraps.script,
        fee: BigInt(p.fee),
        payout: wraps.key,
        htlc: { node: p.htlc ?? `HTLC-${p.payer}-${p.payee}`, output: 0 },
      };
      return built(role === 'redeem' ? buildHopRedeem(spend) : buildHopTimeout(spend), nodeLabel);
    },
  };
}

export const HOP_TEMPLATES: readonly NodeTemplate[] = [
  hopTemplate('hop-htlc', 'HTLC', 'offer'),
  hopTemplate('hop-redeem', 'Redeem', 'redeem'),
  hopTemplate('hop-timeout', 'Timeout', 'timeout'),
];
