/**
 * Multi-hop payment, the seed's example: Alice pays Dave 0.05 BTC through Bob and Carol.
 *
 *   Dave makes R and gives H(R) to Alice (R and H(R) are the two halves of a tally).
 *   Alice → Bob    0.052 BTC if Bob shows R within 3 days, else back to Alice
 *   Bob   → Carol  0.051 BTC if Carol shows R within 2 days, else back to Bob
 *   Carol → Dave   0.050 BTC if Dave shows R within 1 day,  else back to Carol
 *
 * Dave shows R to take his 0.05; that tells Carol R, who takes 0.051; then Bob takes 0.052. Each
 * middle hop keeps 0.001. Each timeout is a day shorter than the one before it, so a hop that
 * learns R downstream always has at least a day left upstream. If Dave never shows R, the HTLCs
 * time out in order: Carol's after 1 day, Bob's after 2, Alice's after 3.
 *
 * Each hop's HTLC is shown as the contract its channel would enforce on chain, with the seed's
 * shape (hash the top item, compare, branch) and the timeout inside the script (BIP65):
 *
 *   OP_HASH160 <HASH160(R)> OP_EQUAL
 *   OP_IF    <payee>
 *   OP_ELSE  <timeout> OP_CHECKLOCKTIMEVERIFY OP_DROP <payer>
 *   OP_ENDIF OP_CHECKSIG
 *
 * Inside a channel the same two branches are the HE/HT transactions of htlc.ts.
 */
import { type Bytes, equal } from '../bitcoin/bytes';
import { OP } from '../bitcoin/opcodes';
import { compileScript } from '../bitcoin/script';
import type { PrevoutRef, TxDraft } from '../workspace/model';
import { htlcHash } from './htlc';
import { dataItem, keyOutput, scriptOutput, scriptUnlock, sigSlot } from './outputs';
import { buildPayment, type ChangeDestination, type SpendableCoin } from './p2pkh';
import {
  afterFee,
  checkKey,
  checkLockTime,
  failText,
  type KeyWrap,
  ok,
  type ProtocolResult,
  type ScriptWrap,
  SECONDS_PER_DAY,
  SEQUENCE_FINAL,
  SEQUENCE_LOCKTIME_ENABLED,
} from './types';

export interface RouteNode {
  readonly name: string;
  readonly key: Bytes;
}

export interface Hop {
  /** 0 for the first hop (Alice → Bob). */
  readonly index: number;
  readonly payer: RouteNode;
  readonly payee: RouteNode;
  readonly amount: bigint;
  /** Absolute Unix time after which the payer can take the HTLC back. */
  readonly timeout: number;
}

export interface RouteParams {
  /** Payer first, final payee last: [Alice, Bob, Carol, Dave]. */
  readonly path: readonly RouteNode[];
  /** What the final payee receives (0.05 BTC). */
  readonly amount: bigint;
  /** What each middle node keeps (0.001 BTC). */
  readonly feePerHop: bigint;
  /** When the route is set up (the chain's clock). */
  readonly start: number;
  /** How much earlier each next hop times out (the seed: one day). */
  readonly step?: number;
}

/** The hops, first to last: amounts grow and timeouts lengthen towards the payer. */
export function planRoute(params: RouteParams): ProtocolResult<readonly Hop[]> {
  if (params.path.length < 2) return failText('bad-route', 'protocol.route.tooShort', undefined, 'path');
  for (const [i, node] of params.path.entries()) {
    const key = checkKey(node.key, `path.${i}.key`);
    if (!key.ok) return key;
  }
  if (params.amount <= 0n || params.feePerHop < 0n)
    return failText('bad-amount', 'protocol.route.amounts', undefined, 'amount');
  const step = params.step ?? SECONDS_PER_DAY;
  if (!Number.isInteger(step) || step <= 0) return failText('bad-locktime', 'protocol.route.step', undefined, 'step');
  const count = params.path.length - 1;
  const hops: Hop[] = [];
  for (let i = 0; i < count; i++) {
    const later = BigInt(count - 1 - i);
    const timeout = checkLockTime(params.start + step * (count - i), 'start');
    if (!timeout.ok) return timeout;
    hops.push({
      index: i,
      payer: params.path[i]!,
      payee: params.path[i + 1]!,
      amount: params.amount + params.feePerHop * later,
      timeout: timeout.value,
    });
  }
  return ok(hops);
}

/** Draft ids for a hop's transactions: `HTLC-Alice-Bob`, `Redeem-Alice-Bob`, `Timeout-Alice-Bob`. */
export function hopTxName(hop: Hop, kind: 'HTLC' | 'Redeem' | 'Timeout'): string {
  return `${kind}-${hop.payer.name}-${hop.payee.name}`;
}

export function hopScript(hop: Hop, hash: Bytes): Bytes {
  return compileScript([
    OP.OP_HASH160,
    hash,
    OP.OP_EQUAL,
    OP.OP_IF,
    hop.payee.key,
    OP.OP_ELSE,
    { num: hop.timeout },
    OP.OP_CHECKLOCKTIMEVERIFY,
    OP.OP_DROP,
    hop.payer.key,
    OP.OP_ENDIF,
    OP.OP_CHECKSIG,
  ]);
}

export interface HopOfferParams {
  readonly hop: Hop;
  /** HASH160(R), the same for every hop. */
  readonly hash: Bytes;
  readonly wrap: ScriptWrap;
  /** The payer's coins, change and fee. */
  readonly coins: readonly SpendableCoin[];
  readonly change?: ChangeDestination;
  readonly fee: bigint;
}

/** The payer locks the hop's amount in the HTLC (output 0). */
export function buildHopOffer(params: HopOfferParams): ProtocolResult<TxDraft> {
  if (params.hash.length !== 20) return failText('bad-secret', 'protocol.route.hashSize', undefined, 'hash');
  const { hop } = params;
  const htlc = scriptOutput(hopScript(hop, params.hash), params.wrap, hop.amount, 'htlc', {
    label: `HTLC ${hop.payer.name} → ${hop.payee.name}`,
    summary: `${hop.payee.name} with R, or ${hop.payer.name} after ${hop.timeout}`,
  });
  return buildPayment({
    coins: params.coins,
    payees: [htlc],
    fee: params.fee,
    ...(params.change ? { change: params.change } : {}),
  });
}

export interface HopSpendParams {
  readonly hop: Hop;
  readonly hash: Bytes;
  readonly wrap: ScriptWrap;
  /** The HTLC output (default: output 0 of the draft named by hopTxName(hop, 'HTLC')). */
  readonly htlc?: PrevoutRef;
  readonly fee: bigint;
  /** How the spender is paid. */
  readonly payout: KeyWrap;
}

/** The payee takes the HTLC with R: `<sig> <R>` takes the IF branch. R can be filled in later (htlc.ts withPreimage). */
export function buildHopRedeem(params: HopSpendParams & { readonly preimage?: Bytes }): ProtocolResult<TxDraft> {
  const { hop } = params;
  if (params.preimage && !equal(htlcHash(params.preimage), params.hash))
    return failText('bad-secret', 'protocol.route.wrongPreimage', undefined, 'preimage');
  const value = afterFee(hop.amount, params.fee, 'fee');
  if (!value.ok) return value;
  const items = [sigSlot(hop.payee.key), dataItem(params.preimage ?? new Uint8Array(0), 'R')];
  return ok({
    version: 2,
    locktime: 0,
    inputs: [
      {
        prevout: params.htlc ?? { node: hopTxName(hop, 'HTLC'), output: 0 },
        sequence: SEQUENCE_FINAL,
        unlock: scriptUnlock(hopScript(hop, params.hash), params.wrap, items),
      },
    ],
    outputs: [
      keyOutput(hop.payee.key, params.payout, value.value, {
        owner: hop.payee.name,
        label: `${hop.payee.name} redeems with R`,
      }),
    ],
  });
}

/**
 * The payer takes the HTLC back after the timeout: nLockTime = the timeout (CLTV compares the
 * script's value with it) and a non-final sequence (or nLockTime would not count).
 */
export function buildHopTimeout(params: HopSpendParams): ProtocolResult<TxDraft> {
  const { hop } = params;
  const value = afterFee(hop.amount, params.fee, 'fee');
  if (!value.ok) return value;
  const items = [sigSlot(hop.payer.key), dataItem(new Uint8Array(0), 'not R')];
  return ok({
    version: 2,
    locktime: hop.timeout,
    inputs: [
      {
        prevout: params.htlc ?? { node: hopTxName(hop, 'HTLC'), output: 0 },
        sequence: SEQUENCE_LOCKTIME_ENABLED,
        unlock: scriptUnlock(hopScript(hop, params.hash), params.wrap, items),
      },
    ],
    outputs: [
      keyOutput(hop.payer.key, params.payout, value.value, {
        owner: hop.payer.name,
        label: `${hop.payer.name} after the timeout`,
      }),
    ],
  });
}
