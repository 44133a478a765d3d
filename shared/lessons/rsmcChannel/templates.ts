/**
 * The RSMC channel's palette templates: Funding, C1a/RD1a/BR1a and their mirrors, the cooperative
 * close. Every parameter has the seed's default (Alice and Bob with 0.5 each, state 1), so a click
 * on the palette gives the seed's transaction. Funding's inputs are left for the user to connect.
 */
import { z } from 'zod';
import { fromHex } from '../../bitcoin/bytes';
import { hash160 } from '../../bitcoin/hashes';
import { ok, type Result } from '../../contract/result';
import { multisigOutput } from '../../protocols/outputs';
import {
  buildBreachRemedy,
  buildCommitment,
  buildCooperativeClose,
  buildRevocableDelivery,
  type ChannelParams,
  type ChannelState,
  rsmcTxName,
  type Side,
} from '../../protocols/rsmc';
import { SECONDS_PER_DAY, wrapsForEra } from '../../protocols/types';
import type { NodeTemplate, TemplateContext } from '../host';
import { built, COIN, hex, name, parse, PLACEHOLDER_R, sats, unconnected } from '../templateKit';

const channelSchema = z
  .object({
    alice: name.default('Alice'),
    bob: name.default('Bob'),
    /** State number: 1 for C1a/RD1a/BR1a, 2 for C2a, … */
    n: z.number().int().min(1).max(1_000).optional(),
    balances: z.object({ alice: sats, bob: sats }).strict().optional(),
    fee: sats.default('2000'),
    delay: z.number().int().min(1).max(0xffff).default(1_000),
    funding: z.string().min(1).max(64).default('Funding'),
    /** HTLC templates: the amount in the HTLC, HASH160(R), the absolute timeout. */
    amount: sats.default((COIN / 10n).toString()),
    hash: hex(20).optional(),
    timeout: z.number().int().min(1).max(0xffffffff).optional(),
    preimage: z
      .string()
      .regex(/^(?:[0-9a-f]{2}){1,64}$/)
      .optional(),
  })
  .strict();

/** A channel's keys and state from a template's parameters (the HTLC templates build on it: ../htlc). */
export async function channel(
  ctx: TemplateContext,
  params: Readonly<Record<string, unknown>>,
  htlc: boolean,
): Promise<Result<{ params: ChannelParams; state: ChannelState; p: z.output<typeof channelSchema> }>> {
  const parsed = parse(channelSchema, params);
  if (!parsed.ok) return parsed;
  const p = parsed.value;
  const n = p.n ?? (htlc ? 2 : 1);
  const alice = await ctx.publicKey(p.alice, 'funding', p.alice);
  if (!alice.ok) return alice;
  const bob = await ctx.publicKey(p.bob, 'funding', p.bob);
  if (!bob.ok) return bob;
  const aliceRev = await ctx.publicKey(p.alice, 'revocation', `${p.alice}${n + 1}`);
  if (!aliceRev.ok) return aliceRev;
  const bobRev = await ctx.publicKey(p.bob, 'revocation', `${p.bob}${n + 1}`);
  if (!bobRev.ok) return bobRev;
  const amount = BigInt(p.amount);
  const half = COIN / 2n;
  const balance = p.balances
    ? { alice: BigInt(p.balances.alice), bob: BigInt(p.balances.bob) }
    : htlc
      ? { alice: half - amount, bob: half }
      : { alice: half, bob: half };
  const capacity = balance.alice + balance.bob + (htlc ? amount : 0n);
  const state: ChannelState = {
    n,
    balance,
    revocation: { alice: aliceRev.value, bob: bobRev.value },
    ...(htlc
      ? {
          htlc: {
            index: n - 1,
            payer: 'alice' as const,
            amount,
            hash: p.hash ? fromHex(p.hash) : hash160(PLACEHOLDER_R),
            timeout: p.timeout ?? ctx.time + 3 * SECONDS_PER_DAY,
          },
        }
      : {}),
  };
  const wraps = wrapsForEra(ctx.era);
  return ok({
    params: {
      keys: { alice: alice.value, bob: bob.value },
      wraps,
      funding: { node: p.funding, output: 0 },
      capacity,
      delay: p.delay,
      fee: BigInt(p.fee),
    },
    state,
    p,
  });
}

function rsmcTemplate(id: string, kind: 'C' | 'RD' | 'BR', holder: Side): NodeTemplate {
  return {
    id,
    label: rsmcTxName(kind, 1, holder),
    async build(ctx, params) {
      const c = await channel(ctx, params, false);
      if (!c.ok) return c;
      const label = rsmcTxName(kind, c.value.state.n, holder);
      const builder = kind === 'C' ? buildCommitment : kind === 'RD' ? buildRevocableDelivery : buildBreachRemedy;
      return built(builder(c.value.params, c.value.state, holder), label);
    },
  };
}

const funding: NodeTemplate = {
  id: 'funding',
  label: 'Funding',
  async build(ctx, params) {
    const c = await channel(ctx, params, false);
    if (!c.ok) return c;
    const { keys, wraps, capacity } = c.value.params;
    const out = multisigOutput(2, [keys.alice, keys.bob], wraps.script, capacity, {
      label: 'Funding 2-of-2 (Alice, Bob)',
    });
    return ok({ label: 'Funding', tx: { version: 2, locktime: 0, inputs: unconnected(2), outputs: [out] } });
  },
};

const close: NodeTemplate = {
  id: 'close',
  label: 'Close',
  async build(ctx, params) {
    const c = await channel(ctx, params, false);
    if (!c.ok) return c;
    const share = c.value.params.fee / 2n;
    return built(buildCooperativeClose(c.value.params, c.value.state, { alice: share, bob: share }), 'Close');
  },
};

export const RSMC_TEMPLATES: readonly NodeTemplate[] = [
  funding,
  rsmcTemplate('commitment-a', 'C', 'alice'),
  rsmcTemplate('delivery-a', 'RD', 'alice'),
  rsmcTemplate('breach-remedy-a', 'BR', 'alice'),
  rsmcTemplate('commitment-b', 'C', 'bob'),
  rsmcTemplate('delivery-b', 'RD', 'bob'),
  rsmcTemplate('breach-remedy-b', 'BR', 'bob'),
  close,
];
