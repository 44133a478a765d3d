/**
 * Signature hashes with their preimages exposed (the debugger shows them): the original algorithm
 * (SigVersion BASE, with its quadratic cost and its SIGHASH_SINGLE bug), BIP143 (WITNESS_V0) and
 * BIP341's signature message (TAPROOT key path, TAPSCRIPT script path).
 */
import { ByteWriter, type Bytes } from './bytes';
import { hash256, sha256 } from './hashes';
import { OP } from './opcodes';
import { readOp } from './script';
import { SIGHASH_ALL, SIGHASH_ANYONECANPAY, SIGHASH_NONE, SIGHASH_SINGLE } from './signatureEncoding';
import { taggedHash } from './taproot';
import type { Prevout, TxLike } from './txTypes';

export type SigVersion = 'BASE' | 'WITNESS_V0' | 'TAPROOT' | 'TAPSCRIPT';

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

/** BIP341's per-transaction hashes (single SHA256), computed once and shared by every input. */
export interface TaprootCache {
  readonly shaPrevouts: Bytes;
  readonly shaAmounts: Bytes;
  readonly shaScriptPubKeys: Bytes;
  readonly shaSequences: Bytes;
  readonly shaOutputs: Bytes;
}

function writeOutput(w: ByteWriter, value: bigint, script: Bytes): ByteWriter {
  return w.i64(value).varBytes(script);
}

export function taprootCache(tx: TxLike, spentOutputs: readonly Prevout[]): TaprootCache {
  const prevouts = new ByteWriter(tx.ins.length * 36);
  const sequences = new ByteWriter(tx.ins.length * 4);
  for (const input of tx.ins) {
    prevouts.bytes(input.hash).u32(input.index);
    sequences.u32(input.sequence);
  }
  const amounts = new ByteWriter(spentOutputs.length * 8);
  const scripts = new ByteWriter(spentOutputs.length * 35);
  for (const spent of spentOutputs) {
    amounts.i64(spent.amount);
    scripts.varBytes(spent.scriptPubKey);
  }
  const outputs = new ByteWriter(tx.outs.length * 43);
  for (const output of tx.outs) writeOutput(outputs, output.value, output.script);
  return {
    shaPrevouts: sha256(prevouts.finish()),
    shaAmounts: sha256(amounts.finish()),
    shaScriptPubKeys: sha256(scripts.finish()),
    shaSequences: sha256(sequences.finish()),
    shaOutputs: sha256(outputs.finish()),
  };
}

/** SIGHASH_DEFAULT: a 64-byte Schnorr signature, no hash-type byte; it signs like SIGHASH_ALL. */
export const SIGHASH_DEFAULT = 0x00;

/** What a Taproot signature commits to beyond the transaction (Core's ScriptExecutionData). */
export interface TaprootSpendData {
  /** SHA256 of the annex (with its compact-size prefix), when the witness has one. */
  readonly annexHash: Bytes | undefined;
  /** Script path only: the leaf hash, and the opcode position of the last executed OP_CODESEPARATOR. */
  readonly tapleafHash?: Bytes;
  readonly codeSeparatorPos?: number;
}

function isValidTaprootHashType(hashType: number): boolean {
  return hashType <= 0x03 || (hashType >= 0x81 && hashType <= 0x83);
}

/**
 * BIP341's SigMsg, with the epoch byte in front (as the BIP's wallet vectors print `sigMsg`), and
 * its TapSighash. Undefined where Core's SignatureHashSchnorr returns false (interpreter.cpp:1492):
 * an undefined hash type, or SIGHASH_SINGLE with no output at the input's index.
 */
export function taprootSighash(
  tx: TxLike,
  inputIndex: number,
  spentOutputs: readonly Prevout[],
  hashType: number,
  sigVersion: 'TAPROOT' | 'TAPSCRIPT',
  spend: TaprootSpendData,
  cache: TaprootCache = taprootCache(tx, spentOutputs),
): Sighash | undefined {
  if (!isValidTaprootHashType(hashType)) return undefined;
  const outputType = hashType === SIGHASH_DEFAULT ? SIGHASH_ALL : hashType & 0x03;
  const anyoneCanPay = (hashType & SIGHASH_ANYONECANPAY) !== 0;
  if (outputType === SIGHASH_SINGLE && inputIndex >= tx.outs.length) return undefined;
  const input = tx.ins[inputIndex]!;
  const w = new ByteWriter(256);
  w.u8(0); // epoch
  w.u8(hashType);
  w.u32(tx.version).u32(tx.locktime);
  if (!anyoneCanPay) {
    w.bytes(cache.shaPrevouts).bytes(cache.shaAmounts).bytes(cache.shaScriptPubKeys).bytes(cache.shaSequences);
  }
  if (outputType === SIGHASH_ALL) w.bytes(cache.shaOutputs);
  const extFlag = sigVersion === 'TAPSCRIPT' ? 1 : 0;
  w.u8(extFlag * 2 + (spend.annexHash ? 1 : 0));
  if (anyoneCanPay) {
    const spent = spentOutputs[inputIndex]!;
    w.bytes(input.hash).u32(input.index);
    writeOutput(w, spent.amount, spent.scriptPubKey);
    w.u32(input.sequence);
  } else {
    w.u32(inputIndex);
  }
  if (spend.annexHash) w.bytes(spend.annexHash);
  if (outputType === SIGHASH_SINGLE) {
    const output = tx.outs[inputIndex]!;
    w.bytes(sha256(writeOutput(new ByteWriter(43), output.value, output.script).finish()));
  }
  if (sigVersion === 'TAPSCRIPT') {
    w.bytes(spend.tapleafHash!);
    w.u8(0); // key_version: 32-byte keys
    w.u32(spend.codeSeparatorPos ?? 0xffffffff);
  }
  const preimage = w.finish();
  return { preimage, digest: taggedHash('TapSighash', preimage) };
}
