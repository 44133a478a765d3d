/**
 * Signature hashes with their preimages exposed (the debugger shows them): the original algorithm
 * (SigVersion BASE, with its quadratic cost and its SIGHASH_SINGLE bug) and BIP143 (WITNESS_V0).
 */
import { ByteWriter, type Bytes } from './bytes';
import { hash256 } from './hashes';
import { OP } from './opcodes';
import { readOp } from './script';
import { SIGHASH_ANYONECANPAY, SIGHASH_NONE, SIGHASH_SINGLE } from './signatureEncoding';
import type { TxLike } from './txTypes';

export type SigVersion = 'BASE' | 'WITNESS_V0';

export interface Sighash {
  /** The bytes that are double-SHA256'd; undefined when the legacy SINGLE bug returns 1. */
  readonly preimage: Bytes | undefined;
  /** The 32-byte digest that is signed, in internal byte order. */
  readonly digest: Bytes;
}

/** uint256 ONE: what legacy SIGHASH_SINGLE signs when the input has no matching output. */
const ONE: Bytes = (() => {
  const one = new Uint8Array(32);
  one[0] = 1;
  return one;
})();

/** Writes the scriptCode with every OP_CODESEPARATOR removed, byte for byte as Core's serializer. */
function writeLegacyScriptCode(w: ByteWriter, scriptCode: Bytes): void {
  const separators: number[] = [];
  let pc = 0;
  let stop = scriptCode.length;
  while (pc < scriptCode.length) {
    const r = readOp(scriptCode, pc);
    if (!r.ok) {
      stop = r.error.stop;
      break;
    }
    if (r.value.opcode === OP.OP_CODESEPARATOR) separators.push(r.value.start);
    pc = r.value.end;
  }
  w.varInt(scriptCode.length - separators.length);
  let from = 0;
  for (const at of separators) {
    w.bytes(scriptCode.subarray(from, at));
    from = at + 1;
  }
  // Core writes up to where its iterator stopped, even when a truncated push stopped it early.
  if (from < scriptCode.length) w.bytes(scriptCode.subarray(from, stop));
}

/** Legacy sighash. `hashType` is the full 32-bit value (sighash.json uses arbitrary ones). */
export function legacySighash(tx: TxLike, inputIndex: number, scriptCode: Bytes, hashType: number): Sighash {
  if (inputIndex >= tx.ins.length) return { preimage: undefined, digest: ONE };
  const baseType = hashType & 0x1f;
  const single = baseType === SIGHASH_SINGLE;
  const none = baseType === SIGHASH_NONE;
  const anyoneCanPay = (hashType & SIGHASH_ANYONECANPAY) !== 0;
  if (single && inputIndex >= tx.outs.length) return { preimage: undefined, digest: ONE };

  const w = new ByteWriter(256 + tx.ins.length * 41 + tx.outs.length * 34 + scriptCode.length);
  w.u32(tx.version);
  const inputs = anyoneCanPay ? [inputIndex] : tx.ins.map((_, i) => i);
  w.varInt(inputs.length);
  for (const i of inputs) {
    const input = tx.ins[i]!;
    w.bytes(input.hash).u32(input.index);
    if (i === inputIndex) writeLegacyScriptCode(w, scriptCode);
    else w.varInt(0);
    w.u32(i !== inputIndex && (single || none) ? 0 : input.sequence);
  }
  const outputCount = none ? 0 : single ? inputIndex + 1 : tx.outs.length;
  w.varInt(outputCount);
  for (let o = 0; o < outputCount; o++) {
    if (single && o !== inputIndex) {
      w.i64(-1n).varInt(0);
    } else {
      const output = tx.outs[o]!;
      w.i64(output.value).varBytes(output.script);
    }
  }
  w.u32(tx.locktime);
  w.i32(hashType);
  const preimage = w.finish();
  return { preimage, digest: hash256(preimage) };
}

/** BIP143's per-transaction hashes, computed once and shared by every input. */
export interface Bip143Cache {
  readonly hashPrevouts: Bytes;
  readonly hashSequence: Bytes;
  readonly hashOutputs: Bytes;
}

export function bip143Cache(tx: TxLike): Bip143Cache {
  const prevouts = new ByteWriter(tx.ins.length * 36);
  const sequences = new ByteWriter(tx.ins.length * 4);
  for (const input of tx.ins) {
    prevouts.bytes(input.hash).u32(input.index);
    sequences.u32(input.sequence);
  }
  let outputsSize = 0;
  for (const output of tx.outs) outputsSize += 9 + output.script.length + (output.script.length < 0xfd ? 0 : 2);
  const outputs = new ByteWriter(outputsSize);
  for (const output of tx.outs) outputs.i64(output.value).varBytes(output.script);
  return {
    hashPrevouts: hash256(prevouts.finish()),
    hashSequence: hash256(sequences.finish()),
    hashOutputs: hash256(outputs.finish()),
  };
}

const ZERO32: Bytes = new Uint8Array(32);

export function bip143Sighash(
  tx: TxLike,
  inputIndex: number,
  scriptCode: Bytes,
  amount: bigint,
  hashType: number,
  cache: Bip143Cache = bip143Cache(tx),
): Sighash {
  const input = tx.ins[inputIndex]!;
  const baseType = hashType & 0x1f;
  const anyoneCanPay = (hashType & SIGHASH_ANYONECANPAY) !== 0;
  const singleOrNone = baseType === SIGHASH_SINGLE || baseType === SIGHASH_NONE;
  let hashOutputs: Bytes = ZERO32;
  if (!singleOrNone) hashOutputs = cache.hashOutputs;
  else if (baseType === SIGHASH_SINGLE && inputIndex < tx.outs.length) {
    const output = tx.outs[inputIndex]!;
    hashOutputs = hash256(new ByteWriter(9 + output.script.length).i64(output.value).varBytes(output.script).finish());
  }
  const w = new ByteWriter(156 + scriptCode.length + (scriptCode.length < 0xfd ? 1 : 3));
  w.u32(tx.version);
  w.bytes(anyoneCanPay ? ZERO32 : cache.hashPrevouts);
  w.bytes(anyoneCanPay || singleOrNone ? ZERO32 : cache.hashSequence);
  w.bytes(input.hash).u32(input.index);
  w.varBytes(scriptCode);
  w.i64(amount);
  w.u32(input.sequence);
  w.bytes(hashOutputs);
  w.u32(tx.locktime);
  w.i32(hashType);
  const preimage = w.finish();
  return { preimage, digest: hash256(preimage) };
}
