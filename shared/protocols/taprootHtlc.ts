/**
 * The seed's HTLC (swap.ts) rewritten for Taproot (BIP341/342): one P2TR output whose internal
 * key is the MuSig2 aggregate (BIP327) of payer and payee, with two tapleaves:
 *
 *   hashlock  OP_SIZE 32 OP_EQUALVERIFY OP_SHA256 <SHA256(X)> OP_EQUALVERIFY <payee> OP_CHECKSIG
 *   refund    <timeout> OP_CHECKLOCKTIMEVERIFY OP_DROP <payer> OP_CHECKSIG
 *
 * Three ways out: both sign the key path (one key, one signature: a payment like any other),
 * the payee shows X on the hashlock leaf, or the payer takes it back on the refund leaf once
 * the timeout has passed. A leaf spend reveals that leaf and one 32-byte sibling hash; the other
 * leaf, and that there was a choice at all beyond "a key", stay hidden.
 *
 * The size check is the seed's: X is 32 bytes on both chains, so it can be used on both. The
 * refund is a CLTV leaf rather than the seed's pre-signed nLockTime refund, so nobody has to sign
 * anything for the other before funding (the seed needed that because it predates CLTV).
 */
import { type Bytes, concat, equal, toHex } from '../bitcoin/bytes';
import { sha256 } from '../bitcoin/hashes';
import { keyAgg, keySort } from '../bitcoin/musig2';
import { OP } from '../bitcoin/opcodes';
import { compileScript } from '../bitcoin/script';
import { SIGHASH_DEFAULT } from '../bitcoin/sighash';
import { TAPROOT_LEAF_TAPSCRIPT, type TapLeafSpend, type TaprootOutput, taprootOutput } from '../bitcoin/taproot';
import type { DraftOutput, PrevoutRef, TxDraft, UnlockItem } from '../workspace/model';
import { tapscriptSig, tapscriptUnlock } from '../workspace/taprootUnlock';
import { dataItem, keyOutput, type OutputMeta } from './outputs';
import { buildPayment, type ChangeDestination, type SpendableCoin } from './p2pkh';
import {
  afterFee,
  checkKeys,
  checkLockTime,
  failText,
  type KeyWrap,
  ok,
  type ProtocolResult,
  SEQUENCE_FINAL,
  SEQUENCE_LOCKTIME_ENABLED,
} from './types';

const SECRET_SIZE = 32;

export interface TaprootHtlcTerms {
  /** Compressed keys (as the wallets list them). The payer funds and may take back after `timeout`. */
  readonly payer: Bytes;
  readonly payee: Bytes;
  /** SHA256(X). */
  readonly hash: Bytes;
  /** The refund leaf's lock time (Unix time, as the seed's refunds). */
  readonly timeout: number;
}

export interface TaprootHtlc {
  /** The participants' keys in KeySort order (the MuSig2 session's). */
  readonly keys: readonly Bytes[];
  /** The MuSig2 aggregate, compressed (its x is the output's internal key). */
  readonly aggregate: Bytes;
  readonly output: TaprootOutput;
  readonly hashlock: TapLeafSpend;
  readonly refund: TapLeafSpend;
}

const xOnly = (key: Bytes): Bytes => key.subarray(1);

function hashlockScript(terms: TaprootHtlcTerms): Bytes {
  return compileScript([
    OP.OP_SIZE,
    { num: SECRET_SIZE },
    OP.OP_EQUALVERIFY,
    OP.OP_SHA256,
    terms.hash,
    OP.OP_EQUALVERIFY,
    xOnly(terms.payee),
    OP.OP_CHECKSIG,
  ]);
}

function refundScript(terms: TaprootHtlcTerms): Bytes {
  return compileScript([
    { num: terms.timeout },
    OP.OP_CHECKLOCKTIMEVERIFY,
    OP.OP_DROP,
    xOnly(terms.payer),
    OP.OP_CHECKSIG,
  ]);
}

function checkTerms(terms: TaprootHtlcTerms): ProtocolResult<true> {
  const keys = checkKeys({ payer: terms.payer, payee: terms.payee });
  if (!keys.ok) return keys;
  if (equal(terms.payer, terms.payee)) return failText('bad-key', 'protocol.taproot.sameKey', undefined, 'payee');
  if (terms.hash.length !== 32) return failText('bad-secret', 'protocol.secret.sha256Size', undefined, 'hash');
  const lock = checkLockTime(terms.timeout, 'timeout');
  return lock.ok ? ok(true) : lock;
}

/** The output and its two leaves. */
export function taprootHtlc(terms: TaprootHtlcTerms): ProtocolResult<TaprootHtlc> {
  const checked = checkTerms(terms);
  if (!checked.ok) return checked;
  const keys = keySort([terms.payer, terms.payee]);
  const aggregate = keyAgg(keys).q;
  const leaf = (script: Bytes) => ({ script, leafVersion: TAPROOT_LEAF_TAPSCRIPT });
  const output = taprootOutput(xOnly(aggregate), [leaf(hashlockScript(terms)), leaf(refundScript(terms))]);
  if (!output) return failText('bad-key', 'protocol.taproot.untweakable', undefined, 'payer');
  return ok({ keys, aggregate, output, hashlock: output.leaves[0]!, refund: output.leaves[1]! });
}

/** The P2TR output: on the chain, `OP_1 <output key>` like every other Taproot payment. */
export function taprootHtlcOutput(htlc: TaprootHtlc, value: bigint, meta: OutputMeta = {}): DraftOutput {
  return {
    value: value.toString(),
    scriptPubKey: toHex(htlc.output.scriptPubKey),
    lock: { kind: 'raw' },
    ...meta,
  };
}

export interface TaprootHtlcFunding {
  readonly terms: TaprootHtlcTerms;
  readonly coins: readonly SpendableCoin[];
  readonly amount: bigint;
  readonly fee: bigint;
  readonly change?: ChangeDestination;
  readonly label?: string;
}

/** The payer's coins to the Taproot HTLC. */
export function buildTaprootHtlcFunding(params: TaprootHtlcFunding): ProtocolResult<TxDraft> {
  const htlc = taprootHtlc(params.terms);
  if (!htlc.ok) return htlc;
  if (params.amount <= 0n) return failText('bad-amount', 'protocol.amount.notPositive', undefined, 'amount');
  return buildPayment({
    coins: params.coins,
    payees: [taprootHtlcOutput(htlc.value, params.amount, params.label ? { label: params.label } : {})],
    fee: params.fee,
    ...(params.change ? { change: params.change } : {}),
  });
}

export interface TaprootHtlcSpend {
  readonly terms: TaprootHtlcTerms;
  /** The HTLC output's value. */
  readonly value: bigint;
  readonly fee: bigint;
  readonly payout: KeyWrap;
  readonly htlcOutput: PrevoutRef;
}

function payTo(params: TaprootHtlcSpend, who: 'payer' | 'payee', label: string, value: bigint): DraftOutput {
  return keyOutput(params.terms[who], params.payout, value, { label });
}

/**
 * Both parties agree (the payee has X, or the payer gives up): the key path, one MuSig2
 * signature. `to` says who is paid. Each party's `tx.sign` adds a partial signature.
 */
export function buildKeyPathSpend(
  params: TaprootHtlcSpend & { readonly to: 'payer' | 'payee'; readonly label: string },
): ProtocolResult<TxDraft> {
  const htlc = taprootHtlc(params.terms);
  if (!htlc.ok) return htlc;
  const value = afterFee(params.value, params.fee, 'value');
  if (!value.ok) return value;
  const slot: UnlockItem = {
    kind: 'sig',
    pubKey: toHex(htlc.value.aggregate),
    sighashType: SIGHASH_DEFAULT,
    musig: {
      keys: htlc.value.keys.map(toHex),
      ...(htlc.value.output.merkleRoot ? { merkleRoot: toHex(htlc.value.output.merkleRoot) } : {}),
      partials: [],
    },
  };
  return ok({
    version: 2,
    locktime: 0,
    inputs: [
      {
        prevout: params.htlcOutput,
        sequence: SEQUENCE_FINAL,
        unlock: { scriptSig: [], witness: [slot], scriptCode: '', sigVersion: 'TAPROOT' },
      },
    ],
    outputs: [payTo(params, params.to, params.label, value.value)],
  });
}

export interface LeafSpendOptions {
  readonly label: string;
  /** A control block other than the right one (to show a spend that does not prove its leaf). */
  readonly controlBlock?: Bytes;
}

/**
 * The payee alone, with X: the hashlock leaf. X is not signed (BIP342 signs the leaf, not its
 * inputs), so the claim can be signed first and X filled in later, as in the seed.
 */
export function buildHashlockSpend(
  params: TaprootHtlcSpend & LeafSpendOptions & { readonly secret?: Bytes },
): ProtocolResult<TxDraft> {
  const htlc = taprootHtlc(params.terms);
  if (!htlc.ok) return htlc;
  if (params.secret && params.secret.length !== SECRET_SIZE)
    return failText('bad-secret', 'protocol.secret.size', { size: SECRET_SIZE }, 'secret');
  const value = afterFee(params.value, params.fee, 'value');
  if (!value.ok) return value;
  const items: UnlockItem[] = [
    tapscriptSig(toHex(params.terms.payee)),
    dataItem(params.secret ?? new Uint8Array(0), 'X'),
  ];
  const { leaf, controlBlock } = htlc.value.hashlock;
  const unlock = tapscriptUnlock({ leaf, controlBlock: params.controlBlock ?? controlBlock }, items);
  return ok({
    version: 2,
    locktime: 0,
    inputs: [{ prevout: params.htlcOutput, sequence: SEQUENCE_FINAL, unlock }],
    outputs: [payTo(params, 'payee', params.label, value.value)],
  });
}

/** The payer alone, after the timeout: the refund leaf (nLockTime = the timeout, a non-final sequence). */
export function buildRefundSpend(params: TaprootHtlcSpend & LeafSpendOptions): ProtocolResult<TxDraft> {
  const htlc = taprootHtlc(params.terms);
  if (!htlc.ok) return htlc;
  const value = afterFee(params.value, params.fee, 'value');
  if (!value.ok) return value;
  const { leaf, controlBlock } = htlc.value.refund;
  const unlock = tapscriptUnlock({ leaf, controlBlock: params.controlBlock ?? controlBlock }, [
    tapscriptSig(toHex(params.terms.payer)),
  ]);
  return ok({
    version: 2,
    locktime: params.terms.timeout,
    inputs: [{ prevout: params.htlcOutput, sequence: SEQUENCE_LOCKTIME_ENABLED, unlock }],
    outputs: [payTo(params, 'payer', params.label, value.value)],
  });
}

/** A control block that proves nothing: the right one with its sibling hash changed. */
export function tamperedControlBlock(leaf: TapLeafSpend): Bytes {
  const sibling = leaf.controlBlock.subarray(33);
  return concat(leaf.controlBlock.subarray(0, 33), sha256(sibling));
}
