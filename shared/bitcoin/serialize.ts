/**
 * A transaction's serializations (BIP144): the one its txid hashes, without witnesses, and the
 * whole one its wtxid hashes. bitcoinjs-lib's toBuffer and getHash gave the same bytes at about
 * 35 µs a transaction (getHash's hashing most of it); every draft assembled and every transaction
 * the chain records needs both, so they are written here once, into buffers of the exact size.
 * test/unit/bitcoin/serialize.test.ts checks them against bitcoinjs-lib.
 */
import { ByteWriter, type Bytes } from './bytes';
import type { TxLike } from './txTypes';

export interface TxSerialization {
  /** Without witnesses: what the txid hashes. */
  readonly base: Bytes;
  /** With witnesses (marker 0x00, flag 0x01) when any input has one; else the same array as `base`. */
  readonly full: Bytes;
  readonly hasWitness: boolean;
}

function varIntSize(n: number): number {
  return n < 0xfd ? 1 : n <= 0xffff ? 3 : n <= 0xffffffff ? 5 : 9;
}

const varSliceSize = (bytes: Bytes): number => varIntSize(bytes.length) + bytes.length;

/** Inputs and outputs: what both serializations have between the version and the witnesses. */
function bodySize(tx: TxLike): number {
  let size = varIntSize(tx.ins.length) + varIntSize(tx.outs.length);
  for (const input of tx.ins) size += 40 + varSliceSize(input.script);
  for (const output of tx.outs) size += 8 + varSliceSize(output.script);
  return size;
}

function witnessSize(tx: TxLike): number {
  let size = 0;
  for (const input of tx.ins) {
    size += varIntSize(input.witness.length);
    for (const item of input.witness) size += varSliceSize(item);
  }
  return size;
}

function writeBody(w: ByteWriter, tx: TxLike): void {
  w.varInt(tx.ins.length);
  for (const input of tx.ins) w.bytes(input.hash).u32(input.index).varBytes(input.script).u32(input.sequence);
  w.varInt(tx.outs.length);
  for (const output of tx.outs) w.i64(output.value).varBytes(output.script);
}

function hasWitnesses(tx: TxLike): boolean {
  return tx.ins.some((input) => input.witness.length > 0);
}

export function serializeTransaction(tx: TxLike): TxSerialization {
  const body = bodySize(tx);
  const base = new ByteWriter(8 + body);
  base.u32(tx.version);
  writeBody(base, tx);
  base.u32(tx.locktime);
  const baseBytes = base.finish();
  if (!hasWitnesses(tx)) return { base: baseBytes, full: baseBytes, hasWitness: false };
  const full = new ByteWriter(10 + body + witnessSize(tx));
  full.u32(tx.version).u8(0x00).u8(0x01);
  full.bytes(baseBytes.subarray(4, 4 + body));
  for (const input of tx.ins) {
    full.varInt(input.witness.length);
    for (const item of input.witness) full.varBytes(item);
  }
  full.u32(tx.locktime);
  return { base: baseBytes, full: full.finish(), hasWitness: true };
}
