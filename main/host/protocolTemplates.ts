/**
 * Protocol templates for the palette, made with the protocol builders: Funding, the RSMC
 * commitments and their delivery and breach-remedy transactions, the cooperative close, the
 * HTLC transactions, swap Tx1–Tx4 and their claims, and the multi-hop HTLC transactions.
 *
 * Every parameter has the seed's default (Alice and Bob with 0.5 each, 0.1 in the HTLC, three
 * days, 1 BTC for 10 LTC, state 1), so a click on the palette gives the seed's transaction; keys
 * are found in the workspace's wallets by label ("Alice", "Alice2", …) and derived on first use.
 * Inputs that spend coins (Funding, Tx1, Tx3, an HTLC offer) are left unconnected: the user drags
 * a coin onto them.
 */
import { z } from 'zod';
import { type Bytes, fromHex, utf8 } from '../../shared/bitcoin/bytes';
import { hash160, sha256 } from '../../shared/bitcoin/hashes';
import { err, ok, type Result } from '../../shared/contract/result';
import { buildHtlcCommitment, buildHtlcTx, htlcTxName, type HtlcTxKind } from '../../shared/protocols/htlc';
import { buildHopRedeem, buildHopTimeout, type Hop, hopScript } from '../../shared/protocols/multihop';
import { multisigOutput, scriptOutput } from '../../shared/protocols/outputs';
import { buildBreachRemedy, buildCommitment, buildCooperativeClose, buildRevocableDelivery, type ChannelParams, type ChannelState, rsmcTxName, type Side } from '../../shared/protocols/rsmc';
import { buildClaim, buildTx2, buildTx4, claimName, type SwapContract, swapScript, type SwapTerms } from '../../shared/protocols/swap';
import { type ProtocolResult, SECONDS_PER_DAY, SEQUENCE_FINAL, wrapsForEra } from '../../shared/protocols/types';
import type { TxDraft } from '../../shared/workspace/model';
import { EMPTY_UNLOCK } from '../../shared/workspace/unlock';
import { findWallet } from './payees';
import type { NodeTemplate, TemplateContext } from './templates';
import type { KeyPurpose } from './walletStore';

const COIN = 100_000_000n;
const name = z.string().min(1).max(40);
const sats = z.string().regex(/^\d{1,16}$/);
const hex = (bytes: number) => z.string().regex(new RegExp(`^[0-9a-f]{${bytes * 2}}$`));

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
    preimage: z.string().regex(/^(?:[0-9a-f]{2}){1,64}$/).optional(),
  })
  .strict();

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

/** The key labelled `label` in `wallet`, derived (with that label) the first time it is asked for. */
async function key(ctx: TemplateContext, wallet: string, purpose: KeyPurpose, label: string): Promise<Result<Bytes>> {
  const w = findWallet(ctx.wallets, wallet);
  if (!w.ok) return w;
  const held = w.value.keys.find((k) => k.label === label && k.origin === 'derived');
  if (held) return ok(fromHex(held.publicKey));
  const derived = await ctx.wallets.deriveKey(w.value.id, purpose, label);
  return derived.ok ? ok(fromHex(derived.value.publicKey)) : derived;
}

function built(r: ProtocolResult<TxDraft>, label: string): Result<{ label: string; tx: TxDraft }> {
  return r.ok ? ok({ label, tx: r.value }) : err('BAD_REQUEST', r.error.message, r.error.path ? { path: `params.${r.error.path}` } : {});
}

function parse<T extends z.ZodType>(schema: T, params: Readonly<Record<string, unknown>>): Result<z.output<T>> {
  const r = schema.safeParse(params);
  if (r.success) return ok(r.data);
  const issue = r.error.issues[0]!;
  return err('BAD_REQUEST', issue.message, { path: ['params', ...issue.path.map(String)].join('.') });
}

/** Placeholder secrets for a template made from the palette: set `hash` to use your own. */
const PLACEHOLDER_R = utf8('R');
const PLACEHOLDER_X = sha256(utf8('X'));

async function channel(ctx: TemplateContext, params: Readonly<Record<string, unknown>>, htlc: boolean): Promise<Result<{ params: ChannelParams; state: ChannelState; p: z.output<typeof channelSchema> }>> {
  const parsed = parse(channelSchema, params);
  if (!parsed.ok) return parsed;
  const p = parsed.value;
  const n = p.n ?? (htlc ? 2 : 1);
  const alice = await key(ctx, p.alice, 'funding', p.alice);
  if (!alice.ok) return alice;
  const bob = await key(ctx, p.bob, 'funding', p.bob);
  if (!bob.ok) return bob;
  const aliceRev = await key(ctx, p.alice, 'revocation', `${p.alice}${n + 1}`);
  if (!aliceRev.ok) return aliceRev;
  const bobRev = await key(ctx, p.bob, 'revocation', `${p.bob}${n + 1}`);
  if (!bobRev.ok) return bobRev;
  const amount = BigInt(p.amount);
  const half = COIN / 2n;
  const balance = p.balances ? { alice: BigInt(p.balances.alice), bob: BigInt(p.balances.bob) } : htlc ? { alice: half - amount, bob: half } : { alice: half, bob: half };
  const capacity = balance.alice + balance.bob + (htlc ? amount : 0n);
  const state: ChannelState = {
    n,
    balance,
    revocation: { alice: aliceRev.value, bob: bobRev.value },
    ...(htlc ? { htlc: { index: n - 1, payer: 'alice' as const, amount, hash: p.hash ? fromHex(p.hash) : hash160(PLACEHOLDER_R), timeout: p.timeout ?? ctx.time + 3 * SECONDS_PER_DAY } } : {}),
  };
  const wraps = wrapsForEra(ctx.era);
  return ok({ params: { keys: { alice: alice.value, bob: bob.value }, wraps, funding: { node: p.funding, output: 0 }, capacity, delay: p.delay, fee: BigInt(p.fee) }, state, p });
}

const unconnected = (n: number) => Array.from({ length: n }, () => ({ sequence: SEQUENCE_FINAL, unlock: EMPTY_UNLOCK }));

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

function htlcTemplate(id: string, holder: Side, kind: HtlcTxKind | 'C'): NodeTemplate {
  const label = kind === 'C' ? rsmcTxName('C', 2, holder) : `${kind}1${holder === 'alice' ? 'a' : 'b'}`;
  return {
    id,
    label,
    async build(ctx, params) {
      const c = await channel(ctx, params, true);
      if (!c.ok) return c;
      const { params: ch, state, p } = c.value;
      if (kind === 'C') return built(buildHtlcCommitment(ch, state, holder), rsmcTxName('C', state.n, holder));
      return built(buildHtlcTx(ch, state, holder, kind, p.preimage ? { preimage: fromHex(p.preimage) } : {}), htlcTxName(kind, state.htlc!, holder));
    },
  };
}

function swapTemplate(id: string, label: string, contract: SwapContract, role: 'contract' | 'refund' | 'claim'): NodeTemplate {
  return {
    id,
    label,
    async build(ctx, params) {
      const parsed = parse(swapSchema, params);
      if (!parsed.ok) return parsed;
      const p = parsed.value;
      const alice = await key(ctx, p.alice, 'swap', p.alice);
      if (!alice.ok) return alice;
      const bob = await key(ctx, p.bob, 'swap', p.bob);
      if (!bob.ok) return bob;
      const terms: SwapTerms = { alice: alice.value, bob: bob.value, hash: p.hash ? fromHex(p.hash) : PLACEHOLDER_X, start: p.start ?? ctx.time };
      const value = p.amount ? BigInt(p.amount) : contract === 'Tx1' ? COIN : 10n * COIN;
      const wraps = wrapsForEra(ctx.era);
      if (role === 'contract') {
        const out = scriptOutput(swapScript(terms, contract), wraps.script, value, 'swap', { label: `${contract}: X and ${contract === 'Tx1' ? 'Bob' : 'Alice'}, or Alice and Bob` });
        return ok({ label, tx: { version: 2, locktime: 0, inputs: unconnected(1), outputs: [out] } });
      }
      const spend = { terms, wrap: wraps.script, payout: wraps.key, value, fee: BigInt(p.fee) };
      if (role === 'refund') return built(contract === 'Tx1' ? buildTx2(spend) : buildTx4(spend), label);
      return built(buildClaim(contract, { ...spend, ...(p.secret ? { secret: fromHex(p.secret) } : {}) }), label);
    },
  };
}

function hopTemplate(id: string, label: string, role: 'offer' | 'redeem' | 'timeout'): NodeTemplate {
  return {
    id,
    label,
    async build(ctx, params) {
      const parsed = parse(hopSchema, params);
      if (!parsed.ok) return parsed;
      const p = parsed.value;
      const payer = await key(ctx, p.payer, 'htlc', p.payer);
      if (!payer.ok) return payer;
      const payee = await key(ctx, p.payee, 'htlc', p.payee);
      if (!payee.ok) return payee;
      const hop: Hop = { index: 0, payer: { name: p.payer, key: payer.value }, payee: { name: p.payee, key: payee.value }, amount: BigInt(p.amount), timeout: p.timeout ?? ctx.time + 3 * SECONDS_PER_DAY };
      const hash = p.hash ? fromHex(p.hash) : hash160(PLACEHOLDER_R);
      const wraps = wrapsForEra(ctx.era);
      const nodeLabel = `${label}-${p.payer}-${p.payee}`;
      if (role === 'offer') {
        const out = scriptOutput(hopScript(hop, hash), wraps.script, hop.amount, 'htlc', { label: `HTLC ${p.payer} → ${p.payee}` });
        return ok({ label: nodeLabel, tx: { version: 2, locktime: 0, inputs: unconnected(1), outputs: [out] } });
      }
      const spend = { hop, hash, wrap: wraps.script, fee: BigInt(p.fee), payout: wraps.key, htlc: { node: p.htlc ?? `HTLC-${p.payer}-${p.payee}`, output: 0 } };
      return built(role === 'redeem' ? buildHopRedeem(spend) : buildHopTimeout(spend), nodeLabel);
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
    const out = multisigOutput(2, [keys.alice, keys.bob], wraps.script, capacity, { label: 'Funding 2-of-2 (Alice, Bob)' });
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

export const PROTOCOL_TEMPLATES: readonly NodeTemplate[] = [
  funding,
  rsmcTemplate('commitment-a', 'C', 'alice'),
  rsmcTemplate('delivery-a', 'RD', 'alice'),
  rsmcTemplate('breach-remedy-a', 'BR', 'alice'),
  rsmcTemplate('commitment-b', 'C', 'bob'),
  rsmcTemplate('delivery-b', 'RD', 'bob'),
  rsmcTemplate('breach-remedy-b', 'BR', 'bob'),
  close,
  htlcTemplate('htlc-commitment-a', 'alice', 'C'),
  htlcTemplate('htlc-timeout', 'alice', 'HT'),
  htlcTemplate('htlc-timeout-delivery', 'alice', 'HTRD'),
  htlcTemplate('htlc-timeout-breach-remedy', 'alice', 'HTBR'),
  htlcTemplate('htlc-breach-remedy', 'alice', 'HBR'),
  htlcTemplate('htlc-commitment-b', 'bob', 'C'),
  htlcTemplate('htlc-execution', 'bob', 'HE'),
  htlcTemplate('htlc-execution-delivery', 'bob', 'HERD'),
  swapTemplate('swap-tx1', 'Tx1', 'Tx1', 'contract'),
  swapTemplate('swap-tx2', 'Tx2', 'Tx1', 'refund'),
  swapTemplate('swap-tx3', 'Tx3', 'Tx3', 'contract'),
  swapTemplate('swap-tx4', 'Tx4', 'Tx3', 'refund'),
  swapTemplate('swap-claim-tx1', claimName('Tx1'), 'Tx1', 'claim'),
  swapTemplate('swap-claim-tx3', claimName('Tx3'), 'Tx3', 'claim'),
  hopTemplate('hop-htlc', 'HTLC', 'offer'),
  hopTemplate('hop-redeem', 'Redeem', 'redeem'),
  hopTemplate('hop-timeout', 'Timeout', 'timeout'),
];
