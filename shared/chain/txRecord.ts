/** A transaction with the facts computed once: ids, sizes. Everything in the chain holds these. */
import { type Bytes, hashToHex } from '../bitcoin/bytes';
import { hash256 } from '../bitcoin/hashes';
import { serializeTransaction } from '../bitcoin/serialize';
import type { Transaction } from '../bitcoin/transaction';

export interface TxRecord {
  readonly tx: Transaction;
  readonly txid: string;
  readonly wtxid: string;
  /** The txid and wtxid in internal byte order (for merkle roots). */
  readonly hash: Bytes;
  readonly witnessHash: Bytes;
  /** Serialized size with witness, weight units and virtual size (BIP141). */
  readonly size: number;
  readonly weight: number;
  readonly vsize: number;
  /** Size without witness (the 2014 era's block size counts this). */
  readonly baseSize: number;
  readonly hasWitness: boolean;
}

export function txRecord(tx: Transaction): TxRecord {
  const { base, full, hasWitness } = serializeTransaction(tx);
  const baseSize = base.length;
  const size = full.length;
  const weight = baseSize * 3 + size;
  const hash = hash256(base);
  // bitcoinjs-lib gives a coinbase's witness hash as zero (BIP141 counts it so inside the witness
  // merkle tree, which witnessCommitmentFor does itself); its wtxid is its serialization's hash, as Core says.
  const witnessHash = hasWitness ? hash256(full) : hash;
  const txid = hashToHex(hash);
  return {
    tx,
    txid,
    wtxid: hasWitness ? hashToHex(witnessHash) : txid,
    hash,
    witnessHash,
    size,
    weight,
    vsize: Math.ceil(weight / 4),
    baseSize,
    hasWitness,
  };
}

export function outpointKey(txid: string, vout: number): string {
  return `${txid}:${vout}`;
}

/** The outpoint an input spends, in display order. */
export function inputOutpoint(tx: Transaction, index: number): string {
  const input = tx.ins[index]!;
  return outpointKey(hashToHex(input.hash), input.index);
}
