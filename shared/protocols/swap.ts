/**
 * Atomic cross-chain swap, Tier Nolan's protocol (bitcointalk 2013) with the seed's names.
 * Alice has 1 BTC, Bob 10 LTC; Alice picks a secret X.
 *
 *   Tx1 (BTC)  Alice's 1 BTC to "hash(X) and Bob's signature, or Alice's and Bob's signatures".
 *   Tx2 (BTC)  Tx1 back to Alice through the 2-of-2 branch, nLockTime 48 h later. Alice builds it,
 *              Bob signs it and returns it *before* Tx1 is broadcast: Alice never depends on Bob.
 *   Tx3 (LTC)  Bob's 10 LTC to "hash(X) and Alice's signature, or both signatures".
 *   Tx4 (LTC)  Tx3 back to Bob, nLockTime 24 h later, signed by Alice before Tx3 is broadcast.
 *   Alice claims Tx3 with X (revealing it on the LTC chain); Bob reads X there and claims Tx1.
 *
 * Bob's refund opens a day before Alice's, so once Alice reveals X (she must, before 24 h, or Bob
 * refunds) Bob still has a day to claim Tx1 before Tx2 can take it back.
 *
 * X is 32 bytes and the scripts check SHA256(X) after `OP_SIZE 32 OP_EQUALVERIFY`:
 *  - SHA256 with a 32-byte digest is the same opcode with the same result on both chains, and is
 *    what today's HTLC swap contracts commit to (decred/atomicswap moved from RIPEMD160 to it);
 *  - the size check stops Alice from choosing an X that one chain would accept and the other
 *    could not push (chains may differ in their push-size limits): she could claim Bob's coins
 *    with it while Bob could never use it to claim hers.
 *
 * The refunds are pre-signed nLockTime transactions because the protocol predates
 * OP_CHECKLOCKTIMEVERIFY. They spend Tx1/Tx3 by txid, so a malleated Tx1 (legacy inputs, 2014)
 * would strand them; with witness inputs the txid is fixed before anyone signs.
 */
import { type Bytes, equal } from '../bitcoin/bytes';
import { sha256 } from '../bitcoin/hashes';
import { OP } from '../bitcoin/opcodes';
import { compileScript } from '../bitcoin/script';
import type { TxLike } from '../bitcoin/txTypes';
import type { PrevoutRef, TxDraft } from '../workspace/model';
import { findPreimage } from './inspect';
import {
  BRANCH_FALSE,
  BRANCH_TRUE,
  dataItem,
  keyOutput,
  multisigItems,
  scriptOutput,
  scriptUnlock,
  sigSlot,
  withDataItem,
} from './outputs';
import { buildPayment, type ChangeDestination, type SpendableCoin } from './p2pkh';
import {
  afterFee,
  checkKeys,
  checkLockTime,
  failText,
  type KeyWrap,
  ok,
  type ProtocolResult,
  type ScriptWrap,
  SECONDS_PER_HOUR,
  SEQUENCE_FINAL,
  SEQUENCE_LOCKTIME_ENABLED,
} from './types';

const SWAP_SECRET_SIZE = 32;
/** Tx2 (Alice's refund) and Tx4 (Bob's) open this long after the start. */
const TX2_DELAY = 48 * SECONDS_PER_HOUR;
const TX4_DELAY = 24 * SECONDS_PER_HOUR;

export type SwapContract = 'Tx1' | 'Tx3';

export interface SwapTerms {
  readonly alice: Bytes;
  readonly bob: Bytes;
  /** SHA256(X). */
  readonly hash: Bytes;
  /** When the swap is set up (Unix time): the refunds count from it. */
  readonly start: number;
}

export function swapHash(secret: Bytes): ProtocolResult<Bytes> {
  if (secret.length !== SWAP_SECRET_SIZE)
    return failText('bad-secret', 'protocol.secret.size', { size: SWAP_SECRET_SIZE }, 'secret');
  return ok(sha256(secret));
}

/** Tx1's claimer is Bob (he gets the BTC), Tx3's is Alice (she gets the LTC). */
function claimer(terms: SwapTerms, contract: SwapContract): { key: Bytes; name: string } {
  return contract === 'Tx1' ? { key: terms.bob, name: 'Bob' } : { key: terms.alice, name: 'Alice' };
}

function refunder(terms: SwapTerms, contract: SwapContract): { key: Bytes; name: string } {
  return contract === 'Tx1' ? { key: terms.alice, name: 'Alice' } : { key: terms.bob, name: 'Bob' };
}

/**
 *   OP_IF    OP_SIZE 32 OP_EQUALVERIFY OP_SHA256 <SHA256(X)> OP_EQUALVERIFY <claimer> OP_CHECKSIG
 *   OP_ELSE  2 <Alice> <Bob> 2 OP_CHECKMULTISIG
 *   OP_ENDIF
 */
export function swapScript(terms: SwapTerms, contract: SwapContract): Bytes {
  return compileScript([
    OP.OP_IF,
    OP.OP_SIZE,
    { num: SWAP_SECRET_SIZE },
    OP.OP_EQUALVERIFY,
    OP.OP_SHA256,
    terms.hash,
    OP.OP_EQUALVERIFY,
    claimer(terms, contract).key,
    OP.OP_CHECKSIG,
    OP.OP_ELSE,
    OP.OP_2,
    terms.alice,
    terms.bob,
    OP.OP_2,
    OP.OP_CHECKMULTISIG,
    OP.OP_ENDIF,
  ]);
}

function checkTerms(terms: SwapTerms): ProtocolResult<true> {
  const keys = checkKeys({ alice: terms.alice, bob: terms.bob });
  if (!keys.ok) return keys;
  if (terms.hash.length !== 32) return failText('bad-secret', 'protocol.secret.sha256Size', undefined, 'hash');
  return ok(true);
}

export interface SwapFundingParams {
  readonly terms: SwapTerms;
  readonly wrap: ScriptWrap;
  /** The funder's coins (Alice's BTC for Tx1, Bob's LTC for Tx3), change and fee. */
  readonly coins: readonly SpendableCoin[];
  readonly amount: bigint;
  readonly fee: bigint;
  readonly change?: ChangeDestination;
}

function buildContract(contract: SwapContract, params: SwapFundingParams): ProtocolResult<TxDraft> {
  const terms = checkTerms(params.terms);
  if (!terms.ok) return terms;
  if (params.amount <= 0n) return failText('bad-amount', 'protocol.swap.amount', undefined, 'amount');
  const who = claimer(params.terms, contract);
  const output = scriptOutput(swapScript(params.terms, contract), params.wrap, params.amount, 'swap', {
    label: `${contract}: X and ${who.name}, or Alice and Bob`,
    summary: `SHA256(X) and ${who.name}'s signature, or 2-of-2 (Alice, Bob)`,
  });
  return buildPayment({
    coins: params.coins,
    payees: [output],
    fee: params.fee,
    ...(params.change ? { change: params.change } : {}),
  });
}

/** Tx1 (on BTC): Alice's coins to the contract that Bob claims with X. */
export function buildTx1(params: SwapFundingParams): ProtocolResult<TxDraft> {
  return buildContract('Tx1', params);
}

/** Tx3 (on LTC): Bob's coins to the contract that Alice claims with X. */
export function buildTx3(params: SwapFundingParams): ProtocolResult<TxDraft> {
  return buildContract('Tx3', params);
}

export interface SwapSpendParams {
  readonly terms: SwapTerms;
  readonly wrap: ScriptWrap;
  readonly payout: KeyWrap;
  /** The contract's value (Tx1/Tx3 output 0). */
  readonly value: bigint;
  readonly fee: bigint;
  /** Default: output 0 of the draft named Tx1 / Tx3. */
  readonly contractOutput?: PrevoutRef;
}

function buildRefund(contract: SwapContract, params: SwapSpendParams): ProtocolResult<TxDraft> {
  const terms = checkTerms(params.terms);
  if (!terms.ok) return terms;
  const lock = checkLockTime(params.terms.start + (contract === 'Tx1' ? TX2_DELAY : TX4_DELAY), 'start');
  if (!lock.ok) return lock;
  const value = afterFee(params.value, params.fee, 'value');
  if (!value.ok) return value;
  const to = refunder(params.terms, contract);
  const items = [...multisigItems([params.terms.alice, params.terms.bob]), BRANCH_FALSE];
  return ok({
    version: 2,
    locktime: lock.value,
    // Non-final, or nLockTime would not hold it back.
    inputs: [
      {
        prevout: params.contractOutput ?? { node: contract, output: 0 },
        sequence: SEQUENCE_LOCKTIME_ENABLED,
        unlock: scriptUnlock(swapScript(params.terms, contract), params.wrap, items),
      },
    ],
    outputs: [keyOutput(to.key, params.payout, value.value, { owner: to.name, label: `${to.name}'s refund` })],
  });
}

/** Tx2: Tx1 back to Alice after 48 h. Bob signs his slot before Tx1 is broadcast; Alice hers whenever. */
export function buildTx2(params: SwapSpendParams): ProtocolResult<TxDraft> {
  return buildRefund('Tx1', params);
}

/** Tx4: Tx3 back to Bob after 24 h. Alice signs her slot before Tx3 is broadcast. */
export function buildTx4(params: SwapSpendParams): ProtocolResult<TxDraft> {
  return buildRefund('Tx3', params);
}

/** Draft ids of the claims: `Tx1-claim` (Bob's, on BTC) and `Tx3-claim` (Alice's, on LTC). */
export function claimName(contract: SwapContract): string {
  return `${contract}-claim`;
}

/**
 * The claim of a contract with X: `<claimer's sig> <X> 1`. X is not signed, so the claim can be
 * built and signed first and X filled in with `withSecret`.
 */
export function buildClaim(
  contract: SwapContract,
  params: SwapSpendParams & { readonly secret?: Bytes },
): ProtocolResult<TxDraft> {
  const terms = checkTerms(params.terms);
  if (!terms.ok) return terms;
  if (params.secret) {
    const hash = swapHash(params.secret);
    if (!hash.ok) return hash;
    if (!equal(hash.value, params.terms.hash))
      return failText('bad-secret', 'protocol.swap.wrongSecret', undefined, 'secret');
  }
  const value = afterFee(params.value, params.fee, 'value');
  if (!value.ok) return value;
  const to = claimer(params.terms, contract);
  const items = [sigSlot(to.key), dataItem(params.secret ?? new Uint8Array(0), 'X'), BRANCH_TRUE];
  return ok({
    version: 2,
    locktime: 0,
    inputs: [
      {
        prevout: params.contractOutput ?? { node: contract, output: 0 },
        sequence: SEQUENCE_FINAL,
        unlock: scriptUnlock(swapScript(params.terms, contract), params.wrap, items),
      },
    ],
    outputs: [
      keyOutput(to.key, params.payout, value.value, { owner: to.name, label: `${to.name} claims ${contract} with X` }),
    ],
  });
}

export function withSecret(draft: TxDraft, secret: Bytes): TxDraft {
  return withDataItem(draft, 'X', secret);
}

/** X from a published claim: the 32-byte item of any input whose SHA256 is the swap's hash. */
export function extractSecret(tx: TxLike, hash: Bytes): Bytes | undefined {
  const found = findPreimage(tx, hash, sha256);
  return found && found.length === SWAP_SECRET_SIZE ? found : undefined;
}
