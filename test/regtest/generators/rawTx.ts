/**
 * A transaction as plain fields with its own serializer, for the policy-rule generators: values
 * are signed 64-bit (negative and above MAX_MONEY), and size and weight are known before the fee
 * is chosen. The fields have bitcoinjs' names, so the engine's sighash functions read it as is.
 * Every coin these cases spend is keyless (P2SH / P2WSH scripts that need no signature), so a
 * transaction's size never depends on a signature's length.
 */
import { concat, type Bytes, toHex } from '../../../shared/bitcoin/bytes';
import { OP } from '../../../shared/bitcoin/opcodes';
import { pushData } from '../../../shared/bitcoin/script';
import type { Prevout } from '../../../shared/bitcoin/txTypes';
import type { Outpoint } from './cases';
import { p2shScript, p2wshScript } from './spend';

export interface RawInput {
  readonly hash: Bytes;
  readonly index: number;
  script: Bytes;
  sequence: number;
  witness: Bytes[];
}

export interface RawOutput {
  value: bigint;
  readonly script: Bytes;
}

export interface RawTx {
  version: number;
  locktime: number;
  readonly ins: RawInput[];
  readonly outs: RawOutput[];
}

const u32 = (n: number): Bytes => {
  const b = new Uint8Array(4);
  new DataView(b.buffer).setUint32(0, n >>> 0, true);
  return b;
};

const i64 = (v: bigint): Bytes => {
  const b = new Uint8Array(8);
  new DataView(b.buffer).setBigUint64(0, BigInt.asUintN(64, v), true);
  return b;
};

export function varInt(n: number): Bytes {
  if (n < 0xfd) return Uint8Array.of(n);
  if (n <= 0xffff) return Uint8Array.of(0xfd, n & 0xff, n >> 8);
  return concat(Uint8Array.of(0xfe), u32(n));
}

const withLength = (b: Bytes): Bytes => concat(varInt(b.length), b);

export function serialize(tx: RawTx, witness = true): Bytes {
  const hasWitness = witness && tx.ins.some((i) => i.witness.length > 0);
  const parts: Bytes[] = [u32(tx.version)];
  if (hasWitness) parts.push(Uint8Array.of(0, 1));
  parts.push(varInt(tx.ins.length));
  for (const i of tx.ins) parts.push(i.hash, u32(i.index), withLength(i.script), u32(i.sequence));
  parts.push(varInt(tx.outs.length));
  for (const o of tx.outs) parts.push(i64(o.value), withLength(o.script));
  if (hasWitness) for (const i of tx.ins) parts.push(varInt(i.witness.length), ...i.witness.map(withLength));
  parts.push(u32(tx.locktime));
  return concat(...parts);
}

export const txHex = (tx: RawTx): string => toHex(serialize(tx));
export const weightOf = (tx: RawTx): number => serialize(tx, false).length * 3 + serialize(tx).length;
/** GetVirtualTransactionSize(tx): no sigop adjustment. */
export const vsizeOf = (tx: RawTx): number => Math.ceil(weightOf(tx) / 4);

/** A script that needs no signature, and how it is wrapped. */
export type KeylessWrap = 'sh' | 'wsh' | 'sh-wsh';

export interface KeylessCoin {
  readonly label: string;
  readonly wrap: KeylessWrap;
  readonly script: Bytes;
  /** Its share of GetTransactionSigOpCost when spent: P2SH sigops × 4, witness sigops × 1. */
  readonly sigopCost: number;
  readonly amount: bigint;
  outpoint?: Outpoint;
}

export function keylessScriptPubKey(c: Pick<KeylessCoin, 'wrap' | 'script'>): Bytes {
  switch (c.wrap) {
    case 'sh':
      return p2shScript(c.script);
    case 'wsh':
      return p2wshScript(c.script);
    case 'sh-wsh':
      return p2shScript(p2wshScript(c.script));
  }
}

export const prevoutOf = (c: KeylessCoin): Prevout => ({ scriptPubKey: keylessScriptPubKey(c), amount: c.amount });

/** The input that spends a keyless coin: the script alone, in the scriptSig or the witness. */
export function keylessInput(c: KeylessCoin, sequence = 0xffff_fffe): RawInput {
  if (!c.outpoint) throw new Error(`coin ${c.label} was not funded`);
  const { hash, index } = c.outpoint;
  switch (c.wrap) {
    case 'sh':
      return { hash, index, script: pushData(c.script), sequence, witness: [] };
    case 'wsh':
      return { hash, index, script: new Uint8Array(0), sequence, witness: [c.script] };
    case 'sh-wsh':
      return { hash, index, script: pushData(p2wshScript(c.script)), sequence, witness: [c.script] };
  }
}

/** `OP_NOP OP_1`: two bytes, so its P2SH push is a plain push (one byte would be OP_N). */
export const TRUE_SCRIPT = Uint8Array.of(OP.OP_NOP, OP.OP_1);

/** `0 0 <keys> n CHECKMULTISIG`: a 0-of-n multisig, true without any signature; n accurate sigops. */
export function zeroOfN(keys: readonly Bytes[]): Bytes {
  if (keys.length < 1 || keys.length > 16) throw new Error('1 to 16 keys');
  return concat(
    Uint8Array.of(OP.OP_0, OP.OP_0),
    ...keys.map(pushData),
    Uint8Array.of(OP.OP_1 + keys.length - 1, OP.OP_CHECKMULTISIG),
  );
}
