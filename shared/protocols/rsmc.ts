/**
 * RSMC — Revocable Sequence Maturity Contract (Poon–Dryja), with the seed's names.
 *
 * Alice and Bob each put 0.5 BTC into Funding, a 2-of-2 of (Alice, Bob). State n of the channel
 * is a pair of commitment transactions, each spending Funding:
 *
 *   Cna  held by Alice.  #0 → 2-of-2 (Alice(n+1), Bob): Alice's balance, revocable
 *                        #1 → Bob: Bob's balance, at once
 *   RDna spends Cna#0 → Alice, nSequence = 1000 (a BIP68 relative lock: 1000 blocks after Cna)
 *   BRna spends Cna#0 → Bob, no lock: the breach remedy, possible once Bob holds Alice(n+1)
 *   Cnb / RDnb / BRnb mirror them for Bob, with Bob(n+1) as the revocation key.
 *
 * Who signs what, and when (the signatures are exchanged before anything is broadcast):
 *   1. Both build Funding but do not sign it.
 *   2. Bob signs C1a (its Funding input, Bob's slot) and RD1a (its Bob slot) and gives them to
 *      Alice; Alice signs C1b and RD1b for Bob. Nobody can cheat yet: Funding is unsigned.
 *      (This needs P2WSH: a P2SH Funding/C1a changes txid when signed, so a pre-signed child
 *      would spend nothing. The 2014 era also has no BIP68, so RD's lock would not hold there.)
 *   3. Both sign Funding and broadcast it. The channel is open.
 *   4. Paying (Alice → Bob 0.1): both build C2a/RD2a and C2b/RD2b (0.4 / 0.6) with the fresh
 *      revocation keys Alice3 and Bob3, and exchange signatures as in 2.
 *   5. Revoking state 1: Alice hands the Alice2 private key to Bob and Bob hands Bob2 to Alice
 *      (a keystore operation). Bob can now sign both slots of BR1a; Alice those of BR1b.
 *   6. Breach: if Alice broadcasts the revoked C1a, Bob broadcasts BR1a within the 1000 blocks
 *      in which RD1a cannot confirm, and takes Alice's 0.5 too. After the window RD1a wins.
 *   7. Closing: unilaterally (the closer broadcasts its latest Cn and waits 1000 blocks for RDn:
 *      whoever closes first waits, the seed's "谁发起谁吃亏") or cooperatively (one transaction
 *      from Funding paying both balances at once, signed by both).
 *
 * Fees: each pre-signed transaction pays `fee`; the holder of a commitment pays its fee from
 * its own balance (the closer pays), and each later transaction from the value it spends.
 */
import type { Bytes } from '../bitcoin/bytes';
import type { DraftOutput, PrevoutRef, TxDraft, Unlock } from '../workspace/model';
import { keyOutput, multisigItems, multisigOutput, multisigScript, scriptUnlock } from './outputs';
import {
  afterFee,
  checkKeys,
  failText,
  ok,
  type ProtocolResult,
  SEQUENCE_FINAL,
  TX_VERSION_BIP68,
  type Wraps,
} from './types';

export type Side = 'alice' | 'bob';
const SIDES: readonly Side[] = ['alice', 'bob'];
export const otherSide = (side: Side): Side => (side === 'alice' ? 'bob' : 'alice');
export const SIDE_NAME: Readonly<Record<Side, string>> = { alice: 'Alice', bob: 'Bob' };
const LETTER: Readonly<Record<Side, string>> = { alice: 'a', bob: 'b' };

/** The seed's relative lock on RD: 1000 blocks (about a week). */
export const RSMC_DELAY_BLOCKS = 1000;

export interface ChannelParams {
  /** The keys "Alice" and "Bob": Funding's 2-of-2 and each side's payouts. */
  readonly keys: Readonly<Record<Side, Bytes>>;
  readonly wraps: Wraps;
  /** Funding's output 0. */
  readonly funding: PrevoutRef;
  readonly capacity: bigint;
  /** RD's relative lock in blocks (BIP68; at most 65535). */
  readonly delay: number;
  /** The fee of each pre-signed transaction. */
  readonly fee: bigint;
}

/** An HTLC inside a state (see htlc.ts): `amount` is out of the payer's balance. */
export interface HtlcTerms {
  /** The HTLC's number in the seed's names: HT1a, HE1b, … */
  readonly index: number;
  readonly payer: Side;
  readonly amount: bigint;
  /** HASH160(R). */
  readonly hash: Bytes;
  /** Absolute: a Unix time (the seed's 3 days) or a height. */
  readonly timeout: number;
}

export interface ChannelState {
  /** 1 for C1a/C1b, 2 for C2a/C2b, … */
  readonly n: number;
  readonly balance: Readonly<Record<Side, bigint>>;
  /** This state's revocation keys: Alice(n+1) and Bob(n+1). */
  readonly revocation: Readonly<Record<Side, Bytes>>;
  readonly htlc?: HtlcTerms;
}

export type RsmcTxKind = 'C' | 'RD' | 'BR';

/** C1a, RD2b, BR1a, … */
export function rsmcTxName(kind: RsmcTxKind, n: number, holder: Side): string {
  return `${kind}${n}${LETTER[holder]}`;
}

/** A copy of a per-side record with one side changed by `delta`. */
export function adjustBalance(
  balance: Readonly<Record<Side, bigint>>,
  side: Side,
  delta: bigint,
): Record<Side, bigint> {
  return side === 'alice'
    ? { alice: balance.alice + delta, bob: balance.bob }
    : { alice: balance.alice, bob: balance.bob + delta };
}

export function sideLetter(side: Side): string {
  return LETTER[side];
}

/** The name of state n's revocation key: Alice2 for state 1, Alice3 for state 2, … */
export function revocationKeyName(side: Side, n: number): string {
  return `${SIDE_NAME[side]}${n + 1}`;
}

export function initialState(
  balance: Readonly<Record<Side, bigint>>,
  revocation: Readonly<Record<Side, Bytes>>,
): ChannelState {
  return { n: 1, balance, revocation };
}

/** The next state after a payment; the old state must then be revoked (the key handover). */
export function nextState(
  state: ChannelState,
  payment: { readonly from: Side; readonly amount: bigint },
  revocation: Readonly<Record<Side, Bytes>>,
): ProtocolResult<ChannelState> {
  if (payment.amount <= 0n) return failText('bad-amount', 'protocol.rsmc.paymentAmount', undefined, 'amount');
  if (payment.amount > state.balance[payment.from])
    return failText(
      'insufficient-funds',
      'protocol.rsmc.balanceShort',
      { side: SIDE_NAME[payment.from], balance: String(state.balance[payment.from]) },
      'amount',
    );
  const to = otherSide(payment.from);
  return ok({
    ...state,
    n: state.n + 1,
    balance: adjustBalance(adjustBalance(state.balance, payment.from, -payment.amount), to, payment.amount),
    revocation,
  });
}

export function checkState(params: ChannelParams, state: ChannelState): ProtocolResult<true> {
  const keys = checkKeys({
    'keys.alice': params.keys.alice,
    'keys.bob': params.keys.bob,
    'revocation.alice': state.revocation.alice,
    'revocation.bob': state.revocation.bob,
  });
  if (!keys.ok) return keys;
  if (!Number.isInteger(state.n) || state.n < 1)
    return failText('bad-state', 'protocol.rsmc.stateNumber', undefined, 'n');
  if (!Number.isInteger(params.delay) || params.delay < 1 || params.delay > 0xffff)
    return failText('bad-locktime', 'protocol.rsmc.delay', undefined, 'delay');
  const total = state.balance.alice + state.balance.bob + (state.htlc?.amount ?? 0n);
  if (state.balance.alice < 0n || state.balance.bob < 0n)
    return failText('bad-amount', 'protocol.rsmc.negativeBalance', undefined, 'balance');
  if (total !== params.capacity)
    return failText(
      'bad-state',
      'protocol.rsmc.capacity',
      { total: String(total), capacity: String(params.capacity) },
      'balance',
    );
  return ok(true);
}

/** The 2-of-2 behind Cn#0 (and HTLC outputs' revocable paths): the holder's revocation key and the other's key. */
export function revocableKeys(params: ChannelParams, state: ChannelState, holder: Side): [Bytes, Bytes] {
  return holder === 'alice' ? [state.revocation.alice, params.keys.bob] : [params.keys.alice, state.revocation.bob];
}

export function revocableOutput(
  params: ChannelParams,
  state: ChannelState,
  holder: Side,
  value: bigint,
  label: string,
): DraftOutput {
  const [a, b] = revocableKeys(params, state, holder);
  return multisigOutput(2, [a, b], params.wraps.script, value, { owner: SIDE_NAME[holder], label });
}

/**
 * Funding's 2-of-2 unlock, made once per channel: every commitment and the cooperative close
 * spend it, and a channel builds two commitments an update. Drafts are never changed once made
 * (withSignature copies), so they can share it; params are values, their keys never rewritten.
 */
const fundingUnlocks = new WeakMap<ChannelParams, Unlock>();

function fundingUnlock(params: ChannelParams): Unlock {
  let unlock = fundingUnlocks.get(params);
  if (!unlock) {
    const keys = [params.keys.alice, params.keys.bob];
    unlock = scriptUnlock(multisigScript(2, keys), params.wraps.script, multisigItems(keys));
    fundingUnlocks.set(params, unlock);
  }
  return unlock;
}

/**
 * Cn for `holder`, with `extra` outputs after #0 and #1 (the HTLC output #2 of htlc.ts).
 * Used by buildCommitment and buildHtlcCommitment; callers check the state first.
 */
export function commitmentDraft(
  params: ChannelParams,
  state: ChannelState,
  holder: Side,
  extra: readonly DraftOutput[],
): ProtocolResult<TxDraft> {
  const other = otherSide(holder);
  const own = afterFee(state.balance[holder], params.fee, `balance.${holder}`);
  if (!own.ok) return own;
  if (state.balance[other] <= 0n)
    return failText('bad-amount', 'protocol.rsmc.emptyBalance', { side: SIDE_NAME[other] }, `balance.${other}`);
  return ok({
    version: TX_VERSION_BIP68,
    locktime: 0,
    inputs: [{ prevout: params.funding, sequence: SEQUENCE_FINAL, unlock: fundingUnlock(params) }],
    outputs: [
      revocableOutput(
        params,
        state,
        holder,
        own.value,
        `${SIDE_NAME[holder]}, revocable by ${revocationKeyName(holder, state.n)}`,
      ),
      keyOutput(params.keys[other], params.wraps.key, state.balance[other], {
        owner: SIDE_NAME[other],
        label: `${SIDE_NAME[other]}'s balance`,
      }),
      ...extra,
    ],
  });
}

/** Cna (holder Alice) or Cnb (holder Bob). States with an HTLC are built by buildHtlcCommitment. */
export function buildCommitment(params: ChannelParams, state: ChannelState, holder: Side): ProtocolResult<TxDraft> {
  const checked = checkState(params, state);
  if (!checked.ok) return checked;
  if (state.htlc) return failText('bad-state', 'protocol.rsmc.useHtlcCommitment', undefined, 'htlc');
  return commitmentDraft(params, state, holder, []);
}

function commitmentValue(params: ChannelParams, state: ChannelState, holder: Side): bigint {
  return state.balance[holder] - params.fee;
}

/**
 * Spends a revocable 2-of-2 output (Cn#0, HE#0, HT#0): to its holder after `delay` blocks
 * (RD, HERD, HTRD) or at once to the other side (BR, HEBR, HTBR) with the handed-over key.
 */
export function revocableSpend(
  params: ChannelParams,
  state: ChannelState,
  holder: Side,
  from: PrevoutRef,
  value: bigint,
  path: 'delivery' | 'breach',
): ProtocolResult<TxDraft> {
  const out = afterFee(value, params.fee, 'value');
  if (!out.ok) return out;
  const keys = revocableKeys(params, state, holder);
  const to = path === 'delivery' ? holder : otherSide(holder);
  return ok({
    version: TX_VERSION_BIP68,
    locktime: 0,
    inputs: [
      {
        prevout: from,
        // BIP68: a sequence below 2^16 without the type flag is a lock in blocks since the parent confirmed.
        sequence: path === 'delivery' ? params.delay : SEQUENCE_FINAL,
        unlock: scriptUnlock(multisigScript(2, keys), params.wraps.script, multisigItems(keys)),
      },
    ],
    outputs: [
      keyOutput(params.keys[to], params.wraps.key, out.value, {
        owner: SIDE_NAME[to],
        label: path === 'delivery' ? 'after the relative lock' : 'breach remedy',
      }),
    ],
  });
}

/** RDna: Cna#0 → Alice after 1000 blocks. Bob signs it when he signs Cna; Alice signs with Alice(n+1) at broadcast. */
export function buildRevocableDelivery(
  params: ChannelParams,
  state: ChannelState,
  holder: Side,
  commitment?: PrevoutRef,
): ProtocolResult<TxDraft> {
  const checked = checkState(params, state);
  if (!checked.ok) return checked;
  const from = commitment ?? { node: rsmcTxName('C', state.n, holder), output: 0 };
  return revocableSpend(params, state, holder, from, commitmentValue(params, state, holder), 'delivery');
}

/** BRna: Cna#0 → Bob at once, signed by Bob alone with Alice(n+1) (handed over) and his own key. */
export function buildBreachRemedy(
  params: ChannelParams,
  state: ChannelState,
  holder: Side,
  commitment?: PrevoutRef,
): ProtocolResult<TxDraft> {
  const checked = checkState(params, state);
  if (!checked.ok) return checked;
  const from = commitment ?? { node: rsmcTxName('C', state.n, holder), output: 0 };
  return revocableSpend(params, state, holder, from, commitmentValue(params, state, holder), 'breach');
}

/** Cn and RDn for both sides: what the two exchange signatures on for state n. */
export function buildStateTransactions(
  params: ChannelParams,
  state: ChannelState,
): ProtocolResult<Record<string, TxDraft>> {
  // The state is checked once here, not by each of the four builders (a channel builds these every update).
  const checked = checkState(params, state);
  if (!checked.ok) return checked;
  if (state.htlc) return failText('bad-state', 'protocol.rsmc.useHtlcCommitment', undefined, 'htlc');
  const out: Record<string, TxDraft> = {};
  for (const holder of SIDES) {
    const c = commitmentDraft(params, state, holder, []);
    if (!c.ok) return c;
    const name = rsmcTxName('C', state.n, holder);
    const value = commitmentValue(params, state, holder);
    const rd = revocableSpend(params, state, holder, { node: name, output: 0 }, value, 'delivery');
    if (!rd.ok) return rd;
    out[name] = c.value;
    out[rsmcTxName('RD', state.n, holder)] = rd.value;
  }
  return ok(out);
}

/** Unilateral close by `closer`: its latest commitment, then (1000 blocks later) its RD. */
export function buildUnilateralClose(
  params: ChannelParams,
  state: ChannelState,
  closer: Side,
): ProtocolResult<{ commitment: TxDraft; delivery: TxDraft }> {
  const commitment = buildCommitment(params, state, closer);
  if (!commitment.ok) return commitment;
  const delivery = buildRevocableDelivery(params, state, closer);
  if (!delivery.ok) return delivery;
  return ok({ commitment: commitment.value, delivery: delivery.value });
}

/**
 * Cooperative close: Funding → both balances at once, no lock, signed by both. Each pays its
 * share of the fee; a side whose balance is empty gets no output.
 */
export function buildCooperativeClose(
  params: ChannelParams,
  state: ChannelState,
  feeShare: Readonly<Record<Side, bigint>>,
): ProtocolResult<TxDraft> {
  const checked = checkState(params, state);
  if (!checked.ok) return checked;
  if (state.htlc) return failText('bad-state', 'protocol.rsmc.settleFirst', undefined, 'htlc');
  const outputs: DraftOutput[] = [];
  for (const side of SIDES) {
    if (state.balance[side] === 0n && feeShare[side] === 0n) continue;
    const value = afterFee(state.balance[side], feeShare[side], `balance.${side}`);
    if (!value.ok) return value;
    outputs.push(
      keyOutput(params.keys[side], params.wraps.key, value.value, {
        owner: SIDE_NAME[side],
        label: `${SIDE_NAME[side]}'s closing balance`,
      }),
    );
  }
  return ok({
    version: TX_VERSION_BIP68,
    locktime: 0,
    inputs: [{ prevout: params.funding, sequence: SEQUENCE_FINAL, unlock: fundingUnlock(params) }],
    outputs,
  });
}
