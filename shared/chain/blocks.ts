/**
 * Blocks: header hashing, merkle roots, the coinbase (BIP34 height, BIP141 witness commitment)
 * and regtest proof of work. Blocks are immutable records shared by every node that has them.
 */
import { Block, Transaction } from 'bitcoinjs-lib';
import { ByteWriter, type Bytes, concat, fromHex, hashToHex, hexToHash, utf8 } from '../bitcoin/bytes';
import { hash256 } from '../bitcoin/hashes';
import { OP } from '../bitcoin/opcodes';
import { pushData, pushNumber } from '../bitcoin/script';
import type { ChainProfile } from './profiles';
import { type TxRecord, txRecord } from './txRecord';

export interface BlockHeader {
  readonly version: number;
  /** Display-order hex, as RPCs show them. */
  readonly prevHash: string;
  readonly merkleRoot: string;
  readonly time: number;
  readonly bits: number;
  readonly nonce: number;
}

export interface BlockRecord {
  readonly hash: string;
  readonly header: BlockHeader;
  readonly txs: readonly TxRecord[];
  readonly size: number;
  readonly strippedSize: number;
  readonly weight: number;
  /** Who mined it (a miner's name in the simulated network), for the chain panel. */
  readonly minedBy: string;
}

const REGTEST_BITS = 0x207fffff;
const WITNESS_COMMITMENT_HEADER = Uint8Array.of(0xaa, 0x21, 0xa9, 0xed);

function serializeHeader(h: BlockHeader): Bytes {
  return new ByteWriter(80)
    .i32(h.version)
    .bytes(hexToHash(h.prevHash))
    .bytes(hexToHash(h.merkleRoot))
    .u32(h.time)
    .u32(h.bits)
    .u32(h.nonce)
    .finish();
}

function targetFromBits(bits: number): bigint {
  const exponent = bits >>> 24;
  const mantissa = BigInt(bits & 0x007fffff);
  return exponent <= 3 ? mantissa >> BigInt(8 * (3 - exponent)) : mantissa << BigInt(8 * (exponent - 3));
}

/** Expected hashes to find a block: 2^256 / (target + 1). */
export function blockWork(bits: number): bigint {
  // Every block inserted adds its work: regtest's, a 256-bit division, is worked out once.
  return bits === REGTEST_BITS ? REGTEST_WORK : workOf(bits);
}

const workOf = (bits: number): bigint => (1n << 256n) / (targetFromBits(bits) + 1n);
const REGTEST_WORK = workOf(REGTEST_BITS);

/** The target as 32 big-endian bytes, to compare with a hash without making either a number. */
function targetBytes(bits: number): Bytes {
  const hex = targetFromBits(bits).toString(16).padStart(64, '0');
  // A target of 2^256 or more (nonsense bits) is met by every hash.
  return hex.length > 64 ? new Uint8Array(32).fill(0xff) : fromHex(hex);
}

/** hash ≤ target, the hash in internal (little-endian) byte order. */
function hashAtMost(hash: Bytes, target: Bytes): boolean {
  for (let i = 0; i < 32; i++) {
    const h = hash[31 - i]!;
    const t = target[i]!;
    if (h !== t) return h < t;
  }
  return true;
}

function merkleRoot(hashes: readonly Bytes[]): Bytes {
  if (hashes.length === 0) return new Uint8Array(32);
  let level = hashes.slice();
  while (level.length > 1) {
    const next: Bytes[] = [];
    for (let i = 0; i < level.length; i += 2) {
      next.push(hash256(concat(level[i]!, level[i + 1] ?? level[i]!)));
    }
    level = next;
  }
  return level[0]!;
}

/** Grinds the nonce until the header hash meets the target (about two tries at regtest difficulty). */
function solveProofOfWork(header: Omit<BlockHeader, 'nonce'>): { header: BlockHeader; hash: string } {
  const target = targetBytes(header.bits);
  const bytes = serializeHeader({ ...header, nonce: 0 });
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (let nonce = 0; nonce <= 0xffffffff; nonce++) {
    view.setUint32(76, nonce, true);
    const hash = hash256(bytes);
    if (hashAtMost(hash, target)) return { header: { ...header, nonce }, hash: hashToHex(hash) };
  }
  throw new Error('no nonce satisfies the target');
}

function blockHashOf(header: BlockHeader): string {
  return hashToHex(hash256(serializeHeader(header)));
}

export interface CoinbaseSpec {
  readonly height: number;
  readonly value: bigint;
  readonly scriptPubKey: Bytes;
  /** Distinguishes miners so two blocks at one height never share a coinbase txid. */
  readonly minerTag: string;
  readonly version: number;
}

export function buildCoinbase(spec: CoinbaseSpec, witnessCommitment: Bytes | undefined): Transaction {
  const tx = new Transaction();
  tx.version = spec.version;
  tx.addInput(
    new Uint8Array(32),
    0xffffffff,
    0xffffffff,
    concat(pushNumber(spec.height), pushData(utf8(spec.minerTag.slice(0, 40)))),
  );
  tx.addOutput(spec.scriptPubKey, spec.value);
  if (witnessCommitment) {
    tx.addOutput(concat(Uint8Array.of(OP.OP_RETURN, 36), WITNESS_COMMITMENT_HEADER, witnessCommitment), 0n);
    tx.setWitness(0, [new Uint8Array(32)]);
  }
  return tx;
}

/** BIP141: hash256(witness merkle root ‖ reserved value), the coinbase's wtxid counted as zero. */
export function witnessCommitmentFor(txs: readonly TxRecord[]): Bytes {
  const hashes = [new Uint8Array(32), ...txs.map((t) => t.witnessHash)];
  return hash256(concat(merkleRoot(hashes), new Uint8Array(32)));
}

/** The commitment a coinbase carries (the last output that starts with the BIP141 header). */
export function findWitnessCommitment(coinbase: Transaction): Bytes | undefined {
  for (let i = coinbase.outs.length - 1; i >= 0; i--) {
    const s = coinbase.outs[i]!.script;
    if (
      s.length >= 38 &&
      s[0] === OP.OP_RETURN &&
      s[1] === 36 &&
      s.subarray(2, 6).every((b, j) => b === WITNESS_COMMITMENT_HEADER[j])
    ) {
      return s.subarray(6, 38);
    }
  }
  return undefined;
}

export interface AssembleBlockInput {
  readonly prevHash: string;
  readonly height: number;
  readonly time: number;
  readonly version: number;
  readonly coinbase: Omit<CoinbaseSpec, 'height'>;
  readonly txs: readonly TxRecord[];
  readonly segwit: boolean;
  readonly minedBy: string;
}

export function assembleBlock(input: AssembleBlockInput): BlockRecord {
  const needsCommitment = input.segwit && input.txs.some((t) => t.hasWitness);
  const coinbase = txRecord(
    buildCoinbase(
      { ...input.coinbase, height: input.height },
      needsCommitment ? witnessCommitmentFor(input.txs) : undefined,
    ),
  );
  const txs = [coinbase, ...input.txs];
  const { header, hash } = solveProofOfWork({
    version: input.version,
    prevHash: input.prevHash,
    merkleRoot: hashToHex(merkleRoot(txs.map((t) => t.hash))),
    time: input.time,
    bits: REGTEST_BITS,
  });
  return withSizes({ hash, header, txs, minedBy: input.minedBy });
}

function varIntSize(n: number): number {
  return n < 0xfd ? 1 : n <= 0xffff ? 3 : 5;
}

export function withSizes(b: Pick<BlockRecord, 'hash' | 'header' | 'txs' | 'minedBy'>): BlockRecord {
  const head = 80 + varIntSize(b.txs.length);
  let size = head;
  let strippedSize = head;
  for (const t of b.txs) {
    size += t.size;
    strippedSize += t.baseSize;
  }
  // Field by field, not spread: a reorg-statistics run makes 12,000 blocks.
  return {
    hash: b.hash,
    header: b.header,
    txs: b.txs,
    minedBy: b.minedBy,
    size,
    strippedSize,
    weight: strippedSize * 3 + size,
  };
}

/** The real regtest genesis block of a profile (its hash matches bitcoind's / litecoind's). */
export function genesisBlock(profile: ChainProfile): BlockRecord {
  const tx = new Transaction();
  tx.version = 1;
  tx.addInput(new Uint8Array(32), 0xffffffff, 0xffffffff, fromHex(profile.genesis.coinbaseScriptSig));
  tx.addOutput(fromHex(profile.genesis.coinbaseScriptPubKey), 50n * 100_000_000n);
  const coinbase = txRecord(tx);
  const header: BlockHeader = {
    version: 1,
    prevHash: '00'.repeat(32),
    merkleRoot: hashToHex(merkleRoot([coinbase.hash])),
    time: profile.genesis.time,
    bits: profile.genesis.bits,
    nonce: profile.genesis.nonce,
  };
  return withSizes({ hash: blockHashOf(header), header, txs: [coinbase], minedBy: 'genesis' });
}

/** The block in Bitcoin's wire format (for getblock verbosity 0 and for real nodes). */
export function serializeBlock(b: BlockRecord): Bytes {
  const block = new Block();
  block.version = b.header.version;
  block.prevHash = hexToHash(b.header.prevHash);
  block.merkleRoot = hexToHash(b.header.merkleRoot);
  block.timestamp = b.header.time;
  block.bits = b.header.bits;
  block.nonce = b.header.nonce;
  block.transactions = b.txs.map((t) => t.tx);
  return block.toBuffer();
}
