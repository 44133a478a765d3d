/**
 * Output scripts (P2PKH, P2WPKH, P2SH, P2WSH, m-of-n multisig) as draft outputs, and the unlock
 * templates that spend them: which signature slots, which pushes, which script, which sighash
 * algorithm. Every protocol builder is made of these.
 */
import { type Bytes, toHex } from '../bitcoin/bytes';
import { hash160, sha256 } from '../bitcoin/hashes';
import { OP } from '../bitcoin/opcodes';
import { compileScript } from '../bitcoin/script';
import { SIGHASH_ALL } from '../bitcoin/signatureEncoding';
import type { DraftOutput, LockDescriptor, TxDraft, Unlock, UnlockItem } from '../workspace/model';
import type { KeyWrap, ScriptWrap } from './types';

export interface OutputMeta {
  /** The wallet this output pays (shown on the node). */
  readonly owner?: string;
  readonly label?: string;
}

export function outputValue(output: DraftOutput): bigint {
  return BigInt(output.value);
}

export function p2pkhScriptPubKey(pubKey: Bytes): Bytes {
  return compileScript([OP.OP_DUP, OP.OP_HASH160, hash160(pubKey), OP.OP_EQUALVERIFY, OP.OP_CHECKSIG]);
}

export function p2wpkhScriptPubKey(pubKey: Bytes): Bytes {
  return compileScript([OP.OP_0, hash160(pubKey)]);
}

function p2shScriptPubKey(redeemScript: Bytes): Bytes {
  return compileScript([OP.OP_HASH160, hash160(redeemScript), OP.OP_EQUAL]);
}

function p2wshScriptPubKey(witnessScript: Bytes): Bytes {
  return compileScript([OP.OP_0, sha256(witnessScript)]);
}

export function keyScriptPubKey(pubKey: Bytes, wrap: KeyWrap): Bytes {
  return wrap === 'p2pkh' ? p2pkhScriptPubKey(pubKey) : p2wpkhScriptPubKey(pubKey);
}

function scriptPubKeyFor(script: Bytes, wrap: ScriptWrap): Bytes {
  return wrap === 'p2sh' ? p2shScriptPubKey(script) : p2wshScriptPubKey(script);
}

/** `m <key1> … <keyn> n OP_CHECKMULTISIG`, keys in the order given (the seed names Alice first). */
export function multisigScript(required: number, pubKeys: readonly Bytes[]): Bytes {
  if (required < 1 || required > pubKeys.length || pubKeys.length > 16)
    throw new RangeError('multisig needs 1 ≤ m ≤ n ≤ 16');
  return compileScript([OP.OP_1 + required - 1, ...pubKeys, OP.OP_1 + pubKeys.length - 1, OP.OP_CHECKMULTISIG]);
}

/** A draft output with the meta's fields that are present, as one literal (spreading copies cost more than the rest). */
function draftOutput(value: bigint, scriptPubKey: string, lock: LockDescriptor, meta: OutputMeta): DraftOutput {
  const { owner, label } = meta;
  const sats = value.toString();
  if (owner === undefined)
    return label === undefined ? { value: sats, scriptPubKey, lock } : { value: sats, scriptPubKey, lock, label };
  return label === undefined
    ? { value: sats, scriptPubKey, lock, owner }
    : { value: sats, scriptPubKey, lock, owner, label };
}

/**
 * Key scripts in hex by wrap and key hex: a channel pays the same two keys in every state, and
 * HASH160 costs more than the rest of an output. Bounded: emptied when it grows past the limit.
 */
const keyScripts: Record<KeyWrap, Map<string, string>> = { p2pkh: new Map(), p2wpkh: new Map() };
const KEY_SCRIPTS_KEPT = 4096;

function keyScriptHex(pubKey: Bytes, pubKeyHex: string, wrap: KeyWrap): string {
  const kept = keyScripts[wrap];
  let script = kept.get(pubKeyHex);
  if (script === undefined) {
    script = toHex(keyScriptPubKey(pubKey, wrap));
    if (kept.size >= KEY_SCRIPTS_KEPT) kept.clear();
    kept.set(pubKeyHex, script);
  }
  return script;
}

export function keyOutput(pubKey: Bytes, wrap: KeyWrap, value: bigint, meta: OutputMeta = {}): DraftOutput {
  const pubKeyHex = toHex(pubKey);
  const lock: LockDescriptor = { kind: wrap, pubKey: pubKeyHex };
  return draftOutput(value, keyScriptHex(pubKey, pubKeyHex, wrap), lock, meta);
}

/** A P2SH/P2WSH output of any script; `template` names it for display (e.g. `htlc`, `swap`). */
export function scriptOutput(
  script: Bytes,
  wrap: ScriptWrap,
  value: bigint,
  template: string,
  meta: OutputMeta & { summary?: string } = {},
): DraftOutput {
  const lock: LockDescriptor = {
    kind: 'script',
    script: toHex(script),
    wrap,
    template,
    ...(meta.summary !== undefined ? { summary: meta.summary } : {}),
  };
  return draftOutput(value, toHex(scriptPubKeyFor(script, wrap)), lock, meta);
}

export function multisigOutput(
  required: number,
  pubKeys: readonly Bytes[],
  wrap: ScriptWrap,
  value: bigint,
  meta: OutputMeta = {},
): DraftOutput {
  const script = multisigScript(required, pubKeys);
  const lock: LockDescriptor = { kind: 'multisig', required, pubKeys: pubKeys.map(toHex), wrap };
  return draftOutput(value, toHex(scriptPubKeyFor(script, wrap)), lock, meta);
}

// ---- unlock items and templates ----

export function sigSlot(pubKey: Bytes, sighashType: number = SIGHASH_ALL): UnlockItem {
  return { kind: 'sig', pubKey: toHex(pubKey), sighashType };
}

export function dataItem(data: Bytes, label: string): UnlockItem {
  return { kind: 'data', hex: toHex(data), label };
}

/** CHECKMULTISIG pops one item too many (an old off-by-one); NULLDUMMY wants it empty. */
const MULTISIG_DUMMY: UnlockItem = Object.freeze({ kind: 'data', hex: '', label: 'dummy' });
/** OP_IF's selectors, minimal as MINIMALIF requires in P2WSH: 0x01 is true, empty is false. */
export const BRANCH_TRUE: UnlockItem = Object.freeze({ kind: 'data', hex: '01', label: 'IF branch' });
export const BRANCH_FALSE: UnlockItem = Object.freeze({ kind: 'data', hex: '', label: 'ELSE branch' });

/** `<sig> <pubkey>`: in the scriptSig for P2PKH, in the witness (BIP143 digest) for P2WPKH. */
export function keyUnlock(pubKey: Bytes, wrap: KeyWrap): Unlock {
  const items: UnlockItem[] = [sigSlot(pubKey), { kind: 'pubkey', pubKey: toHex(pubKey) }];
  return wrap === 'p2pkh'
    ? { scriptSig: items, witness: [], scriptCode: toHex(p2pkhScriptPubKey(pubKey)), sigVersion: 'BASE' }
    : // BIP143: a P2WPKH input signs the P2PKH script of its key hash.
      { scriptSig: [], witness: items, scriptCode: toHex(p2pkhScriptPubKey(pubKey)), sigVersion: 'WITNESS_V0' };
}

/**
 * Spending a P2SH/P2WSH script: `items`, then the script itself as the last push. The script is
 * also the scriptCode the signatures commit to.
 */
export function scriptUnlock(script: Bytes, wrap: ScriptWrap, items: readonly UnlockItem[]): Unlock {
  const hex = toHex(script);
  const all: UnlockItem[] = [...items, { kind: 'script', hex }];
  return wrap === 'p2sh'
    ? { scriptSig: all, witness: [], scriptCode: hex, sigVersion: 'BASE' }
    : { scriptSig: [], witness: all, scriptCode: hex, sigVersion: 'WITNESS_V0' };
}

/** The dummy, then one slot per signer in the script's key order (CHECKMULTISIG needs that order). */
export function multisigItems(signers: readonly Bytes[]): UnlockItem[] {
  return [MULTISIG_DUMMY, ...signers.map((k) => sigSlot(k))];
}

export function multisigUnlock(script: Bytes, signers: readonly Bytes[], wrap: ScriptWrap): Unlock {
  return scriptUnlock(script, wrap, multisigItems(signers));
}

/** Sets the data item labelled `label` (a secret added after signing: signatures do not cover it). */
export function withDataItem(draft: TxDraft, label: string, data: Bytes): TxDraft {
  const fill = (item: UnlockItem): UnlockItem =>
    item.kind === 'data' && item.label === label ? { ...item, hex: toHex(data) } : item;
  return {
    ...draft,
    inputs: draft.inputs.map((input) => ({
      ...input,
      unlock: { ...input.unlock, scriptSig: input.unlock.scriptSig.map(fill), witness: input.unlock.witness.map(fill) },
    })),
  };
}
